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

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly id = 'rate_limited';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
