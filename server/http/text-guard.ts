import type { MiddlewareHandler } from 'hono';
import { ValidationError } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * Refuses text that no database can store as sent: the NUL character (PostgreSQL rejects it) and
 * unpaired UTF-16 surrogates (both engines store UTF-8, so they would come back as U+FFFD). Checked
 * once for every query parameter and JSON string, so each field is stored exactly as entered or
 * refused with a 400 naming it (ADR 082).
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isStorable(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}

function findUnstorable(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return isStorable(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorable(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorable(key)) return [...path, key];
      const found = findUnstorable(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';

export function storableTextGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (!isStorable(name) || values.some((v) => !isStorable(v)))
        throw new ValidationError(`${name}: ${MESSAGE}`, name);
    }
    if ((c.req.header('content-type') ?? '').includes('application/json')) {
      // Parsed once and cached by Hono; malformed JSON is left to the route's validation.
      const body: unknown = await c.req.json().catch(() => undefined);
      const path = findUnstorable(body, []);
      if (path) {
        const field = path.join('.');
        throw new ValidationError(field ? `${field}: ${MESSAGE}` : MESSAGE, field || undefined);
      }
    }
    await next();
  };
}
