import type { z } from '@hono/zod-openapi';
import { errorSchema } from '../../shared/schemas/common.ts';

/** Response entries every route shares, so each operation documents its 4xx answers. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true };
}

const error = (description: string) => jsonContent(errorSchema, description);

export const publicErrors = {
  400: error('The request is not valid; `field` names what is wrong.'),
  403: error('Refused.'),
  413: error('The request body is larger than the API accepts (see docs/operations.md).'),
  429: error('Too many attempts.'),
} as const;

export const signedInErrors = {
  400: error('The request is not valid; `field` names what is wrong.'),
  401: error('Not signed in.'),
  403: error('Signed in, but not allowed to do this.'),
  404: error('Does not exist, or is not visible to you.'),
  409: error('Conflicts with the current state.'),
  413: error('The request body is larger than the API accepts (see docs/operations.md).'),
} as const;

export const cookieAuth = [{ cookieAuth: [] }];
export const noAuth: { [name: string]: string[] }[] = [];
