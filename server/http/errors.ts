import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, RateLimitedError, StaleVersionError, ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Turns a zod error into one ValidationError naming the first field at fault. */
export function validationErrorFrom(error: ZodError, target?: string): ValidationError {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const field = path || target;
  const message = issue?.message ?? 'is not valid';
  if (issue?.code === 'unrecognized_keys') {
    // Name the unknown key where it is, e.g. `values.0.extra`, not just `extra`.
    const key = [...issue.path.map(String), issue.keys[0] ?? ''].join('.');
    return new ValidationError(`unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`, key);
  }
  if (issue?.code === 'invalid_type' && message.startsWith('Invalid input: expected')) {
    return new ValidationError(
      `${field ?? 'value'}: ${message.replace('Invalid input: ', '')}`,
      field,
    );
  }
  return new ValidationError(field ? `${field}: ${message}` : message, field);
}

/** One error format for every failure; unexpected errors are logged without content and answer 500. */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof AppError) {
      if (error instanceof RateLimitedError)
        c.header('Retry-After', String(error.retryAfterSeconds));
      return c.json(
        {
          error: error.id,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error instanceof StaleVersionError ? { current: error.current } : {}),
        },
        error.status,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      const message = error.message.includes('Malformed JSON')
        ? 'The request body is not valid JSON.'
        : error.message;
      return c.json({ error: 'bad_request', message }, error.status);
    }
    logger.error(
      {
        requestId: c.get('requestId'),
        route: c.req.routePath,
        err: error.name,
        stack: error.stack,
      },
      'unexpected error',
    );
    return c.json(
      {
        error: 'internal',
        message: 'Something went wrong on our side; nothing was changed. Please try again.',
      },
      500,
    );
  };
}
