/** Errors the API answers with a stable id. Anything else is unexpected and answers 500. */
export abstract class AppError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 428 | 429;
  abstract readonly id: string;
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly id = 'validation';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly id = 'unauthorized';
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly id = 'forbidden';
  constructor(message = 'You are not allowed to do that.') {
    super(message);
  }
}

/** Also used for records the actor may not see, so their existence is not revealed. */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly id = 'not_found';
  constructor(noun = 'record') {
    super(`That ${noun} does not exist or you do not have access to it.`);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly id: string;
  constructor(message: string, field?: string, id = 'conflict') {
    super(message, field);
    this.id = id;
  }
}

/**
 * A write to a shared, editable record named a version that is no longer current (ADR 080).
 * Answers 409 with the record as it is now, so the client can show it and merge.
 */
export class StaleVersionError extends AppError {
  readonly status = 409;
  readonly id = 'stale_version';
  readonly current: Record<string, unknown> & { version: number };
  constructor(
    message: string,
    current: Record<string, unknown> & { version: number },
    field = 'baseVersion',
  ) {
    super(message, field);
    this.current = current;
  }
}

/** A write to a shared, editable record came without the version it started from (ADR 080). */
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly id = 'precondition_required';
  constructor(
    message = 'Send the version you started from (If-Match header or "baseVersion") so no edit is lost.',
    field = 'baseVersion',
  ) {
    super(message, field);
  }
}

/** The base version a write must name: 428 when it is missing. */
export function requireBaseVersion(baseVersion: number | undefined): number {
  if (baseVersion === undefined) throw new PreconditionRequiredError();
  return baseVersion;
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly id = 'rate_limited';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
