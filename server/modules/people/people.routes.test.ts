import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../clock.ts';
import { TEST_START, createTestHarness } from '../../test/harness.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type { PersonDetail, PersonList } from '../../../shared/schemas/people.ts';

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

const TODAY = TEST_START.slice(0, 10);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('people API', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let member: TestPerson;
  let adminAgent: Agent;
  let memberAgent: Agent;

  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization('People Org');
    admin = await t.buildPerson({ name: 'Alex Admin', isAdmin: true, isPeopleTeam: true });
    member = await t.buildPerson({ name: 'Morgan Member', managerId: admin.id });
    adminAgent = await t.agentFor(admin);
    memberAgent = await t.agentFor(member);
  });
  afterAll(() => t.close());

  const countPeople = async () =>
    Number(
      (
        await t.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('anonymous visitors', () => {
    const requests: [string, string, unknown?][] = [
      ['GET', '/api/people'],
      ['POST', '/api/people', { name: 'Anon Created', email: 'anon@example.test' }],
      ['GET', `/api/people/${UNKNOWN_ID}`],
      ['PATCH', `/api/people/${UNKNOWN_ID}`, { title: 'x' }],
      [
        'POST',
        '/api/reporting-lines',
        { reportId: UNKNOWN_ID, managerId: null, startsOn: '2026-03-02' },
      ],
      ['POST', '/api/people-imports', { csv: 'email,name\na@example.test,A', mode: 'preview' }],
      ['GET', '/api/organization'],
      ['PATCH', '/api/organization', { name: 'Anon Org' }],
    ];
    it.each(requests)('get 401 for %s %s', async (method, path, body) => {
      const response = await t.agent().request<ErrorBody>(method, path, body);
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('unauthorized');
    });

    it('see a real person as 401 too, not as existing', async () => {
      expect((await t.agent().get(`/api/people/${member.id}`)).status).toBe(401);
    });
  });

  describe('non-admins', () => {
    it('can read the directory, a person page and the organisation', async () => {
      const list = await memberAgent.get<PersonList>('/api/people');
      expect(list.status).toBe(200);
      expect(list.body.items.map((p) => p.name)).toEqual(
        expect.arrayContaining(['Alex Admin', 'Morgan Member']),
      );
      const page = await memberAgent.get<PersonDetail>(`/api/people/${admin.id}`);
      expect(page.status).toBe(200);
      expect(page.body.name).toBe('Alex Admin');
      expect(page.body.abilities).toMatchObject({
        update: false,
        deactivate: false,
        invite: false,
        setManager: false,
      });
      const own = await memberAgent.get<PersonDetail>(`/api/people/${member.id}`);
      expect(own.body.manager).toEqual({ id: admin.id, name: 'Alex Admin' });
      const org = await memberAgent.get('/api/organization');
      expect(org.status).toBe(200);
      expect(org.body).toEqual({ name: 'People Org', version: 1, abilities: { update: false } });
    });

    const writes: [string, string, () => unknown][] = [
      ['POST', '/api/people', () => ({ name: 'By Member', email: 'by-member@example.test' })],
      ['PATCH', '/api/people/{admin}', () => ({ title: 'Demoted' })],
      ['PATCH', '/api/people/{self}', () => ({ title: 'Self-promoted' })],
      ['PATCH', '/api/people/{self}', () => ({ isAdmin: true })],
      [
        'POST',
        '/api/reporting-lines',
        () => ({ reportId: member.id, managerId: null, startsOn: TODAY }),
      ],
      [
        'POST',
        '/api/people-imports',
        () => ({ csv: 'email,name\nimp@example.test,Imp', mode: 'preview' }),
      ],
      ['PATCH', '/api/organization', () => ({ name: 'Member Org' })],
    ];
    it.each(writes)('get 403 for %s %s', async (method, pathTemplate, body) => {
      const path = pathTemplate.replace('{admin}', admin.id).replace('{self}', member.id);
      const response = await memberAgent.request<ErrorBody>(method, path, body());
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('forbidden');
    });

    it('changed nothing through the refused writes', async () => {
      const page = await adminAgent.get<PersonDetail>(`/api/people/${member.id}`);
      expect(page.body.title).toBe('Software Engineer');
      expect(page.body.isAdmin).toBe(false);
      expect(page.body.manager?.id).toBe(admin.id);
      const org = await adminAgent.get<{ name: string }>('/api/organization');
      expect(org.body.name).toBe('People Org');
      const created = await t.db
        .selectFrom('people')
        .select('id')
        .where('email', 'in', ['by-member@example.test', 'imp@example.test'])
        .execute();
      expect(created).toEqual([]);
    });

    it('may not list deactivated people', async () => {
      const response = await memberAgent.get<ErrorBody>('/api/people?includeInactive=true');
      expect(response.status).toBe(403);
      expect((await memberAgent.get('/api/people?includeInactive=false')).status).toBe(200);
    });
  });

  describe('POST /api/people', () => {
    it('creates a person with defaults and answers with the full record', async () => {
      const before = await countPeople();
      const response = await adminAgent.post<PersonDetail>('/api/people', {
        name: '  Casey Created ',
        email: 'Casey@Example.TEST',
        managerId: admin.id,
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'Casey Created',
        email: 'casey@example.test',
        title: '',
        team: '',
        timezone: 'UTC',
        startDate: null,
        isAdmin: false,
        isPeopleTeam: false,
        isActive: true,
        hasPassword: false,
        manager: { id: admin.id, name: 'Alex Admin' },
        reports: [],
        reportCount: 0,
        abilities: { update: true, deactivate: true, invite: true, setManager: true },
      });
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body.reportingHistory).toEqual([
        expect.objectContaining({ startsOn: TODAY, endsOn: null }),
      ]);
      expect(await countPeople()).toBe(before + 1);
      const fetched = await memberAgent.get<PersonDetail>(`/api/people/${response.body.id}`);
      expect(fetched.body.email).toBe('casey@example.test');
    });

    it('keeps every field it is given', async () => {
      const response = await adminAgent.post<PersonDetail>('/api/people', {
        name: 'Full Fields',
        email: 'full@example.test',
        title: 'Staff Engineer',
        team: 'Data',
        timezone: 'Europe/Berlin',
        startDate: '2024-02-29',
        isAdmin: true,
        isPeopleTeam: true,
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        title: 'Staff Engineer',
        team: 'Data',
        timezone: 'Europe/Berlin',
        startDate: '2024-02-29',
        isAdmin: true,
        isPeopleTeam: true,
        manager: null,
      });
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['a missing name', { email: 'x1@example.test' }, 'name'],
      ['a blank name', { name: '  ', email: 'x1@example.test' }, 'name'],
      ['a bad email', { name: 'X', email: 'not-an-email' }, 'email'],
      ['an unknown field', { name: 'X', email: 'x2@example.test', isActive: false }, 'isActive'],
      ['a mass-assigned id', { name: 'X', email: 'x2@example.test', id: UNKNOWN_ID }, 'id'],
      [
        'a bad time zone',
        { name: 'X', email: 'x3@example.test', timezone: 'Mars/Base' },
        'timezone',
      ],
      [
        'an impossible date',
        { name: 'X', email: 'x4@example.test', startDate: '2026-02-30' },
        'startDate',
      ],
      [
        'a date in another format',
        { name: 'X', email: 'x4@example.test', startDate: '02/03/2026' },
        'startDate',
      ],
      ['a non-boolean flag', { name: 'X', email: 'x5@example.test', isAdmin: 'yes' }, 'isAdmin'],
      ['a bad manager id', { name: 'X', email: 'x6@example.test', managerId: 'boss' }, 'managerId'],
      [
        'an unknown manager',
        { name: 'X', email: 'x7@example.test', managerId: UNKNOWN_ID },
        'managerId',
      ],
      [
        'a too long title',
        { name: 'X', email: 'x8@example.test', title: 'x'.repeat(121) },
        'title',
      ],
    ];
    it.each(bad)(
      'answers 400 for %s, naming the field, and creates nobody',
      async (_l, body, field) => {
        const before = await countPeople();
        const response = await adminAgent.post<ErrorBody>('/api/people', body);
        expect(response.status).toBe(400);
        expect(response.body.error).toBe('validation');
        expect(response.body.field).toBe(field);
        expect(response.body.message.length).toBeGreaterThan(5);
        expect(await countPeople()).toBe(before);
      },
    );

    it('answers 400 for a body that is not JSON', async () => {
      const response = await adminAgent.request<ErrorBody>('POST', '/api/people', '{"name":');
      expect(response.status).toBe(400);
    });

    it('answers 409 naming email when the address is taken, in any case', async () => {
      const response = await adminAgent.post<ErrorBody>('/api/people', {
        name: 'Second Casey',
        email: 'CASEY@example.test',
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ error: 'email_taken', field: 'email' });
    });

    it('refuses a deactivated manager', async () => {
      const gone = await t.buildPerson({ isActive: false });
      const response = await adminAgent.post<ErrorBody>('/api/people', {
        name: 'Orphan',
        email: 'orphan@example.test',
        managerId: gone.id,
      });
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('managerId');
      const created = await t.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', 'orphan@example.test')
        .execute();
      expect(created).toEqual([]);
    });
  });

  describe('GET /api/people/{id}', () => {
    it('answers 400 naming id for a malformed id', async () => {
      const response = await memberAgent.get<ErrorBody>('/api/people/not-a-uuid');
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('id');
    });

    it('answers 404 for an unknown id', async () => {
      const response = await memberAgent.get<ErrorBody>(`/api/people/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('not_found');
    });

    it('shows manager, reports and history', async () => {
      const lead = await t.buildPerson({ name: 'Lee Lead' });
      await t.buildPerson({ name: 'Robin Report', managerId: lead.id });
      await t.buildPerson({ name: 'Quinn Report', managerId: lead.id });
      const gone = await t.buildPerson({ name: 'Gone Report', managerId: lead.id });
      await adminAgent.patch(`/api/people/${gone.id}`, { isActive: false });
      const response = await memberAgent.get<PersonDetail>(`/api/people/${lead.id}`);
      expect(response.body.reports.map((r) => r.name)).toEqual(['Quinn Report', 'Robin Report']);
      expect(response.body.reportCount).toBe(2);
      const list = await memberAgent.get<PersonList>('/api/people?query=lee%20lead');
      expect(list.body.items).toEqual([expect.objectContaining({ id: lead.id, reportCount: 2 })]);
    });
  });

  describe('PATCH /api/people/{id}', () => {
    let subject: TestPerson;
    beforeAll(async () => {
      subject = await t.buildPerson({ name: 'Pat Patched', email: 'pat@example.test' });
    });

    it('edits the fields it is given and leaves the rest', async () => {
      const response = await adminAgent.patch<PersonDetail>(`/api/people/${subject.id}`, {
        title: 'Principal Engineer',
        timezone: 'America/New_York',
        startDate: '2025-01-06',
        isPeopleTeam: true,
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        name: 'Pat Patched',
        email: 'pat@example.test',
        title: 'Principal Engineer',
        team: 'Platform',
        timezone: 'America/New_York',
        startDate: '2025-01-06',
        isPeopleTeam: true,
      });
      const cleared = await adminAgent.patch<PersonDetail>(`/api/people/${subject.id}`, {
        startDate: null,
      });
      expect(cleared.body.startDate).toBeNull();
      expect(cleared.body.title).toBe('Principal Engineer');
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['an unknown field', { nickname: 'Pat' }, 'nickname'],
      ['a bad email', { email: 'pat@' }, 'email'],
      ['a bad time zone', { timezone: 'Europe/Atlantis' }, 'timezone'],
      ['an impossible date', { startDate: '2026-02-30' }, 'startDate'],
      ['a blank name', { name: '' }, 'name'],
      ['a non-boolean isActive', { isActive: 'no' }, 'isActive'],
    ];
    it.each(bad)('answers 400 for %s, naming the field', async (_label, body, field) => {
      const response = await adminAgent.patch<ErrorBody>(`/api/people/${subject.id}`, body);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
      const page = await adminAgent.get<PersonDetail>(`/api/people/${subject.id}`);
      expect(page.body.name).toBe('Pat Patched');
      expect(page.body.email).toBe('pat@example.test');
    });

    it('answers 400 for a malformed id and 404 for an unknown one', async () => {
      const malformed = await adminAgent.patch<ErrorBody>('/api/people/123', { title: 'x' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.field).toBe('id');
      const unknown = await adminAgent.patch(`/api/people/${UNKNOWN_ID}`, { title: 'x' });
      expect(unknown.status).toBe(404);
    });

    it('answers 409 naming email when the new address is taken', async () => {
      const response = await adminAgent.patch<ErrorBody>(`/api/people/${subject.id}`, {
        email: 'Casey@example.test',
      });
      expect(response.status).toBe(409);
      expect(response.body.field).toBe('email');
      const page = await adminAgent.get<PersonDetail>(`/api/people/${subject.id}`);
      expect(page.body.email).toBe('pat@example.test');
    });

    it('lets an admin keep their own email unchanged', async () => {
      const response = await adminAgent.patch<PersonDetail>(`/api/people/${subject.id}`, {
        email: 'pat@example.test',
      });
      expect(response.status).toBe(200);
    });

    it('refuses an admin deactivating themself or changing their own roles', async () => {
      const deactivate = await adminAgent.patch<ErrorBody>(`/api/people/${admin.id}`, {
        isActive: false,
      });
      expect(deactivate.status).toBe(403);
      const demote = await adminAgent.patch(`/api/people/${admin.id}`, { isAdmin: false });
      expect(demote.status).toBe(403);
      const rename = await adminAgent.patch<PersonDetail>(`/api/people/${admin.id}`, {
        title: 'Head of People',
      });
      expect(rename.status).toBe(200);
      const self = await adminAgent.get<PersonDetail>(`/api/people/${admin.id}`);
      expect(self.body).toMatchObject({ isActive: true, isAdmin: true });
      expect(self.body.abilities).toMatchObject({ update: true, deactivate: false });
      expect((await adminAgent.get('/api/session')).status).toBe(200);
    });

    it('deactivates and reactivates someone else', async () => {
      const person = await t.buildPerson({ name: 'Dee Activated' });
      const off = await adminAgent.patch<PersonDetail>(`/api/people/${person.id}`, {
        isActive: false,
      });
      expect(off.status).toBe(200);
      expect(off.body.isActive).toBe(false);
      const on = await adminAgent.patch<PersonDetail>(`/api/people/${person.id}`, {
        isActive: true,
      });
      expect(on.body.isActive).toBe(true);
    });
  });

  describe('GET and PATCH /api/organization', () => {
    it('renames the organisation for admins', async () => {
      const current = await adminAgent.get('/api/organization');
      expect(current.body).toEqual({ name: 'People Org', version: 1, abilities: { update: true } });
      const renamed = await adminAgent.patch('/api/organization', {
        name: '  Renamed Org ',
        baseVersion: 1,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({
        name: 'Renamed Org',
        version: 2,
        abilities: { update: true },
      });
      expect((await memberAgent.get<{ name: string }>('/api/organization')).body.name).toBe(
        'Renamed Org',
      );
      await adminAgent.patch('/api/organization', { name: 'People Org', baseVersion: 2 });
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{}, 'name'],
      [{ name: 'Ok', logo: 'x' }, 'logo'],
    ])('answers 400 for %j naming %s', async (body, field) => {
      const response = await adminAgent.patch<ErrorBody>('/api/organization', body);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
    });
  });
});

describe('the directory', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let member: TestPerson;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ name: 'Aaron Admin', isAdmin: true });
    member = await t.buildPerson({ name: 'Mia Member' });
  });
  afterAll(() => t.close());

  it('pages through everyone with a cursor, without gaps or repeats', async () => {
    const names = ['Gale', 'Bo', 'Same Name', 'Same Name', 'Ezra', 'Cy', 'Same Name'];
    const created = [];
    for (const name of names) created.push(await t.buildPerson({ name, team: 'Pagers' }));
    const agent = await t.agentFor(member);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/people?query=pagers&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await agent.get<PersonList>(url);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.items.map((p) => p.id));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(created.map((p) => p.id)));
    const byName = await agent.get<PersonList>('/api/people?query=pagers&limit=10');
    expect(byName.body.items.map((p) => p.name)).toEqual([
      'Bo',
      'Cy',
      'Ezra',
      'Gale',
      'Same Name',
      'Same Name',
      'Same Name',
    ]);
    expect(byName.body.items.map((p) => p.id)).toEqual(seen);
    expect(byName.body.nextCursor).toBeNull();
  });

  it('orders by name regardless of case, and pages the same way', async () => {
    const names = ['zed lower', 'Able Upper', 'beta lower', 'Beta Upper', 'ALPHA'];
    for (const name of names) await t.buildPerson({ name, team: 'Casing' });
    const agent = await t.agentFor(member);
    const expected = ['Able Upper', 'ALPHA', 'beta lower', 'Beta Upper', 'zed lower'];
    const all = await agent.get<PersonList>('/api/people?query=casing');
    expect(all.body.items.map((p) => p.name)).toEqual(expected);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/people?query=casing&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await agent.get<PersonList>(url);
      paged.push(...response.body.items.map((p) => p.name));
      cursor = response.body.nextCursor;
    } while (cursor && paged.length < 10);
    expect(paged).toEqual(expected);
  });

  it('searches name, email, title and team, case-insensitively, treating wildcards literally', async () => {
    await t.buildPerson({
      name: 'Searchable Sasha',
      email: 'sasha.unique@example.test',
      title: 'Site Reliability Engineer',
      team: 'Observability',
    });
    const agent = await t.agentFor(member);
    for (const query of ['searchable', 'SASHA.UNIQUE', 'reliability', 'observ']) {
      const response = await agent.get<PersonList>(`/api/people?query=${query}`);
      expect(
        response.body.items.map((p) => p.name),
        query,
      ).toEqual(['Searchable Sasha']);
    }
    for (const query of ['%25', '_', 'nobody-matches-this']) {
      const response = await agent.get<PersonList>(`/api/people?query=${query}`);
      expect(response.body.items, query).toEqual([]);
    }
  });

  it('filters by manager and by top level', async () => {
    const boss = await t.buildPerson({ name: 'Boss Person', team: 'Filters' });
    const report = await t.buildPerson({ name: 'Report Person', managerId: boss.id });
    const agent = await t.agentFor(member);
    const reports = await agent.get<PersonList>(`/api/people?managerId=${boss.id}`);
    expect(reports.body.items.map((p) => p.id)).toEqual([report.id]);
    expect(reports.body.items[0]?.manager).toEqual({ id: boss.id, name: 'Boss Person' });
    const top = await agent.get<PersonList>('/api/people?isTopLevel=true&query=person');
    expect(top.body.items.map((p) => p.id)).toEqual([boss.id]);
  });

  it('hides deactivated people except from admins who ask', async () => {
    const gone = await t.buildPerson({ name: 'Departed Dana' });
    const adminAgent = await t.agentFor(admin);
    await adminAgent.patch(`/api/people/${gone.id}`, { isActive: false });
    const agent = await t.agentFor(member);
    const visible = await agent.get<PersonList>('/api/people?query=departed');
    expect(visible.body.items).toEqual([]);
    const adminDefault = await adminAgent.get<PersonList>('/api/people?query=departed');
    expect(adminDefault.body.items).toEqual([]);
    const all = await adminAgent.get<PersonList>('/api/people?query=departed&includeInactive=true');
    expect(all.body.items).toEqual([expect.objectContaining({ id: gone.id, isActive: false })]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=two', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['managerId=nobody', 'managerId'],
    ['includeInactive=yes', 'includeInactive'],
    ['isTopLevel=1', 'isTopLevel'],
  ])('answers 400 for ?%s naming %s', async (query, field) => {
    const agent = await t.agentFor(member);
    const response = await agent.get<ErrorBody>(`/api/people?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });
});

describe('reporting lines', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let agent: Agent;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ name: 'Admin', isAdmin: true });
  });
  beforeEach(async () => {
    t.clock.set(TEST_START);
    agent = await t.agentFor(admin);
  });
  afterAll(() => t.close());

  /** Moves time and signs in again, since a month-long jump outlasts any session. */
  const travelTo = async (at: string) => {
    t.clock.set(at);
    agent = await t.agentFor(admin);
  };

  const setLine = (reportId: string, managerId: string | null, startsOn = TODAY) =>
    agent.post<PersonDetail & ErrorBody>('/api/reporting-lines', { reportId, managerId, startsOn });

  it('keeps history when the manager changes on a later date', async () => {
    const first = await t.buildPerson({ name: 'First Manager' });
    const second = await t.buildPerson({ name: 'Second Manager' });
    const report = await t.buildPerson({ name: 'The Report', managerId: first.id });

    const changed = await setLine(report.id, second.id, '2026-04-01');
    expect(changed.status).toBe(201);
    expect(changed.body.manager).toEqual({ id: first.id, name: 'First Manager' });
    expect(
      changed.body.reportingHistory.map((l) => [l.manager.name, l.startsOn, l.endsOn]),
    ).toEqual([
      ['Second Manager', '2026-04-01', null],
      ['First Manager', TODAY, '2026-04-01'],
    ]);
    expect(
      (await agent.get<PersonDetail>(`/api/people/${first.id}`)).body.reports.map((r) => r.id),
    ).toEqual([report.id]);

    await travelTo('2026-03-31T23:59:00.000Z');
    expect((await agent.get<PersonDetail>(`/api/people/${report.id}`)).body.manager?.id).toBe(
      first.id,
    );
    await travelTo('2026-04-01T00:00:00.000Z');
    const after = await agent.get<PersonDetail>(`/api/people/${report.id}`);
    expect(after.body.manager).toEqual({ id: second.id, name: 'Second Manager' });
    expect((await agent.get<PersonDetail>(`/api/people/${first.id}`)).body.reports).toEqual([]);
    const list = await agent.get<PersonList>(`/api/people?managerId=${second.id}`);
    expect(list.body.items.map((p) => p.id)).toEqual([report.id]);
  });

  it('answers 409 naming startsOn when a later change is already scheduled', async () => {
    const first = await t.buildPerson();
    const second = await t.buildPerson();
    const third = await t.buildPerson();
    const report = await t.buildPerson({ managerId: first.id });
    expect((await setLine(report.id, second.id, '2026-05-01')).status).toBe(201);
    const earlier = await setLine(report.id, third.id, '2026-04-01');
    expect(earlier.status).toBe(409);
    expect(earlier.body.field).toBe('startsOn');
    const page = await agent.get<PersonDetail>(`/api/people/${report.id}`);
    expect(page.body.reportingHistory).toHaveLength(2);
  });

  it('replaces a change made for the same day instead of stacking it', async () => {
    const first = await t.buildPerson();
    const second = await t.buildPerson({ name: 'Same Day' });
    const report = await t.buildPerson({ managerId: first.id });
    const response = await setLine(report.id, second.id, TODAY);
    expect(response.status).toBe(201);
    expect(response.body.manager?.id).toBe(second.id);
    expect(response.body.reportingHistory.map((l) => l.manager.id)).toEqual([second.id]);
  });

  it('ends the line when the manager is set to nobody', async () => {
    const manager = await t.buildPerson();
    const report = await t.buildPerson({ managerId: manager.id, managerSince: '2026-01-05' });
    const response = await setLine(report.id, null, TODAY);
    expect(response.status).toBe(201);
    expect(response.body.manager).toBeNull();
    expect(response.body.reportingHistory).toEqual([
      expect.objectContaining({ startsOn: '2026-01-05', endsOn: TODAY }),
    ]);
  });

  it('refuses self-management naming managerId', async () => {
    const person = await t.buildPerson();
    const response = await setLine(person.id, person.id);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('managerId');
    expect(response.body.message).toMatch(/themself/);
  });

  it('refuses a direct cycle', async () => {
    const a = await t.buildPerson();
    const b = await t.buildPerson({ managerId: a.id });
    const response = await setLine(a.id, b.id);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('managerId');
    expect((await agent.get<PersonDetail>(`/api/people/${a.id}`)).body.manager).toBeNull();
  });

  it('refuses a longer cycle', async () => {
    const a = await t.buildPerson();
    const b = await t.buildPerson();
    const c = await t.buildPerson();
    const d = await t.buildPerson();
    expect((await setLine(a.id, b.id)).status).toBe(201);
    expect((await setLine(b.id, c.id)).status).toBe(201);
    expect((await setLine(c.id, d.id)).status).toBe(201);
    const response = await setLine(d.id, a.id);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('managerId');
    expect((await setLine(d.id, b.id, '2026-06-01')).status).toBe(400);
  });

  it('refuses a cycle that a scheduled change would close later', async () => {
    const a = await t.buildPerson();
    const b = await t.buildPerson();
    expect((await setLine(b.id, a.id, '2026-05-01')).status).toBe(201);
    const response = await setLine(a.id, b.id, TODAY);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('managerId');
  });

  it('allows what was a cycle once the old line has ended', async () => {
    const a = await t.buildPerson();
    const b = await t.buildPerson({ managerId: a.id });
    expect((await setLine(b.id, null, '2026-04-01')).status).toBe(201);
    expect((await setLine(a.id, b.id, '2026-04-01')).status).toBe(201);
  });

  it.each([
    [{ reportId: 'x', managerId: null, startsOn: TODAY }, 'reportId'],
    [{ reportId: UNKNOWN_ID, managerId: 'y', startsOn: TODAY }, 'managerId'],
    [{ reportId: UNKNOWN_ID, managerId: null, startsOn: '2026-02-30' }, 'startsOn'],
    [{ reportId: UNKNOWN_ID, managerId: null }, 'startsOn'],
    [{ reportId: UNKNOWN_ID, managerId: null, startsOn: TODAY, endsOn: TODAY }, 'endsOn'],
  ])('answers 400 for %j naming %s', async (body, field) => {
    const response = await agent.post<ErrorBody>('/api/reporting-lines', body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('answers 400 for an unknown or deactivated person', async () => {
    const person = await t.buildPerson();
    const gone = await t.buildPerson({ isActive: false });
    const unknownReport = await setLine(UNKNOWN_ID, person.id);
    expect(unknownReport.status).toBe(400);
    expect(unknownReport.body.field).toBe('reportId');
    const unknownManager = await setLine(person.id, UNKNOWN_ID);
    expect(unknownManager.status).toBe(400);
    expect(unknownManager.body.field).toBe('managerId');
    const goneManager = await setLine(person.id, gone.id);
    expect(goneManager.status).toBe(400);
    expect(goneManager.body.field).toBe('managerId');
  });

  it('moves a whole team under a new manager on a future date without touching today', async () => {
    const oldLead = await t.buildPerson({ name: 'Old Lead' });
    const newLead = await t.buildPerson({ name: 'New Lead' });
    const r1 = await t.buildPerson({ managerId: oldLead.id });
    const r2 = await t.buildPerson({ managerId: oldLead.id });
    const startsOn = new Date(Date.parse(TEST_START) + 7 * DAY_MS).toISOString().slice(0, 10);
    for (const r of [r1, r2]) expect((await setLine(r.id, newLead.id, startsOn)).status).toBe(201);
    expect((await agent.get<PersonDetail>(`/api/people/${oldLead.id}`)).body.reportCount).toBe(2);
    await travelTo(new Date(Date.parse(TEST_START) + 7 * DAY_MS).toISOString());
    expect((await agent.get<PersonDetail>(`/api/people/${newLead.id}`)).body.reportCount).toBe(2);
    expect((await agent.get<PersonDetail>(`/api/people/${oldLead.id}`)).body.reportCount).toBe(0);
  });
});
