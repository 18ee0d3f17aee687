import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createApp } from '../app.ts';
import type { App } from '../app.ts';
import { createFixedClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { cloneDatabase, dropDatabase, openDatabase } from '../db/client.ts';
import type { Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import type { Logger } from '../logger.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { insertPerson } from '../modules/people/people.repository.ts';
import { changeManager } from '../modules/people/people.service.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { upsertCredentials } from '../modules/auth/auth.repository.ts';
import { insertOrganization } from '../modules/organization/organization.repository.ts';

export const TEST_PASSWORD = 'a long and memorable test passphrase';
export const TEST_START = '2026-03-02T09:00:00.000Z';

export interface TestPerson {
  id: string;
  email: string;
  name: string;
}

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps its cookie and sends its CSRF token on writes. */
export class Agent {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(
    private readonly app: App,
    readonly ip = '192.0.2.1',
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (body !== undefined) {
      h['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h))
      h['x-csrf-token'] = this.csrfToken;
    const response = await this.app.request(path, init, {
      incoming: { socket: { remoteAddress: this.ip } },
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !pair.endsWith('=') ? pair : null;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    if (
      parsed &&
      typeof parsed === 'object' &&
      'csrfToken' in parsed &&
      typeof parsed.csrfToken === 'string'
    ) {
      this.csrfToken = parsed.csrfToken;
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export type TestHarness = Awaited<ReturnType<typeof createTestHarness>>;

/**
 * A fresh, migrated database (cloned from the run's template) behind a real app, a settable clock
 * and a mailer that records what it sends. Call `close()` in afterAll.
 */
export async function createTestHarness(
  options: { config?: Partial<Config>; mailer?: Mailer; logger?: Logger } = {},
) {
  const url = await cloneDatabase(
    inject('templateUrl'),
    `trajectory_t_${randomBytes(6).toString('hex')}`,
  );
  const database: Database = await openDatabase(url, { poolSize: 4 });
  const clock = createFixedClock(TEST_START);
  const config: Config = {
    ...loadConfig({
      DATA_DIR: process.env.TMPDIR ?? '/tmp',
      SECRET_KEY: 'test-secret-key-that-is-long-enough-123',
      LOG_LEVEL: 'silent',
    }),
    signInAttemptsPerIpPerMinute: 1000,
    signInFailuresPerAccountPerHour: 1000,
    ...options.config,
  };
  const sent: MailMessage[] = [];
  const mailer: Mailer = options.mailer ?? {
    isConfigured: true,
    send: async (message) => void sent.push(message),
  };
  const logger = options.logger ?? createLogger('silent');
  const { app, services } = createApp({
    config,
    database,
    clock,
    logger,
    mailer,
    webRoot: null,
    isDecisionRequired: true,
  });

  const harness = {
    /** The database URL, for opening a second connection as another instance would. */
    url,
    app,
    services,
    database,
    db: database.db,
    clock,
    config,
    sent,
    agent: (ip?: string): Agent => new Agent(app, ip),
    /** An agent already signed in as the person (skips the password check for speed). */
    async agentFor(person: TestPerson): Promise<Agent> {
      const agent = new Agent(app);
      const session = await services.auth.openSessionFor(person.id);
      agent.cookie = `trajectory_session=${session.token}`;
      agent.csrfToken = session.csrfToken;
      return agent;
    },
    /** Inserts a person directly; `managerId` starts a reporting line on `managerSince` (default today). */
    async buildPerson(
      overrides: Partial<{
        name: string;
        email: string;
        title: string;
        team: string;
        isAdmin: boolean;
        isPeopleTeam: boolean;
        isActive: boolean;
        managerId: string;
        managerSince: string;
        password: string;
        timezone: string;
      }> = {},
    ): Promise<TestPerson> {
      const id = randomUUID();
      const now = clock.now().toISOString();
      const name = overrides.name ?? `Person ${id.slice(0, 6)}`;
      const email = overrides.email ?? `${id.slice(0, 8)}@example.test`;
      await insertPerson(database.db, {
        id,
        email,
        name,
        title: overrides.title ?? 'Software Engineer',
        team: overrides.team ?? 'Platform',
        timezone: overrides.timezone ?? 'UTC',
        start_date: null,
        is_admin: overrides.isAdmin ?? false,
        is_people_team: overrides.isPeopleTeam ?? false,
        is_active: overrides.isActive ?? true,
        deactivated_at: null,
        created_at: now,
        updated_at: now,
      });
      if (overrides.password)
        await upsertCredentials(database.db, id, await hashPassword(overrides.password), now);
      if (overrides.managerId) {
        await changeManager(database.db, {
          reportId: id,
          managerId: overrides.managerId,
          startsOn: overrides.managerSince ?? now.slice(0, 10),
          createdBy: null,
          createdAt: now,
        });
      }
      return { id, email, name };
    },
    /** Creates the organisation row (what setup does) so the app behaves as after first run. */
    async buildOrganization(name = 'Example Org'): Promise<void> {
      await insertOrganization(database.db, name, clock.now().toISOString());
    },
    async close(): Promise<void> {
      await database.close();
      await dropDatabase(url);
    },
  };
  return harness;
}
