import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.ts';

/**
 * fast-check arbitraries from the JSON Schemas of the OpenAPI document: valid values, and values
 * broken in exactly one place together with the field the API must name in its 400.
 */

export interface Hints {
  /** Ids seen in responses so far (read at generation time, so the pool can grow). */
  ids: () => readonly string[];
  /** Hostile strings (BLNS, XSS, SQL injection) to mix into text. */
  naughty: readonly string[];
}

export type Path = (string | number)[];

export interface Mutation {
  value: unknown;
  /** The valid value before the break. */
  original?: unknown;
  /** The field the 400 must name: the path joined with dots. */
  field: string;
  label: string;
}

const typesOf = (schema: JsonSchema): string[] => {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
};

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
const isoDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringArbitrary(schema: JsonSchema, hints: Hints, name: string): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 400;
  if (schema.format === 'uuid' || /(^id$|Id$)/.test(name)) {
    return fc
      .oneof(
        {
          weight: 6,
          arbitrary: fc.nat().map((i) => hints.ids()[i % Math.max(1, hints.ids().length)] ?? ''),
        },
        { weight: 1, arbitrary: fc.uuid() },
      )
      .filter((id) => id.length > 0 || schema.format !== 'uuid');
  }
  if (schema.format === 'date-time') return isoDate;
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return isoDate.map((d) => d.slice(0, 10));
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= min && s.length <= max);
    } catch {
      return fc.constant('a'.repeat(Math.max(min, 1)));
    }
  }
  if (/email/i.test(name))
    return fc.oneof(
      fc.emailAddress().filter((e) => e.length <= max),
      fc.constantFrom(...hints.naughty),
    );
  if (/time_?zone/i.test(name)) return fc.constantFrom(...ZONES);
  const fitting = hints.naughty.filter((s) => s.length >= min && s.length <= max);
  const textMax = Math.min(max, 60);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: Math.min(min, textMax), maxLength: textMax }) },
    {
      weight: 2,
      arbitrary: fc.string({
        unit: 'grapheme',
        minLength: Math.min(min, textMax),
        maxLength: textMax,
      }),
    },
    {
      weight: 3,
      arbitrary: fitting.length ? fc.constantFrom(...fitting) : fc.constant('x'.repeat(min)),
    },
    // The longest accepted text, where that is a size a person might type.
    { weight: 1, arbitrary: fc.constant('x'.repeat(Math.max(min, Math.min(max, 20_000)))) },
  );
}

function numberArbitrary(schema: JsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
  const bounded = isInteger
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(
    { weight: 4, arbitrary: bounded },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

/** Values the schema accepts (more or less: zod refinements the document cannot state may still refuse them). */
export function validArbitrary(schema: JsonSchema, hints: Hints, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => validArbitrary(b, hints, name)));
  if (schema.allOf?.length)
    return validArbitrary(Object.assign({}, ...schema.allOf) as JsonSchema, hints, name);
  const types = typesOf(schema);
  const options = types.map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'string':
        return stringArbitrary(schema, hints, name);
      case 'integer':
        return numberArbitrary(schema, true);
      case 'number':
        return numberArbitrary(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = schema.items ? validArbitrary(schema.items, hints, name) : fc.string();
        const minLength = schema.minItems ?? 0;
        return fc.array(items, {
          minLength,
          maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 6)),
        });
      }
      case 'object': {
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, child] of Object.entries(schema.properties ?? {}))
          model[key] = validArbitrary(child, hints, key);
        return fc.record(model, {
          requiredKeys: (schema.required ?? []).filter((k) => k in model),
        });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  });
  if (options.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return options.length === 1 ? (options[0] as fc.Arbitrary<unknown>) : fc.oneof(...options);
}

/** Values of the wrong kind for a schema; empty when none is certain to be refused. */
export function invalidValuesOf(schema: JsonSchema): { value: unknown; label: string }[] {
  if (schema.anyOf || schema.oneOf || schema.allOf) return [];
  const types = typesOf(schema);
  if (types.length === 0) return [];
  const out: { value: unknown; label: string }[] = [];
  const has = (t: string) => types.includes(t);
  if (!has('string')) out.push({ value: 'zz-wrong-type', label: 'a string' });
  if (!has('number') && !has('integer')) out.push({ value: 12345, label: 'a number' });
  if (!has('boolean')) out.push({ value: true, label: 'a boolean' });
  if (!has('null')) out.push({ value: null, label: 'null' });
  if (!has('array') && !has('object')) out.push({ value: [1, 2], label: 'an array' });
  if (schema.enum) out.push({ value: 'zz-not-an-option', label: 'not an option' });
  if (has('string') && !schema.enum) {
    if (schema.maxLength !== undefined)
      out.push({ value: 'x'.repeat(schema.maxLength + 1), label: 'too long' });
    if ((schema.minLength ?? 0) > 0) out.push({ value: '', label: 'empty' });
    if (schema.format === 'uuid') out.push({ value: 'not-a-uuid', label: 'not an id' });
    if (schema.pattern && !new RegExp(schema.pattern).test('!?'))
      out.push({ value: '!?', label: 'off pattern' });
  }
  if (has('integer')) out.push({ value: 1.5, label: 'a fraction' });
  if (has('integer') || has('number')) {
    if (schema.minimum !== undefined)
      out.push({ value: schema.minimum - 1, label: 'below minimum' });
    if (schema.maximum !== undefined)
      out.push({ value: schema.maximum + 1, label: 'above maximum' });
  }
  return out;
}

/** Every single-place break of `value` (valid for `schema`), each with the field to name. */
function mutationsAt(schema: JsonSchema, value: unknown, path: Path): Mutation[] {
  const out: Mutation[] = [];
  const types = typesOf(schema);
  if (
    types.includes('object') &&
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value)
  ) {
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const childPath = [...path, key];
      for (const bad of invalidValuesOf(child))
        out.push({
          value: setAt(record, key, bad.value),
          field: childPath.join('.'),
          label: `${key}: ${bad.label}`,
        });
      if ((schema.required ?? []).includes(key) && child.default === undefined) {
        const { [key]: _dropped, ...rest } = record;
        out.push({ value: rest, field: childPath.join('.'), label: `${key}: missing` });
      }
      if (key in record)
        for (const inner of mutationsAt(child, record[key], childPath))
          out.push({ ...inner, value: setAt(record, key, inner.value) });
    }
    if (schema.additionalProperties === false)
      out.push({
        value: { ...record, zzUnexpected: 1 },
        field: [...path, 'zzUnexpected'].join('.'),
        label: 'unknown field',
      });
  }
  if (types.includes('array') && Array.isArray(value) && value.length > 0 && schema.items) {
    for (const inner of mutationsAt(schema.items, value[0], [...path, 0]))
      out.push({ ...inner, value: [inner.value, ...value.slice(1)] });
  }
  return out;
}

function setAt(record: Record<string, unknown>, key: string, value: unknown) {
  return { ...record, [key]: value };
}

/** A valid value broken in exactly one place; null when the schema offers no certain break. */
export function mutationArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<Mutation | null> {
  return validArbitrary(schema, hints).chain((value) => {
    const candidates = [
      ...invalidValuesOf(schema).map((bad) => ({
        value: bad.value,
        field: '',
        label: `body: ${bad.label}`,
      })),
      ...mutationsAt(schema, value, []),
    ];
    return candidates.length
      ? fc.constantFrom(...candidates).map((m) => ({ ...m, original: value }))
      : fc.constant(null);
  });
}

/** A query or path parameter value the schema refuses, as it would travel in a URL. */
export function invalidParameterValues(schema: JsonSchema): string[] {
  const out: string[] = [];
  const types = typesOf(schema);
  if (schema.enum) out.push('zz-not-an-option');
  if (types.includes('integer') || types.includes('number')) {
    out.push('abc');
    if (types.includes('integer')) out.push('1.5');
    if (schema.minimum !== undefined) out.push(String(schema.minimum - 1));
    if (schema.maximum !== undefined) out.push(String(schema.maximum + 1));
  }
  if (types.includes('string') && !schema.enum) {
    if (schema.format === 'uuid') out.push('not-a-uuid');
    if (schema.maxLength !== undefined) out.push('x'.repeat(schema.maxLength + 1));
    if (schema.pattern && !new RegExp(schema.pattern).test('zz!')) out.push('zz!');
  }
  return out;
}

/** A valid query or path parameter value as a string. */
export function parameterArbitrary(
  schema: JsonSchema,
  hints: Hints,
  name: string,
): fc.Arbitrary<string> {
  return validArbitrary(schema, hints, name).map((value) =>
    typeof value === 'string' ? value : JSON.stringify(value),
  );
}
