/**
 * The operations of the OpenAPI document, read from the running app (never from a hand-made
 * list), with every `$ref` resolved so each schema stands on its own.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
  [key: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `PUT /api/conversations/{id}/shared-notes` */
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
  parameters: Parameter[];
  body: JsonSchema | null;
  isBodyRequired: boolean;
  /** Declared responses by status: the JSON schema, or null when no JSON body is declared. */
  responses: Map<number, JsonSchema | null>;
  /** Declared media types by status (a download may declare a zip beside its JSON form). */
  mediaTypes: Map<number, string[]>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: Record<string, Record<string, unknown>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Replaces every local `$ref` with the schema it points to (cycles are left as `{}`). */
function resolve(value: unknown, doc: OpenApiDocument, seen: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, doc, seen));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.includes(ref)) return {};
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
    return resolve(target, doc, [...seen, ref]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) out[key] = resolve(child, doc, seen);
  return out;
}

function jsonSchemaOf(content: unknown): JsonSchema | null {
  const json = (content as Record<string, { schema?: JsonSchema }> | undefined)?.[
    'application/json'
  ];
  return json?.schema ?? null;
}

/** Every operation of the document, sorted by path then method so runs are repeatable. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    const item = doc.paths[path] ?? {};
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const op = resolve(raw, doc) as {
        security?: unknown[];
        parameters?: Parameter[];
        requestBody?: { content?: unknown; required?: boolean };
        responses?: Record<string, { content?: unknown }>;
      };
      const responses = new Map<number, JsonSchema | null>();
      const mediaTypes = new Map<number, string[]>();
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        responses.set(Number(status), jsonSchemaOf(response.content));
        mediaTypes.set(Number(status), Object.keys((response.content as object | undefined) ?? {}));
      }
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        parameters: (op.parameters ?? []).map((p) => ({ ...p, required: p.required === true })),
        body: op.requestBody ? jsonSchemaOf(op.requestBody.content) : null,
        isBodyRequired: op.requestBody?.required === true,
        responses,
        mediaTypes,
      });
    }
  }
  return operations;
}
