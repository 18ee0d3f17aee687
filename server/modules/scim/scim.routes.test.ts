import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness, TestPerson } from '../../test/harness.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface ScimUser {
  id: string;
  userName: string;
  externalId?: string;
  active: boolean;
  displayName: string;
  title?: string;
  emails: { value: string; type?: string; primary?: boolean }[];
  name: Record<string, string>;
  [ENTERPRISE]: {
    employeeNumber?: string;
    department?: string;
    manager?: { value: string };
  };
}

interface ScimList {
  schemas: string[];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: ScimUser[];
}

interface Reply<T> {
  status: number;
  body: T;
  contentType: string | null;
}

describe('SCIM 2.0 at /scim/v2', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let token: string;

  async function scim<T = ScimUser>(
    method: string,
    path: string,
    body?: unknown,
    bearer: string | null = token,
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/scim+json';
    const response = await t.app.request(`/scim/v2${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      contentType: response.headers.get('content-type'),
    };
  }

  const patch = (id: string, Operations: unknown[]) =>
    scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations });

  const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
    schemas: [USER, ENTERPRISE],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    active: true,
    ...extra,
  });

  async function managerOf(personId: string): Promise<string | null> {
    const response = await (
      await t.agentFor(admin)
    ).get<{ manager: { id: string } | null }>(`/api/people/${personId}`);
    return response.body.manager?.id ?? null;
  }

  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ isAdmin: true, email: 'admin@example.test' });
    const created = await (
      await t.agentFor(admin)
    ).post<{ token: string }>('/api/scim-tokens', {
      name: 'Okta',
    });
    expect(created.status).toBe(201);
    token = created.body.token;
  });
  afterAll(() => t.close());

  describe('discovery', () => {
    it('answers ServiceProviderConfig, ResourceTypes and Schemas as application/scim+json', async () => {
      const config = await scim<{ patch: { supported: boolean } }>('GET', '/ServiceProviderConfig');
      expect(config.status).toBe(200);
      expect(config.contentType).toContain('application/scim+json');
      expect(config.body.patch.supported).toBe(true);
      const types = await scim<ScimList>('GET', '/ResourceTypes');
      expect(types.body.totalResults).toBe(1);
      const schemas = await scim<{ Resources: { id: string }[] }>('GET', '/Schemas');
      expect(schemas.body.Resources.map((s) => s.id)).toEqual([USER, ENTERPRISE]);
      expect((await scim('GET', `/Schemas/${ENTERPRISE}`)).status).toBe(200);
    });
  });

  describe("Okta's sequence", () => {
    let id: string;

    it('test connection: GET /Users?startIndex=1&count=2 pages', async () => {
      const response = await scim<ScimList>('GET', '/Users?startIndex=1&count=2');
      expect(response.status).toBe(200);
      expect(response.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
      expect(response.body).toMatchObject({ startIndex: 1, itemsPerPage: 1, totalResults: 1 });
    });

    it('looks the user up by userName before creating: none yet', async () => {
      const response = await scim<ScimList>(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "ada@example.test"')}&startIndex=1&count=100`,
      );
      expect(response.body.totalResults).toBe(0);
      expect(response.body.Resources).toEqual([]);
    });

    it('creates with POST', async () => {
      const response = await scim(
        'POST',
        '/Users',
        newUser('ada@example.test', { externalId: '00u1' }),
      );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        userName: 'ada@example.test',
        externalId: '00u1',
        active: true,
        displayName: 'Ada Lovelace',
      });
      id = response.body.id;
    });

    it('finds the user by userName (any case) and by externalId', async () => {
      const byName = await scim<ScimList>(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "ADA@example.test"')}`,
      );
      expect(byName.body.Resources.map((u) => u.id)).toEqual([id]);
      const byExternal = await scim<ScimList>(
        'GET',
        `/Users?filter=${encodeURIComponent('externalId eq "00u1"')}`,
      );
      expect(byExternal.body.totalResults).toBe(1);
    });

    it('refuses a second user with the same userName: 409 uniqueness', async () => {
      const response = await scim<{ scimType: string; schemas: string[] }>(
        'POST',
        '/Users',
        newUser('ada@example.test'),
      );
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        schemas: [ERROR],
        scimType: 'uniqueness',
        status: '409',
      });
    });

    it('PATCH (catalogue apps) changes attributes', async () => {
      const response = await patch(id, [
        { op: 'replace', value: { 'name.familyName': 'King', title: 'Staff Engineer' } },
      ]);
      expect(response.status).toBe(200);
      expect(response.body.name.familyName).toBe('King');
      expect(response.body.title).toBe('Staff Engineer');
      expect(response.body.displayName).toBe('Ada King');
    });

    it('PUT (wizard apps) replaces, and a missing active leaves it unchanged', async () => {
      const body = newUser('ada@example.test', { externalId: '00u1', title: 'Principal Engineer' });
      delete (body as Record<string, unknown>).active;
      const response = await scim('PUT', `/Users/${id}`, body);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ active: true, title: 'Principal Engineer' });
    });

    it('deactivates with a path-less lowercase replace, and the user still answers GET', async () => {
      const response = await patch(id, [{ op: 'replace', value: { active: false } }]);
      expect(response.status).toBe(200);
      expect(response.body.active).toBe(false);
      const again = await scim('GET', `/Users/${id}`);
      expect(again.status).toBe(200);
      expect(again.body.active).toBe(false);
    });

    it('reactivates with PUT active:true', async () => {
      const response = await scim(
        'PUT',
        `/Users/${id}`,
        newUser('ada@example.test', { externalId: '00u1' }),
      );
      expect(response.body.active).toBe(true);
    });
  });

  describe("Entra ID's shapes", () => {
    let id: string;

    beforeAll(async () => {
      const response = await scim(
        'POST',
        '/Users',
        newUser('grace@example.test', {
          externalId: 'e-grace',
          [ENTERPRISE]: { employeeNumber: '1001', department: 'Platform' },
        }),
      );
      id = response.body.id;
    });

    it('accepts capitalised ops and active as the string "False"/"True" in any case', async () => {
      const off = await patch(id, [{ op: 'Replace', path: 'active', value: 'False' }]);
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const on = await patch(id, [{ op: 'replace', path: 'active', value: 'TRUE' }]);
      expect(on.body.active).toBe(true);
    });

    it('rejects any other active value with 400 invalidValue', async () => {
      const response = await patch(id, [{ op: 'Replace', path: 'active', value: 'nope' }]);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
    });

    it('applies a path-less replace with dotted and URN keys (aadOptscim062020)', async () => {
      const response = await patch(id, [
        {
          op: 'replace',
          value: {
            'name.givenName': 'Grace',
            'name.familyName': 'Hopper',
            [`${ENTERPRISE}:employeeNumber`]: '2002',
            [`${ENTERPRISE}:department`]: 'Compilers',
            displayName: 'Grace Hopper',
          },
        },
      ]);
      expect(response.status).toBe(200);
      expect(response.body.name).toMatchObject({ givenName: 'Grace', familyName: 'Hopper' });
      expect(response.body[ENTERPRISE]).toMatchObject({
        employeeNumber: '2002',
        department: 'Compilers',
      });
      expect(response.body.displayName).toBe('Grace Hopper');
    });

    it('changes the work email through a value-path filter', async () => {
      const response = await patch(id, [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'grace.hopper@example.test' },
      ]);
      expect(response.status).toBe(200);
      expect(response.body.emails).toEqual([
        { value: 'grace.hopper@example.test', type: 'work', primary: true },
      ]);
      const person = await (await t.agentFor(admin)).get<{ email: string }>(`/api/people/${id}`);
      expect(person.body.email).toBe('grace.hopper@example.test');
    });

    it('adds an email of a type that did not exist through a value-path filter', async () => {
      const response = await patch(id, [
        { op: 'Add', path: 'emails[type eq "home"].value', value: 'grace@home.test' },
      ]);
      expect(response.body.emails.map((e) => e.value)).toContain('grace@home.test');
    });

    it('accepts the core URN prefix on a path and Remove of an attribute', async () => {
      const set = await patch(id, [{ op: 'Add', path: `${USER}:title`, value: 'Rear Admiral' }]);
      expect(set.body.title).toBe('Rear Admiral');
      const removed = await patch(id, [{ op: 'Remove', path: 'title' }]);
      expect(removed.body.title).toBeUndefined();
    });

    it('rejects bad PATCH bodies in SCIM format', async () => {
      const noOps = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP] });
      expect(noOps.status).toBe(400);
      expect(noOps.body).toMatchObject({ scimType: 'invalidSyntax' });
      const badOp = await patch(id, [{ op: 'Move', path: 'title', value: 'x' }]);
      expect(badOp.body).toMatchObject({ scimType: 'invalidSyntax' });
      const badPath = await patch(id, [{ op: 'replace', path: 'a..b', value: 'x' }]);
      expect(badPath.body).toMatchObject({ scimType: 'invalidPath' });
      const removeAll = await patch(id, [{ op: 'remove' }]);
      expect(removeAll.body).toMatchObject({ scimType: 'noTarget' });
      const notJson = await t.app.request(`/scim/v2/Users/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        body: '{nope',
      });
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidSyntax' });
    });

    it('answers 404 in SCIM format for an unknown user and a bad filter with invalidFilter', async () => {
      const missing = await scim('GET', '/Users/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
      const badFilter = await scim('GET', `/Users?filter=${encodeURIComponent('title co "x"')}`);
      expect(badFilter.status).toBe(400);
      expect(badFilter.body).toMatchObject({ scimType: 'invalidFilter' });
    });

    it('DELETE deactivates: the row stays and answers GET with active false', async () => {
      const deleted = await scim('DELETE', `/Users/${id}`);
      expect(deleted.status).toBe(204);
      const again = await scim('GET', `/Users/${id}`);
      expect(again.status).toBe(200);
      expect(again.body.active).toBe(false);
    });
  });

  describe('manager (enterprise extension)', () => {
    let boss: ScimUser;
    let report: ScimUser;

    beforeAll(async () => {
      boss = (
        await scim('POST', '/Users', newUser('boss@example.test', { externalId: 'okta-boss' }))
      ).body;
      report = (await scim('POST', '/Users', newUser('report@example.test'))).body;
    });

    it('sets the manager from a path with a bare string (our SCIM id)', async () => {
      const response = await patch(report.id, [
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: boss.id },
      ]);
      expect(response.status).toBe(200);
      expect(response.body[ENTERPRISE].manager?.value).toBe(boss.id);
      expect(await managerOf(report.id)).toBe(boss.id);
    });

    it('clears it with Remove, and sets it again from {"value": externalId}', async () => {
      await patch(report.id, [{ op: 'Remove', path: `${ENTERPRISE}:manager` }]);
      expect(await managerOf(report.id)).toBeNull();
      await patch(report.id, [
        { op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'okta-boss' } },
      ]);
      expect(await managerOf(report.id)).toBe(boss.id);
    });

    it('clears it with a replace of manager.value with an empty value', async () => {
      await patch(report.id, [{ op: 'Replace', path: `${ENTERPRISE}:manager.value`, value: '' }]);
      expect(await managerOf(report.id)).toBeNull();
    });

    it('resolves a manager by email, through the path-less extension object', async () => {
      await patch(report.id, [
        { op: 'replace', value: { [ENTERPRISE]: { manager: { value: 'boss@example.test' } } } },
      ]);
      expect(await managerOf(report.id)).toBe(boss.id);
    });

    it('keeps the history effective-dated: the change starts today per the clock', async () => {
      t.clock.advance(3 * 24 * 3600_000);
      await patch(report.id, [{ op: 'Replace', path: `${ENTERPRISE}:manager.value`, value: '' }]);
      const person = await (
        await t.agentFor(admin)
      ).get<{
        reportingHistory: { manager: { id: string }; startsOn: string; endsOn: string | null }[];
      }>(`/api/people/${report.id}`);
      expect(person.body.reportingHistory[0]).toMatchObject({
        manager: { id: boss.id },
        endsOn: t.clock.now().toISOString().slice(0, 10),
      });
    });

    it('keeps an unknown manager pending and resolves it when that person arrives', async () => {
      const response = await patch(report.id, [
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: 'okta-late' },
      ]);
      expect(response.status).toBe(200);
      expect(await managerOf(report.id)).toBeNull();
      const late = await scim(
        'POST',
        '/Users',
        newUser('late@example.test', { externalId: 'okta-late' }),
      );
      expect(await managerOf(report.id)).toBe(late.body.id);
    });

    it('rejects a cycle with a SCIM error and changes nothing', async () => {
      await patch(report.id, [{ op: 'Replace', path: `${ENTERPRISE}:manager`, value: boss.id }]);
      const response = await patch(boss.id, [
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: report.id },
      ]);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      expect(await managerOf(boss.id)).toBeNull();
    });

    it('leaves the manager alone on a PUT that does not mention it', async () => {
      await scim('PUT', `/Users/${report.id}`, newUser('report@example.test'));
      expect(await managerOf(report.id)).toBe(boss.id);
    });
  });

  describe('tokens and boundaries', () => {
    it('refuses missing, wrong and session credentials with 401 in SCIM format', async () => {
      const none = await scim('GET', '/Users', undefined, null);
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ schemas: [ERROR], status: '401' });
      expect((await scim('GET', '/Users', undefined, 'scim_not-a-token')).status).toBe(401);
      const agent = await t.agentFor(admin);
      const withCookie = await agent.get('/scim/v2/Users');
      expect(withCookie.status).toBe(401);
    });

    it('a SCIM token opens nothing under /api: 401 on every signed-in API route', async () => {
      const spec = await t.agent().get<{
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      }>('/api/openapi.json');
      let checked = 0;
      for (const [template, operations] of Object.entries(spec.body.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (!operation.security || operation.security.length === 0) continue;
          const path = template.replace(/\{[^}]+\}/g, admin.id);
          const response = await t.app.request(path, {
            method: method.toUpperCase(),
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(method !== 'get' && { body: '{}' }),
          });
          // Request validation (body, path parameters) may answer 400 first; nothing may succeed.
          const isPlainGet = method === 'get' && !template.includes('{');
          const allowed = isPlainGet ? [401] : [400, 401];
          expect(allowed, `${method.toUpperCase()} ${template}`).toContain(response.status);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(10);
      const headers = { authorization: `Bearer ${token}` };
      expect((await t.app.request('/api/session', { headers })).status).toBe(401);
      expect((await t.app.request('/api/scim-tokens', { headers })).status).toBe(401);
      expect((await t.app.request('/scim/v2/Groups', { headers })).status).toBe(404);
      expect((await t.app.request('/anything', { headers })).status).toBe(404);
    });

    it('stores tokens hashed, lists them without the secret, and revoking stops them', async () => {
      const agent = await t.agentFor(admin);
      const created = await agent.post<{ id: string; token: string }>('/api/scim-tokens', {
        name: 'Entra',
      });
      const rows = await t.db.selectFrom('scim_tokens').select(['token_hash']).execute();
      expect(rows.some((r) => r.token_hash === created.body.token)).toBe(false);
      expect(JSON.stringify(rows)).not.toContain(created.body.token);
      const list = await agent.get<{ items: Record<string, unknown>[] }>('/api/scim-tokens');
      expect(list.body.items.map((i) => i.name)).toEqual(['Entra', 'Okta']);
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      expect((await scim('GET', '/Users', undefined, created.body.token)).status).toBe(200);
      expect((await agent.delete(`/api/scim-tokens/${created.body.id}`)).status).toBe(204);
      expect((await scim('GET', '/Users', undefined, created.body.token)).status).toBe(401);
      expect((await scim('GET', '/Users')).status).toBe(200);
    });

    it('only admins manage tokens', async () => {
      const someone = await t.buildPerson();
      const agent = await t.agentFor(someone);
      expect((await agent.get('/api/scim-tokens')).status).toBe(403);
      expect((await agent.post('/api/scim-tokens', { name: 'x' })).status).toBe(403);
      expect((await t.agent().get('/api/scim-tokens')).status).toBe(401);
    });

    it('deactivation through SCIM ends the person’s sessions at once', async () => {
      const created = await scim('POST', '/Users', newUser('leaver@example.test'));
      const person = { id: created.body.id, email: 'leaver@example.test', name: 'Leaver' };
      const agent = await t.agentFor(person);
      const other = await t.agentFor(person);
      expect((await agent.get('/api/session')).status).toBe(200);
      await patch(person.id, [{ op: 'Replace', path: 'active', value: 'False' }]);
      expect((await agent.get('/api/session')).status).toBe(401);
      expect((await other.get('/api/people')).status).toBe(401);
      const sessions = await t.db
        .selectFrom('sessions')
        .select('id')
        .where('person_id', '=', person.id)
        .execute();
      expect(sessions).toEqual([]);
      const again = await t.agentFor(person);
      await scim('DELETE', `/Users/${person.id}`);
      expect((await again.get('/api/session')).status).toBe(401);
      const events = await t.db
        .selectFrom('audit_events')
        .select(['action', 'actor_role', 'reason', 'decision'])
        .where('subject_person_id', '=', person.id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => e.action)).toEqual([
        'scim.user.create',
        'person.deactivate',
        'scim.user.update',
      ]);
      expect(events[1]).toMatchObject({ actor_role: 'system', decision: 'allow' });
      expect(events[1]?.reason).toMatch(/^scim token /);
    });

    it('lists people created outside SCIM with their email as userName, in pages', async () => {
      const page = await scim<ScimList>('GET', '/Users?startIndex=2&count=3');
      expect(page.body.startIndex).toBe(2);
      expect(page.body.itemsPerPage).toBe(3);
      expect(page.body.totalResults).toBeGreaterThan(5);
      const first = await scim<ScimList>(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "admin@example.test"')}`,
      );
      expect(first.body.Resources[0]?.id).toBe(admin.id);
      const zero = await scim<ScimList>('GET', '/Users?count=0');
      expect(zero.body.Resources).toEqual([]);
      expect(zero.body.itemsPerPage).toBe(0);
    });
  });
});
