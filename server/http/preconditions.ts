import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errorSchema, staleVersionSchemaOf } from '../../shared/schemas/common.ts';
import { ValidationError } from '../errors.ts';
import { jsonContent } from './openapi.ts';

/**
 * Version preconditions on shared, editable records (ADR 080). A write names the version it
 * started from, as `If-Match: "<version>"` or `baseVersion` in the body; the service compares and
 * sets in one statement, answering 409 with the current record when stale and 428 when missing.
 */

/** `If-Match: "3"`, `W/"3"` or `3` → 3; absent → undefined; anything else is a 400 naming If-Match. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match?.[1])
    throw new ValidationError('If-Match must be a record version such as "3"', 'If-Match');
  return Number(match[1]);
}

/** The base version of a write: the If-Match header wins over `baseVersion` in the body. */
export function baseVersionOf(c: Context, body: { baseVersion?: number | undefined }) {
  return versionFromIfMatch(c.req.header('if-match')) ?? body.baseVersion;
}

/** Sets `ETag: "<version>"` so clients may use If-Match instead of the body field. */
export function setVersionTag(c: Context, version: number): void {
  c.header('ETag', `"${version}"`);
}

/** The 409 and 428 answers every precondition-guarded write documents. */
export function preconditionResponses<T extends z.ZodType>(current: T) {
  return {
    409: jsonContent(
      staleVersionSchemaOf(current),
      'Someone saved first: the record as it is now, with its version',
    ),
    428: jsonContent(errorSchema, 'No base version was sent (If-Match or baseVersion)'),
  };
}

/** The optional If-Match request header, for the operation's declaration. */
export const ifMatchHeaderSchema = z.object({
  'if-match': z.string().max(40).optional().openapi({
    description: 'The version the edit started from, as returned in `ETag` or `version`.',
  }),
});
