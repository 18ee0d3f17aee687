import type { Session } from '../../shared/schemas/auth.ts';

/** A failed API call, carrying the server's stable error id, its sentence and the field at fault. */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly field: string | undefined;
  /** On a 409 stale_version (ADR 080): the record as it is now, with its `version`. */
  readonly current: unknown;
  /** Every other field of the error body, as sent. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    error: string,
    message: string,
    field?: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.field = field;
    this.details = details;
    this.current = details.current;
  }

  /** True for a write refused because someone saved first; `current` then holds their version. */
  get isStale(): boolean {
    return this.status === 409 && this.error === 'stale_version';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// The CSRF token comes with the session; every state-changing request echoes it in a header.
let csrfToken: string | null = null;

/** Remembers the CSRF token of the session the server just returned (or forgets it on sign-out). */
export function rememberSession(session: Session | null): void {
  csrfToken = session?.csrfToken ?? null;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

function urlOf(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Record<string, unknown>;
    if (body && typeof body.message === 'string') {
      const { error, message, field, ...details } = body;
      return new ApiError(
        response.status,
        typeof error === 'string' ? error : 'error',
        message as string,
        typeof field === 'string' ? field : undefined,
        details,
      );
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic sentence.
  }
  return new ApiError(
    response.status,
    'http_error',
    `The server answered ${response.status}. Please try again in a moment.`,
  );
}

async function ensureCsrfToken(): Promise<void> {
  if (csrfToken) return;
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (response.ok) rememberSession((await response.json()) as Session);
}

/** Calls the Trajectory API; resolves with the parsed JSON (undefined for 204) or throws ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (!SAFE_METHODS.has(method)) {
    await ensureCsrfToken();
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network',
      'Trajectory could not reach the server. Check your connection and try again.',
    );
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The sentence to show for any error thrown by a query or mutation. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something unexpected went wrong. Please try again.';
}
