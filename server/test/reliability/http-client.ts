/**
 * A minimal cookie-and-CSRF client for a server in another process (the harness's Agent talks
 * to an in-process app instead).
 */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export class RemoteAgent {
  private cookie = '';
  private csrfToken = '';

  constructor(private readonly baseUrl: string) {}

  /** Points the agent at a restarted server (sessions live in the database, so they survive). */
  rebase(baseUrl: string): RemoteAgent {
    const agent = new RemoteAgent(baseUrl);
    agent.cookie = this.cookie;
    agent.csrfToken = this.csrfToken;
    return agent;
  }

  /** The cookie and CSRF headers a request of this agent carries. */
  headers(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrfToken };
  }

  async signIn(email: string, password: string): Promise<void> {
    const reply = await this.request<{ csrfToken?: string }>('POST', '/api/sessions', {
      email,
      password,
    });
    if (reply.status !== 201) throw new Error(`sign-in failed for ${email}: ${reply.status}`);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    const token = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return { status: response.status, body: parsed as T };
  }
}
