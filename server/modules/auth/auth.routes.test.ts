import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { HOUR_MS, MINUTE_MS } from '../../clock.ts';
import { openDatabase } from '../../db/client.ts';
import { createLogger } from '../../logger.ts';
import type { MailMessage } from '../../mail/mailer.ts';
import { Agent, TEST_PASSWORD, createTestHarness } from '../../test/harness.ts';
import type { TestHarness, TestPerson } from '../../test/harness.ts';

interface SessionBody {
  person: { id: string; name: string; email: string; isAdmin: boolean; hasReports: boolean };
  organization: { name: string };
  csrfToken: string;
  expiresAt: string;
}

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

interface LinkBody {
  url: string;
  expiresAt: string;
  isEmailed: boolean;
}

const tokenOf = (url: string) => url.split('#')[1] ?? '';
const NEW_PASSWORD = 'another quite long passphrase for tests';

describe('first-run setup', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
  });
  afterAll(() => t.close());

  const setup = {
    organizationName: 'Acme Engineering',
    name: 'Ada Admin',
    email: 'Ada@Example.test',
    password: TEST_PASSWORD,
  };

  it('rejects bad input naming the field, before setup is done', async () => {
    const agent = t.agent();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...setup, organizationName: '   ' }, 'organizationName'],
      [{ ...setup, name: '' }, 'name'],
      [{ ...setup, email: 'not-an-email' }, 'email'],
      [{ ...setup, password: 'short pass' }, 'password'],
      [{ ...setup, password: 'passwordpassword' }, 'password'],
      [{ ...setup, password: '1qaz2wsx3edc4rfv' }, 'password'],
      [{ ...setup, password: 'xx ada@example.test xx' }, 'password'],
      [{ ...setup, isAdmin: true }, 'isAdmin'],
    ];
    for (const [body, field] of cases) {
      const response = await agent.post<ErrorBody>('/api/setup', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toBe('validation');
      expect(response.body.field).toBe(field);
    }
    const bad = await agent.request<ErrorBody>('POST', '/api/setup', '{"organizationName":');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('bad_request');
    expect((await agent.get('/api/setup')).body).toEqual({ isSetupNeeded: true });
  });

  it('creates the organisation and admin once, and signs them in', async () => {
    const agent = t.agent();
    expect((await agent.get('/api/setup')).body).toEqual({ isSetupNeeded: true });
    const response = await agent.post<SessionBody>('/api/setup', setup);
    expect(response.status).toBe(201);
    expect(response.headers.get('set-cookie')).toMatch(/^trajectory_session=.+; .*HttpOnly/);
    expect(response.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    expect(response.body.person).toMatchObject({
      name: 'Ada Admin',
      email: 'ada@example.test',
      isAdmin: true,
    });
    expect(response.body.organization.name).toBe('Acme Engineering');
    const session = await agent.get<SessionBody>('/api/session');
    expect(session.status).toBe(200);
    expect(session.body.person.email).toBe('ada@example.test');
    expect((await agent.get('/api/setup')).body).toEqual({ isSetupNeeded: false });
  });

  it('is closed for good once done, and changes nothing', async () => {
    const other = t.agent('192.0.2.77');
    const again = await other.post<ErrorBody>('/api/setup', {
      organizationName: 'Hijacked',
      name: 'Mallory',
      email: 'mallory@example.test',
      password: 'someone else has a long passphrase',
    });
    expect(again.status).toBe(403);
    expect(other.cookie).toBeNull();
    const people = await t.db.selectFrom('people').select(['email', 'is_admin']).execute();
    expect(people).toEqual([{ email: 'ada@example.test', is_admin: true }]);
    const org = await t.db.selectFrom('organizations').select('name').execute();
    expect(org).toEqual([{ name: 'Acme Engineering' }]);
    const admin = t.agent();
    await admin.post('/api/sessions', { email: 'ada@example.test', password: TEST_PASSWORD });
    expect((await admin.get<SessionBody>('/api/session')).body.organization.name).toBe(
      'Acme Engineering',
    );
  });

  it('stays closed even when the second attempt sends a common password', async () => {
    const response = await t.agent().post<ErrorBody>('/api/setup', {
      ...setup,
      email: 'second@example.test',
      password: 'passwordpassword',
    });
    expect(response.status).toBe(403);
  });
});

describe('first-run setup under a race', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
  });
  afterAll(() => t.close());

  it('lets exactly one of two simultaneous setups through', async () => {
    const attempt = (n: number) =>
      t.agent(`192.0.2.${n}`).post('/api/setup', {
        organizationName: `Org ${n}`,
        name: `Admin ${n}`,
        email: `admin${n}@example.test`,
        password: TEST_PASSWORD,
      });
    const results = await Promise.all([attempt(1), attempt(2)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
    const admins = await t.db.selectFrom('people').select('email').execute();
    expect(admins).toHaveLength(1);
    expect(await t.db.selectFrom('organizations').select('name').execute()).toHaveLength(1);
  });
});

describe('signing in and out', () => {
  let t: TestHarness;
  let person: TestPerson;
  let inactive: TestPerson;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    person = await t.buildPerson({ email: 'sam@example.test', password: TEST_PASSWORD });
    inactive = await t.buildPerson({
      email: 'gone@example.test',
      password: TEST_PASSWORD,
      isActive: false,
    });
  });
  afterAll(() => t.close());

  it('signs in with the right password, case-insensitively on the email', async () => {
    const agent = t.agent();
    const response = await agent.post<SessionBody>('/api/sessions', {
      email: 'Sam@Example.test',
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(201);
    expect(response.body.person.id).toBe(person.id);
    expect(response.body.csrfToken.length).toBeGreaterThan(20);
    expect(agent.cookie).toMatch(/^trajectory_session=/);
    expect((await agent.get('/api/session')).status).toBe(200);
  });

  it('answers 401 with one message for a wrong password, an unknown email and a deactivated person', async () => {
    const attempts = [
      { email: person.email, password: 'not the right password at all' },
      { email: 'nobody@example.test', password: TEST_PASSWORD },
      { email: inactive.email, password: TEST_PASSWORD },
    ];
    const messages = new Set<string>();
    for (const attempt of attempts) {
      const agent = t.agent();
      const response = await agent.post<ErrorBody>('/api/sessions', attempt);
      expect(response.status).toBe(401);
      expect(agent.cookie).toBeNull();
      messages.add(response.body.message);
    }
    expect(messages.size).toBe(1);
  });

  it('rejects malformed sign-in bodies naming the field', async () => {
    const agent = t.agent();
    const noPassword = await agent.post<ErrorBody>('/api/sessions', { email: person.email });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.field).toBe('password');
    const badEmail = await agent.post<ErrorBody>('/api/sessions', {
      email: 'sam',
      password: 'x',
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.field).toBe('email');
  });

  it('answers 401 for the session of an anonymous visitor', async () => {
    const response = await t.agent().get<ErrorBody>('/api/session');
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
    const signOut = await t.agent().delete('/api/session');
    expect(signOut.status).toBe(401);
  });

  it('issues a new session id at every sign-in', async () => {
    const agent = t.agent();
    await agent.post('/api/sessions', { email: person.email, password: TEST_PASSWORD });
    const first = agent.cookie;
    await agent.post('/api/sessions', { email: person.email, password: TEST_PASSWORD });
    const second = agent.cookie;
    expect(first).toMatch(/^trajectory_session=.{20,}/);
    expect(second).toMatch(/^trajectory_session=.{20,}/);
    expect(second).not.toBe(first);
    const sessionIds = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    for (const { id } of sessionIds) {
      expect(first).not.toContain(id);
      expect(second).not.toContain(id);
    }
  });

  it('signs out: the cookie is cleared and the old session no longer works', async () => {
    const agent = t.agent();
    await agent.post('/api/sessions', { email: person.email, password: TEST_PASSWORD });
    const cookie = agent.cookie;
    const csrfToken = agent.csrfToken;
    const response = await agent.delete('/api/session');
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/trajectory_session=;/);
    expect(agent.cookie).toBeNull();
    const replay = new Agent(t.app);
    replay.cookie = cookie;
    replay.csrfToken = csrfToken;
    expect((await replay.get('/api/session')).status).toBe(401);
    expect((await replay.get('/api/people')).status).toBe(401);
  });
});

describe('sign-in rate limits', () => {
  let t: TestHarness;
  let person: TestPerson;
  beforeAll(async () => {
    t = await createTestHarness({
      config: { signInAttemptsPerIpPerMinute: 3, signInFailuresPerAccountPerHour: 4 },
    });
    await t.buildOrganization();
    person = await t.buildPerson({ email: 'rate@example.test', password: TEST_PASSWORD });
  });
  afterAll(() => t.close());

  it('limits attempts per IP with Retry-After, and lets them through a minute later', async () => {
    const agent = t.agent('198.51.100.7');
    for (let i = 0; i < 3; i += 1) {
      const response = await agent.post('/api/sessions', {
        email: `unknown${i}@example.test`,
        password: 'wrong password here',
      });
      expect(response.status).toBe(401);
    }
    const blocked = await agent.post<ErrorBody>('/api/sessions', {
      email: person.email,
      password: TEST_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(agent.cookie).toBeNull();

    const elsewhere = await t
      .agent('198.51.100.8')
      .post('/api/sessions', { email: person.email, password: TEST_PASSWORD });
    expect(elsewhere.status).toBe(201);

    t.clock.advance(MINUTE_MS);
    const later = await agent.post('/api/sessions', {
      email: person.email,
      password: TEST_PASSWORD,
    });
    expect(later.status).toBe(201);
  });

  it('limits failures per account across IPs, even with the right password', async () => {
    t.clock.advance(HOUR_MS);
    for (let i = 0; i < 4; i += 1) {
      const response = await t
        .agent(`203.0.113.${i + 1}`)
        .post('/api/sessions', { email: person.email, password: 'wrong password here' });
      expect(response.status).toBe(401);
    }
    const blocked = await t
      .agent('203.0.113.99')
      .post<ErrorBody>('/api/sessions', { email: person.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);

    const otherAccount = await t.buildPerson({ password: TEST_PASSWORD });
    const unaffected = await t
      .agent('203.0.113.100')
      .post('/api/sessions', { email: otherAccount.email, password: TEST_PASSWORD });
    expect(unaffected.status).toBe(201);

    t.clock.advance(HOUR_MS);
    const later = await t
      .agent('203.0.113.101')
      .post('/api/sessions', { email: person.email, password: TEST_PASSWORD });
    expect(later.status).toBe(201);
  });
});

describe('CSRF protection', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let target: TestPerson;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ isAdmin: true });
    target = await t.buildPerson();
  });
  afterAll(() => t.close());

  const writes: [string, string, () => unknown][] = [
    ['POST', '/api/people', () => ({ name: 'New Person', email: 'new-csrf@example.test' })],
    ['PATCH', '/api/organization', () => ({ name: 'Renamed by CSRF' })],
    ['DELETE', '/api/session', () => undefined],
  ];

  it.each(writes)('refuses %s %s without the token', async (method, path, body) => {
    const agent = await t.agentFor(admin);
    const response = await agent.request<ErrorBody>(method, path, body(), {
      'x-csrf-token': '',
    });
    expect(response.status).toBe(403);
    expect((await agent.get('/api/session')).status).toBe(200);
  });

  it.each(writes)('refuses %s %s with a wrong token', async (method, path, body) => {
    const agent = await t.agentFor(admin);
    const other = await t.agentFor(admin);
    const response = await agent.request(method, path, body(), {
      'x-csrf-token': other.csrfToken ?? 'x',
    });
    expect(response.status).toBe(403);
  });

  it.each(writes)('refuses %s %s from another origin', async (method, path, body) => {
    const agent = await t.agentFor(admin);
    const response = await agent.request(method, path, body(), {
      origin: 'https://evil.example',
      host: new URL(t.config.baseUrl).host,
    });
    expect(response.status).toBe(403);
  });

  it('refuses an opaque "null" origin without failing', async () => {
    const agent = await t.agentFor(admin);
    for (const origin of ['null', 'not a url']) {
      for (const host of [new URL(t.config.baseUrl).host, undefined]) {
        const response = await agent.request(
          'PATCH',
          '/api/organization',
          { name: 'Null' },
          { origin, ...(host ? { host } : {}) },
        );
        expect(response.status, `${origin} ${host}`).toBe(403);
      }
    }
  });

  it('changed nothing through the refused requests', async () => {
    const people = await t.db
      .selectFrom('people')
      .select('email')
      .where('email', '=', 'new-csrf@example.test')
      .execute();
    expect(people).toEqual([]);
    const org = await t.db.selectFrom('organizations').select('name').executeTakeFirst();
    expect(org?.name).toBe('Example Org');
  });

  it('accepts writes that carry the right token from our own origin', async () => {
    const agent = await t.agentFor(admin);
    const renamed = await agent.request(
      'PATCH',
      '/api/organization',
      { name: 'Renamed', baseVersion: 1 },
      { origin: t.config.baseUrl },
    );
    expect(renamed.status).toBe(200);
    const updated = await agent.patch(`/api/people/${target.id}`, { title: 'Staff Engineer' });
    expect(updated.status).toBe(200);
    expect((await agent.delete('/api/session')).status).toBe(204);
  });
});

describe('session expiry', () => {
  let t: TestHarness;
  let person: TestPerson;
  beforeAll(async () => {
    t = await createTestHarness({ config: { sessionIdleMinutes: 60, sessionMaxHours: 24 } });
    await t.buildOrganization();
    person = await t.buildPerson();
  });
  afterAll(() => t.close());

  it('keeps an active session alive and ends an idle one', async () => {
    const agent = await t.agentFor(person);
    t.clock.advance(50 * MINUTE_MS);
    expect((await agent.get('/api/session')).status).toBe(200);
    t.clock.advance(50 * MINUTE_MS);
    expect((await agent.get('/api/session')).status).toBe(200);
    t.clock.advance(60 * MINUTE_MS);
    const expired = await agent.get('/api/session');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('set-cookie')).toMatch(/trajectory_session=;/);
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const agent = await t.agentFor(person);
    const cookie = agent.cookie;
    let elapsed = 0;
    while (elapsed + 50 * MINUTE_MS < 24 * HOUR_MS) {
      t.clock.advance(50 * MINUTE_MS);
      elapsed += 50 * MINUTE_MS;
      expect((await agent.get('/api/session')).status, `after ${elapsed / MINUTE_MS} min`).toBe(
        200,
      );
    }
    t.clock.advance(24 * HOUR_MS - elapsed);
    expect((await agent.get('/api/session')).status).toBe(401);
    const replay = new Agent(t.app);
    replay.cookie = cookie;
    t.clock.advance(-HOUR_MS);
    expect((await replay.get('/api/session')).status).toBe(401);
  });
});

describe('deactivation ends sessions', () => {
  let t: TestHarness;
  let admin: TestPerson;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ isAdmin: true });
  });
  afterAll(() => t.close());

  it('signs the person out everywhere at once, and reactivation does not revive the sessions', async () => {
    const person = await t.buildPerson();
    const laptop = await t.agentFor(person);
    const phone = await t.agentFor(person);
    const tablet = await t.agentFor(person);
    expect((await laptop.get('/api/session')).status).toBe(200);
    const adminAgent = await t.agentFor(admin);
    const response = await adminAgent.patch(`/api/people/${person.id}`, { isActive: false });
    expect(response.status).toBe(200);
    const left = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    expect(left).toEqual([]);
    expect((await laptop.get('/api/session')).status).toBe(401);
    expect((await phone.get('/api/people')).status).toBe(401);
    expect((await adminAgent.patch(`/api/people/${person.id}`, { isActive: true })).status).toBe(
      200,
    );
    // The tablet made no request while the person was deactivated: only ending it at once stops it.
    expect((await tablet.get('/api/session')).status).toBe(401);
    expect((await adminAgent.get('/api/session')).status).toBe(200);
  });

  it('ends the sessions on every instance: one deactivated on instance A is refused on instance B', async () => {
    // Two instances of the app over one database, as behind a load balancer.
    const second = await openDatabase(t.url, { poolSize: 2 });
    try {
      const instanceB = createApp({
        config: t.config,
        database: second,
        clock: t.clock,
        logger: createLogger('silent'),
        mailer: { isConfigured: false, send: async () => undefined },
        webRoot: null,
        isDecisionRequired: true,
      }).app;
      const person = await t.buildPerson({ password: TEST_PASSWORD });
      // Signed in on instance B, with a password, as a browser would be.
      const onB = new Agent(instanceB);
      const signIn = await onB.post<SessionBody>('/api/sessions', {
        email: person.email,
        password: TEST_PASSWORD,
      });
      expect(signIn.status).toBe(201);
      expect((await onB.get('/api/session')).status).toBe(200);
      expect((await onB.get('/api/people')).status).toBe(200);

      const adminOnA = await t.agentFor(admin);
      expect((await adminOnA.patch(`/api/people/${person.id}`, { isActive: false })).status).toBe(
        200,
      );
      expect((await onB.get('/api/session')).status).toBe(401);
      expect((await onB.get('/api/people')).status).toBe(401);
      expect((await onB.post('/api/what-matters', {})).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('refuses a deactivated person with a session that somehow survived', async () => {
    const person = await t.buildPerson();
    const agent = await t.agentFor(person);
    await t.db
      .updateTable('people')
      .set({ is_active: false })
      .where('id', '=', person.id)
      .execute();
    expect((await agent.get('/api/session')).status).toBe(401);
  });
});

describe('password links', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let member: TestPerson;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization('Link Org');
    admin = await t.buildPerson({ isAdmin: true });
    member = await t.buildPerson();
  });
  afterAll(() => t.close());

  it('lets only admins create links', async () => {
    const invitee = await t.buildPerson();
    const anonymous = await t.agent().post(`/api/people/${invitee.id}/invitations`);
    expect(anonymous.status).toBe(401);
    const memberAgent = await t.agentFor(member);
    expect((await memberAgent.post(`/api/people/${invitee.id}/invitations`)).status).toBe(403);
    expect((await memberAgent.post(`/api/people/${invitee.id}/password-resets`)).status).toBe(403);
    const adminAgent = await t.agentFor(admin);
    const unknown = await adminAgent.post(
      '/api/people/00000000-0000-4000-8000-000000000000/invitations',
    );
    expect(unknown.status).toBe(404);
    const badId = await adminAgent.post<ErrorBody>('/api/people/not-a-uuid/invitations');
    expect(badId.status).toBe(400);
    expect(badId.body.field).toBe('id');
    expect(t.sent).toEqual([]);
  });

  it('emails the invite link, which works once and signs the person in', async () => {
    const invitee = await t.buildPerson({ name: 'Ivy Invitee', email: 'ivy@example.test' });
    const adminAgent = await t.agentFor(admin);
    const created = await adminAgent.post<LinkBody>(`/api/people/${invitee.id}/invitations`);
    expect(created.status).toBe(201);
    expect(created.body.isEmailed).toBe(true);
    expect(created.body.url).toMatch(/^http:\/\/localhost:\d+\/set-password#[\w-]{40,}$/);
    const mail = t.sent.at(-1) as MailMessage;
    expect(mail.to).toBe('ivy@example.test');
    expect(mail.subject).toContain('Link Org');
    expect(mail.text).toContain(created.body.url);

    const token = tokenOf(created.body.url);
    const info = await t.agent().get(`/api/password-tokens/${token}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      purpose: 'invite',
      name: 'Ivy Invitee',
      email: 'ivy@example.test',
    });

    const weak = await t.agent().post<ErrorBody>('/api/passwords', {
      token,
      password: 'passwordpassword',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe('password');
    expect((await t.agent().get(`/api/password-tokens/${token}`)).status).toBe(200);

    const agent = t.agent();
    const redeemed = await agent.post<SessionBody>('/api/passwords', {
      token,
      password: NEW_PASSWORD,
    });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.person.id).toBe(invitee.id);
    expect((await agent.get('/api/session')).status).toBe(200);

    const again = await t.agent().post<ErrorBody>('/api/passwords', {
      token,
      password: 'yet another long passphrase here',
    });
    expect(again.status).toBe(404);
    expect(again.body.error).toBe('link_unusable');
    expect((await t.agent().get(`/api/password-tokens/${token}`)).status).toBe(404);

    const signIn = await t
      .agent()
      .post('/api/sessions', { email: 'ivy@example.test', password: NEW_PASSWORD });
    expect(signIn.status).toBe(201);
    const person = await adminAgent.get<{ hasPassword: boolean }>(`/api/people/${invitee.id}`);
    expect(person.body.hasPassword).toBe(true);
  });

  it('a reset ends the sessions the person had', async () => {
    const person = await t.buildPerson({ password: TEST_PASSWORD });
    const old = await t.agentFor(person);
    const adminAgent = await t.agentFor(admin);
    const created = await adminAgent.post<LinkBody>(`/api/people/${person.id}/password-resets`);
    expect(created.status).toBe(201);
    const info = await t.agent().get(`/api/password-tokens/${tokenOf(created.body.url)}`);
    expect(info.body).toMatchObject({ purpose: 'reset' });
    const redeemed = await t
      .agent()
      .post('/api/passwords', { token: tokenOf(created.body.url), password: NEW_PASSWORD });
    expect(redeemed.status).toBe(201);
    expect((await old.get('/api/session')).status).toBe(401);
    const oldPassword = await t
      .agent()
      .post('/api/sessions', { email: person.email, password: TEST_PASSWORD });
    expect(oldPassword.status).toBe(401);
  });

  it('works once even when used twice at the same moment', async () => {
    const invitee = await t.buildPerson();
    const adminAgent = await t.agentFor(admin);
    const created = await adminAgent.post<LinkBody>(`/api/people/${invitee.id}/invitations`);
    const token = tokenOf(created.body.url);
    const results = await Promise.all([
      t.agent().post('/api/passwords', { token, password: NEW_PASSWORD }),
      t.agent().post('/api/passwords', { token, password: 'a different long passphrase' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 404]);
  });

  it('expires', async () => {
    const invitee = await t.buildPerson();
    const adminAgent = await t.agentFor(admin);
    const created = await adminAgent.post<LinkBody>(`/api/people/${invitee.id}/password-resets`);
    const token = tokenOf(created.body.url);
    expect(Date.parse(created.body.expiresAt) - t.clock.now().getTime()).toBe(24 * HOUR_MS);
    t.clock.advance(24 * HOUR_MS);
    expect((await t.agent().get(`/api/password-tokens/${token}`)).status).toBe(404);
    const redeem = await t.agent().post('/api/passwords', { token, password: NEW_PASSWORD });
    expect(redeem.status).toBe(404);
  });

  it('a newer link retires the older one', async () => {
    const invitee = await t.buildPerson();
    const adminAgent = await t.agentFor(admin);
    const first = await adminAgent.post<LinkBody>(`/api/people/${invitee.id}/invitations`);
    const second = await adminAgent.post<LinkBody>(`/api/people/${invitee.id}/invitations`);
    expect(second.body.url).not.toBe(first.body.url);
    const old = await t
      .agent()
      .post('/api/passwords', { token: tokenOf(first.body.url), password: NEW_PASSWORD });
    expect(old.status).toBe(404);
    const fresh = await t
      .agent()
      .post('/api/passwords', { token: tokenOf(second.body.url), password: NEW_PASSWORD });
    expect(fresh.status).toBe(201);
  });

  it('stops working when the person is deactivated, and cannot be created for them', async () => {
    const invitee = await t.buildPerson();
    const adminAgent = await t.agentFor(admin);
    const created = await adminAgent.post<LinkBody>(`/api/people/${invitee.id}/invitations`);
    await adminAgent.patch(`/api/people/${invitee.id}`, { isActive: false });
    const token = tokenOf(created.body.url);
    expect((await t.agent().get(`/api/password-tokens/${token}`)).status).toBe(404);
    const again = await adminAgent.post<ErrorBody>(`/api/people/${invitee.id}/invitations`);
    expect(again.status).toBe(400);
  });

  it('answers 404 for an unknown link and 400 for a malformed one', async () => {
    const unknown = await t.agent().get(`/api/password-tokens/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const short = await t.agent().get<ErrorBody>('/api/password-tokens/abc');
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('token');
    const noToken = await t.agent().post<ErrorBody>('/api/passwords', { password: NEW_PASSWORD });
    expect(noToken.status).toBe(400);
    expect(noToken.body.field).toBe('token');
  });
});

describe('what the server logs about password links', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
  });
  afterAll(() => t.close());

  function appLoggingTo(lines: string[], isMailConfigured: boolean) {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const sent: MailMessage[] = [];
    const { app } = createApp({
      config: t.config,
      database: t.database,
      clock: t.clock,
      logger: createLogger('trace', sink),
      mailer: { isConfigured: isMailConfigured, send: async (m) => void sent.push(m) },
      webRoot: null,
      isDecisionRequired: true,
    });
    return { app, sent };
  }

  async function invite(app: ReturnType<typeof appLoggingTo>['app']) {
    const admin = await t.buildPerson({ isAdmin: true });
    const invitee = await t.buildPerson();
    const session = await t.services.auth.openSessionFor(admin.id);
    const agent = new Agent(app);
    agent.cookie = `trajectory_session=${session.token}`;
    agent.csrfToken = session.csrfToken;
    const response = await agent.post<LinkBody>(`/api/people/${invitee.id}/invitations`);
    expect(response.status).toBe(201);
    const token = tokenOf(response.body.url);
    expect((await new Agent(app).get(`/api/password-tokens/${token}`)).status).toBe(200);
    const redeemed = await new Agent(app).post('/api/passwords', {
      token,
      password: NEW_PASSWORD,
    });
    expect(redeemed.status).toBe(201);
    return { token, cookie: session.token };
  }

  it('never logs the link, the password or the session when mail is configured', async () => {
    const lines: string[] = [];
    const { app, sent } = appLoggingTo(lines, true);
    const { token, cookie } = await invite(app);
    expect(sent).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('');
    expect(log).not.toContain(token);
    expect(log).not.toContain(NEW_PASSWORD);
    expect(log).not.toContain(cookie);
  });

  it('logs the link for the admin to share when mail is not configured', async () => {
    const lines: string[] = [];
    const { app, sent } = appLoggingTo(lines, false);
    const { token } = await invite(app);
    expect(sent).toHaveLength(0);
    expect(lines.join('')).toContain(token);
  });
});

describe('security headers', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
  });
  afterAll(() => t.close());

  it('sends a strict CSP and the other protective headers', async () => {
    const response = await t.agent().get('/api/health');
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('tells caches not to keep API answers, errors included', async () => {
    for (const path of ['/api/health', '/api/session', '/api/no-such-route']) {
      const response = await t.agent().get(path);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('keeps a Cache-Control a route chose itself', async () => {
    const asset = await t.agent().get('/api/docs/swagger-ui.css');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=86400');
  });

  it('sets a Secure __Host- cookie and HSTS when the base URL is https', async () => {
    const secure = await createTestHarness({ config: { baseUrl: 'https://trajectory.example' } });
    try {
      await secure.buildOrganization();
      const person = await secure.buildPerson({ password: TEST_PASSWORD });
      const response = await secure
        .agent()
        .post('/api/sessions', { email: person.email, password: TEST_PASSWORD });
      expect(response.status).toBe(201);
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^__Host-trajectory_session=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });
});

describe('the session', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
  });
  afterAll(() => t.close());

  it('tells the menu whether the person has anyone reporting to them today', async () => {
    const manager = await t.buildPerson({ name: 'Mina Manager' });
    const report = await t.buildPerson({ name: 'Rae Report', managerId: manager.id });
    const managerSession = await (await t.agentFor(manager)).get<SessionBody>('/api/session');
    const reportSession = await (await t.agentFor(report)).get<SessionBody>('/api/session');
    expect(managerSession.body.person.hasReports).toBe(true);
    expect(reportSession.body.person.hasReports).toBe(false);
  });
});
