import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import type { Agent, TestHarness, TestResponse } from '../harness.ts';
import type { Role } from '../../modules/conversations/conversations.fixtures.ts';
import type { FuzzWorld } from './fuzz-world.ts';
import { hostileStrings } from './hostile-strings.ts';
import { operationsOf } from './openapi-operations.ts';
import type { JsonSchema, OpenApiDocument, Operation } from './openapi-operations.ts';
import {
  invalidParameterValues,
  mutationArbitrary,
  parameterArbitrary,
  validArbitrary,
} from './schema-arbitraries.ts';
import type { Hints, Mutation } from './schema-arbitraries.ts';

/**
 * Fuzzes every operation of the OpenAPI document through the real app. Checks, per request:
 * no 5xx; the status is one the operation declares; a JSON body matches the schema declared for
 * that status (objects closed: undeclared fields fail); input broken in one place answers 400
 * naming that field (401 first for the anonymous on a protected operation); a write to a record
 * under a version precondition never succeeds without one (ADR 080).
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface FuzzRequest {
  role: Role;
  mode: 'valid' | 'invalid';
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
  /** For an invalid request: where it was broken ('' = the whole body) and how. */
  broken?: { location: string; field: string; label: string };
  /** For an invalid request: the same request before it was broken. */
  base?: FuzzRequest;
}

export interface FuzzFailure {
  operation: string;
  problem: string;
  request: FuzzRequest;
  status: number;
  response: unknown;
}

export interface FuzzStats {
  requests: number;
  /** Broken requests whose unbroken base was refused too (the generator cannot express every zod rule). */
  inconclusive: number;
  valid: number;
  invalid: number;
  byStatus: Record<string, number>;
  operations: number;
  failures: FuzzFailure[];
  msByOperation: Record<string, number>;
}

const ROLES: Role[] = [
  'admin',
  'manager',
  'engineer',
  'leader',
  'peer',
  'otherManager',
  'anonymous',
];

/** Closes every object schema (additionalProperties: false) so extra response fields fail. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closed(v)]));
    } else out[key] = closed(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function urlOf(op: Operation, request: FuzzRequest): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(request.pathParams[name] ?? 'missing'),
  );
  const search = new URLSearchParams(request.query).toString();
  return search ? `${path}?${search}` : path;
}

/** Whether the request named the version it started from (If-Match, baseVersion or version). */
function hasPrecondition(request: FuzzRequest): boolean {
  if (Object.keys(request.headers).some((h) => h.toLowerCase() === 'if-match')) return true;
  const body = request.body;
  return (
    body !== null &&
    typeof body === 'object' &&
    ('baseVersion' in body || 'version' in body) &&
    ((body as Record<string, unknown>).baseVersion !== undefined ||
      (body as Record<string, unknown>).version !== undefined)
  );
}

function requestArbitrary(op: Operation, hints: Hints): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters.filter((p) => p.in !== 'cookie');
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headerParams = params.filter((p) => p.in === 'header');
  const pathArb = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [p.name, parameterArbitrary(p.schema, hints, p.name)]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const queryArb = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [p.name, parameterArbitrary(p.schema, hints, p.name)]),
    ),
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
  ) as fc.Arbitrary<Record<string, string>>;
  const headerArb = fc.record(
    Object.fromEntries(
      headerParams.map((p) => [
        p.name,
        /if-match/i.test(p.name)
          ? fc.nat({ max: 5 }).map((n) => `"${n}"`)
          : parameterArbitrary(p.schema, hints, p.name),
      ]),
    ),
    { requiredKeys: headerParams.filter((p) => p.required).map((p) => p.name) },
  ) as fc.Arbitrary<Record<string, string>>;
  const bodyArb: fc.Arbitrary<unknown> = op.body
    ? validArbitrary(op.body, hints)
    : fc.constant(undefined);
  const valid = fc
    .record({
      role: fc.constantFrom(...ROLES),
      pathParams: pathArb,
      query: queryArb,
      headers: headerArb,
      body: bodyArb,
    })
    .map((r): FuzzRequest => ({ ...r, mode: 'valid', hasBody: op.body !== null }));

  // Broken in exactly one place: a path parameter, a query parameter, or the body.
  const breaks: fc.Arbitrary<{
    location: string;
    field: string;
    label: string;
    value: unknown;
    original?: unknown;
  }>[] = [];
  for (const p of [...pathParams, ...queryParams]) {
    const bad = invalidParameterValues(p.schema);
    if (bad.length)
      breaks.push(
        fc.constantFrom(
          ...bad.map((value) => ({
            location: p.in,
            field: p.name,
            label: `${p.name}=${value.slice(0, 20)}`,
            value,
          })),
        ),
      );
    if (p.in === 'query' && p.required)
      breaks.push(
        fc.constant({
          location: 'query-missing',
          field: p.name,
          label: `${p.name} missing`,
          value: undefined,
        }),
      );
  }
  if (op.body) {
    breaks.push(
      mutationArbitrary(op.body, hints)
        .filter((m): m is Mutation => m !== null)
        .map((m) => ({
          location: 'body',
          field: m.field,
          label: m.label,
          value: m.value,
          original: m.original,
        })),
    );
    // A missing JSON body is read as `{}`: broken only when the schema requires some field.
    if (op.isBodyRequired && (op.body.required ?? []).length > 0)
      breaks.push(
        fc.constant({ location: 'body-missing', field: '', label: 'no body', value: undefined }),
      );
  }
  if (breaks.length === 0) return valid;
  const invalid = fc.tuple(valid, fc.oneof(...breaks)).map(([base, b]): FuzzRequest => {
    const request: FuzzRequest = {
      ...base,
      mode: 'invalid',
      broken: { location: b.location, field: b.field, label: b.label },
      base: b.location === 'body' ? { ...base, body: b.original } : base,
    };
    if (b.location === 'path')
      request.pathParams = { ...base.pathParams, [b.field]: String(b.value) };
    if (b.location === 'query') request.query = { ...base.query, [b.field]: String(b.value) };
    if (b.location === 'query-missing') {
      const { [b.field]: _dropped, ...rest } = base.query;
      request.query = rest;
    }
    if (b.location === 'body') request.body = b.value;
    if (b.location === 'body-missing') request.hasBody = false;
    return request;
  });
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: invalid });
}

/** What is wrong with one answer, or null. */
function problemOf(
  op: Operation,
  request: FuzzRequest,
  response: TestResponse,
  validatorFor: (schema: JsonSchema) => ValidateFunction,
): string | null {
  const { status, body } = response;
  if (status >= 500) return `${status}: ${JSON.stringify(body).slice(0, 200)}`;
  if (!op.responses.has(status)) return `undeclared status ${status}`;
  const schema = op.responses.get(status);
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const isJson = contentType === 'application/json';
  const declared = op.mediaTypes.get(status) ?? [];
  if (!isJson && declared.length > 0 && !declared.includes(contentType))
    return `${status} answered ${contentType}, which is not declared (${declared.join(', ')})`;
  if (schema && isJson) {
    const validate = validatorFor(schema);
    if (!validate(body))
      return `body does not match the ${status} schema: ${validate.errors
        ?.slice(0, 3)
        .map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
        .join('; ')}`;
  }
  if (request.mode === 'invalid' && request.broken) {
    const expected = request.role === 'anonymous' && !op.isPublic ? 401 : 400;
    if (status !== expected)
      return `broken input (${request.broken.label}) answered ${status}, expected ${expected}`;
    const field = (body as { field?: unknown } | null)?.field;
    if (expected === 400 && request.broken.field !== '' && field !== request.broken.field)
      return `400 named field ${JSON.stringify(field)}, expected "${request.broken.field}" (${request.broken.label})`;
  }
  if (
    request.mode === 'valid' &&
    status < 300 &&
    op.responses.has(428) &&
    !hasPrecondition(request)
  )
    return `${status} for a write without a version precondition (the operation declares 428)`;
  return null;
}

export interface FuzzOptions {
  seed: number;
  /** Requests in all, spread evenly over the operations. */
  total: number;
  /** Operations to leave out (none by default). */
  skip?: (op: Operation) => boolean;
}

/** Runs the fuzzer; never throws on a finding, returns them in `failures`. */
export async function fuzzApi(
  t: TestHarness,
  world: FuzzWorld,
  options: FuzzOptions,
): Promise<FuzzStats> {
  const doc = (await t.agent().get<OpenApiDocument>('/api/openapi.json')).body;
  const operations = operationsOf(doc).filter((op) => !options.skip?.(op));
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  // Compiling is the slow part: one validator per distinct schema text, not per operation.
  const validators = new Map<string, ValidateFunction>();
  const byObject = new WeakMap<JsonSchema, ValidateFunction>();
  const validatorFor = (schema: JsonSchema) => {
    const known = byObject.get(schema);
    if (known) return known;
    const text = JSON.stringify(closed(schema));
    let validate = validators.get(text);
    if (!validate) {
      validate = ajv.compile(JSON.parse(text) as object);
      validators.set(text, validate);
    }
    byObject.set(schema, validate);
    return validate;
  };
  const hints: Hints = { ids: world.pool.ids, naughty: hostileStrings };
  const stats: FuzzStats = {
    requests: 0,
    inconclusive: 0,
    valid: 0,
    invalid: 0,
    byStatus: {},
    operations: operations.length,
    failures: [],
    msByOperation: {},
  };
  const perOperation = Math.ceil(options.total / operations.length);

  const send = async (agent: Agent, op: Operation, request: FuzzRequest) =>
    agent.request(
      op.method,
      urlOf(op, request),
      request.hasBody ? (request.body ?? null) : undefined,
      request.headers,
    );

  for (const [index, op] of operations.entries()) {
    const opStarted = performance.now();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(op, hints), async (request) => {
        let response = await send(world.agents[request.role], op, request);
        stats.requests += 1;
        if (response.status === 401 && request.role !== 'anonymous') {
          // An earlier random write signed this role out or deactivated it: start again.
          await world.heal();
          response = await send(await world.refresh(request.role), op, request);
          stats.requests += 1;
        }
        stats[request.mode] += 1;
        stats.byStatus[response.status] = (stats.byStatus[response.status] ?? 0) + 1;
        world.pool.harvest(response.body);
        if (op.method !== 'GET' && response.status < 300) await world.heal();
        let problem = problemOf(op, request, response, validatorFor);
        if (problem?.startsWith('400 named field') && request.base) {
          // Another field was refused first: if the unbroken request is refused too, the
          // generated base was not acceptable (a zod rule the document cannot state).
          const base = await send(world.agents[request.role], op, request.base);
          stats.requests += 1;
          if (base.status === 400) {
            stats.inconclusive += 1;
            problem = null;
          }
        }
        if (problem)
          stats.failures.push({
            operation: op.key,
            problem,
            request,
            status: response.status,
            response: response.body,
          });
        return true;
      }),
      { seed: options.seed + index, numRuns: perOperation, endOnFailure: true },
    );
    stats.msByOperation[op.key] = Math.round(performance.now() - opStarted);
  }
  return stats;
}
