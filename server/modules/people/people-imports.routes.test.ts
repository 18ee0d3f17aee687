import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness } from '../../test/harness.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type { PeopleImportResult } from '../../../shared/schemas/people-imports.ts';
import type { PersonDetail } from '../../../shared/schemas/people.ts';

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

const HEADER = 'email,name,title,team,manager_email,start_date,timezone';

describe('POST /api/people-imports', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let agent: Agent;

  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ name: 'Ida Admin', email: 'ida@example.test', isAdmin: true });
  });
  beforeEach(async () => {
    agent = await t.agentFor(admin);
  });
  afterAll(() => t.close());

  const run = (csv: string, mode: 'preview' | 'apply') =>
    agent.post<PeopleImportResult & ErrorBody>('/api/people-imports', { csv, mode });

  const counts = async () => {
    const people = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const lines = await t.db
      .selectFrom('reporting_lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { people: Number(people.n), lines: Number(lines.n) };
  };

  const personByEmail = async (email: string) => {
    const row = await t.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (!row) return undefined;
    return (await agent.get<PersonDetail>(`/api/people/${row.id}`)).body;
  };

  describe('input checks', () => {
    it.each([
      [{ csv: '', mode: 'preview' }, 'csv'],
      [{ csv: 'email\na@example.test', mode: 'dry-run' }, 'mode'],
      [{ csv: 'email\na@example.test' }, 'mode'],
      [{ csv: 'email\na@example.test', mode: 'apply', force: true }, 'force'],
    ])('answers 400 for %j naming %s', async (body, field) => {
      const response = await agent.post<ErrorBody>('/api/people-imports', body);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
    });

    it('answers 400 naming an unknown column', async () => {
      const before = await counts();
      const response = await run('email,name,salary\nx@example.test,X,100', 'apply');
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('csv');
      expect(response.body.message).toContain('"salary"');
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a file without an email column', 'name,title\nX,Y', /email/],
      ['a column given twice', 'email,name,name\nx@example.test,X,Y', /twice/],
      ['a file with only blank lines', '\n\n', /empty/],
      ['a file that is not CSV', 'email,name\n"x@example.test,X', /CSV/],
    ])('answers 400 for %s', async (_label, csv, message) => {
      const response = await run(csv, 'preview');
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('csv');
      expect(response.body.message).toMatch(message);
    });
  });

  describe('a dry run', () => {
    it('lists creates, updates, unchanged rows and rejections, and writes nothing', async () => {
      await t.buildPerson({
        name: 'Eve Existing',
        email: 'eve@example.test',
        title: 'Engineer',
        team: 'Platform',
        managerId: admin.id,
      });
      await t.buildPerson({
        name: 'Uma Unchanged',
        email: 'uma@example.test',
        title: 'Designer',
        team: 'Product',
      });
      const before = await counts();
      const csv = [
        HEADER,
        'new.lead@example.test,Nora Lead,Engineering Manager,Platform,ida@example.test,2026-01-05,Europe/London',
        'new.dev@example.test,Dev Newcomer,Engineer,Platform,new.lead@example.test,,',
        'eve@example.test,,Senior Engineer,,,,',
        'uma@example.test,Uma Unchanged,Designer,Product,,,',
        'broken-email,Bad Row,,,,,',
      ].join('\n');
      const response = await run(csv, 'preview');
      expect(response.status).toBe(200);
      expect(response.body.mode).toBe('preview');
      expect(response.body.isApplied).toBe(false);
      expect(response.body.creates).toEqual([
        expect.objectContaining({ row: 2, email: 'new.lead@example.test', name: 'Nora Lead' }),
        expect.objectContaining({ row: 3, email: 'new.dev@example.test', name: 'Dev Newcomer' }),
      ]);
      expect(response.body.creates[1]?.changes).toContain('manager: new.lead@example.test');
      expect(response.body.updates).toEqual([
        {
          row: 4,
          email: 'eve@example.test',
          name: 'Eve Existing',
          changes: ['title: Senior Engineer'],
        },
      ]);
      expect(response.body.unchanged).toBe(1);
      expect(response.body.rejections).toEqual([
        { row: 6, column: 'email', reason: expect.stringMatching(/valid email/) },
      ]);
      expect(await counts()).toEqual(before);
      expect((await personByEmail('eve@example.test'))?.title).toBe('Engineer');
      expect(await personByEmail('new.lead@example.test')).toBeUndefined();
    });
  });

  describe('applying', () => {
    it('creates people and their reporting lines in one go', async () => {
      const before = await counts();
      const csv = [
        HEADER,
        'grace@example.test,Grace Hopper,Director,Compilers,ida@example.test,2025-09-01,America/New_York',
        '"kay@example.test","Kay, Alan","Staff Engineer",Compilers,grace@example.test,,',
        'linus@example.test,Linus T,,,kay@example.test,,',
      ].join('\n');
      const preview = await run(csv, 'preview');
      expect(preview.body.rejections).toEqual([]);
      const response = await run(csv, 'apply');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ mode: 'apply', isApplied: true, rejections: [] });
      expect(response.body.creates.map((c) => c.email)).toEqual([
        'grace@example.test',
        'kay@example.test',
        'linus@example.test',
      ]);
      expect(await counts()).toEqual({ people: before.people + 3, lines: before.lines + 3 });
      const grace = await personByEmail('grace@example.test');
      expect(grace).toMatchObject({
        name: 'Grace Hopper',
        title: 'Director',
        team: 'Compilers',
        startDate: '2025-09-01',
        timezone: 'America/New_York',
        isAdmin: false,
        hasPassword: false,
        manager: { id: admin.id, name: 'Ida Admin' },
      });
      const kay = await personByEmail('kay@example.test');
      expect(kay?.name).toBe('Kay, Alan');
      expect(kay?.manager?.name).toBe('Grace Hopper');
      expect(kay?.reports.map((r) => r.name)).toEqual(['Linus T']);
      const linus = await personByEmail('linus@example.test');
      expect(linus).toMatchObject({ title: '', team: '', timezone: 'UTC', startDate: null });
    });

    it('applies nothing when one row is bad', async () => {
      const before = await counts();
      const csv = [
        HEADER,
        'fine.one@example.test,Fine One,,,ida@example.test,,',
        'fine.two@example.test,Fine Two,,,,,',
        'bad.zone@example.test,Bad Zone,,,,,Mars/Olympus',
      ].join('\n');
      const response = await run(csv, 'apply');
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('csv');
      expect(response.body.message).toMatch(/1 row was rejected/);
      expect(await counts()).toEqual(before);
      expect(await personByEmail('fine.one@example.test')).toBeUndefined();
    });

    it('handles a byte order mark and Windows line endings', async () => {
      const csv = '\uFEFFEmail,Name,Team\r\nbom@example.test,Bo Mark,Windows\r\n';
      const response = await run(csv, 'apply');
      expect(response.status).toBe(200);
      expect(response.body.creates).toEqual([
        { row: 2, email: 'bom@example.test', name: 'Bo Mark', changes: expect.any(Array) },
      ]);
      expect((await personByEmail('bom@example.test'))?.team).toBe('Windows');
    });

    it('skips blank rows but numbers rows as a spreadsheet does', async () => {
      const csv = 'email,name\n\nblank.one@example.test,Blank One\n,\n\nnot-an-email,X\n,,\n';
      const response = await run(csv, 'preview');
      expect(response.status).toBe(200);
      expect(response.body.creates.map((c) => c.row)).toEqual([3]);
      expect(response.body.rejections).toEqual([
        { row: 6, column: 'email', reason: expect.any(String) },
      ]);
    });

    it('leaves a field unchanged when its cell is blank', async () => {
      const person = await t.buildPerson({
        name: 'Bea Blank',
        email: 'bea@example.test',
        title: 'Engineer',
        team: 'Search',
        managerId: admin.id,
        timezone: 'Asia/Tokyo',
      });
      const response = await run(`${HEADER}\nbea@example.test,,,Ranking,,,`, 'apply');
      expect(response.status).toBe(200);
      expect(response.body.updates).toEqual([
        { row: 2, email: 'bea@example.test', name: 'Bea Blank', changes: ['team: Ranking'] },
      ]);
      const after = await agent.get<PersonDetail>(`/api/people/${person.id}`);
      expect(after.body).toMatchObject({
        name: 'Bea Blank',
        title: 'Engineer',
        team: 'Ranking',
        timezone: 'Asia/Tokyo',
        manager: { id: admin.id },
      });
      const again = await run(`${HEADER}\nbea@example.test,,,,,,`, 'preview');
      expect(again.body).toMatchObject({ creates: [], updates: [], unchanged: 1 });
    });

    it('applies a manager swap that is acyclic in the end', async () => {
      const top = await t.buildPerson({ name: 'Top', email: 'top@example.test' });
      const a = await t.buildPerson({
        name: 'Swap A',
        email: 'swap.a@example.test',
        managerId: top.id,
        managerSince: '2026-01-01',
      });
      const b = await t.buildPerson({
        name: 'Swap B',
        email: 'swap.b@example.test',
        managerId: a.id,
        managerSince: '2026-01-01',
      });
      const csv = [
        'email,manager_email',
        'swap.a@example.test,swap.b@example.test',
        'swap.b@example.test,top@example.test',
      ].join('\n');
      const preview = await run(csv, 'preview');
      expect(preview.body.rejections).toEqual([]);
      expect(preview.body.updates).toHaveLength(2);
      const response = await run(csv, 'apply');
      expect(response.status).toBe(200);
      const afterA = await agent.get<PersonDetail>(`/api/people/${a.id}`);
      const afterB = await agent.get<PersonDetail>(`/api/people/${b.id}`);
      expect(afterA.body.manager?.id).toBe(b.id);
      expect(afterB.body.manager?.id).toBe(top.id);
      expect(
        afterA.body.reportingHistory.map((l) => [l.manager.name, l.startsOn, l.endsOn]),
      ).toEqual([
        ['Swap B', '2026-03-02', null],
        ['Top', '2026-01-01', '2026-03-02'],
      ]);
    });
  });

  describe('rejections name row, column and reason', () => {
    let before: { people: number; lines: number };
    beforeAll(async () => {
      await t.buildPerson({ name: 'Xavier', email: 'xavier@example.test' });
      const y = await t.buildPerson({ name: 'Yara', email: 'yara@example.test' });
      await t.buildPerson({
        name: 'Zed',
        email: 'zed@example.test',
        managerId: y.id,
      });
      await t.buildPerson({ name: 'Gone', email: 'gone@example.test', isActive: false });
    });
    beforeEach(async () => {
      before = await counts();
    });

    const cases: [string, string[], { row: number; column: string; reason: RegExp }[]][] = [
      ['a bad email', ['nope@', 'A'], [{ row: 2, column: 'email', reason: /valid email/ }]],
      ['a missing email', ['', 'A'], [{ row: 2, column: 'email', reason: /required/ }]],
      [
        'an unknown manager email',
        ['new1@example.test', 'New One', '', '', 'ghost@example.test', '', ''],
        [{ row: 2, column: 'manager_email', reason: /ghost@example\.test/ }],
      ],
      [
        'a bad manager email',
        ['new1@example.test', 'New One', '', '', 'ghost', '', ''],
        [{ row: 2, column: 'manager_email', reason: /valid email/ }],
      ],
      [
        'self-management',
        ['new1@example.test', 'New One', '', '', 'new1@example.test', '', ''],
        [{ row: 2, column: 'manager_email', reason: /own manager/ }],
      ],
      [
        'a bad date',
        ['new1@example.test', 'New One', '', '', '', '2026-02-30', ''],
        [{ row: 2, column: 'start_date', reason: /date/ }],
      ],
      [
        'a date in another format',
        ['new1@example.test', 'New One', '', '', '', '30/01/2026', ''],
        [{ row: 2, column: 'start_date', reason: /date/ }],
      ],
      [
        'a bad time zone',
        ['new1@example.test', 'New One', '', '', '', '', 'Europe/Gondor'],
        [{ row: 2, column: 'timezone', reason: /time zone/ }],
      ],
      [
        'a new person without a name',
        ['new1@example.test', '', '', '', '', '', ''],
        [{ row: 2, column: 'name', reason: /required/ }],
      ],
      [
        'a deactivated person',
        ['gone@example.test', 'Gone Again', '', '', '', '', ''],
        [{ row: 2, column: 'email', reason: /deactivated/ }],
      ],
      [
        'a deactivated manager',
        ['new1@example.test', 'New One', '', '', 'gone@example.test', '', ''],
        [{ row: 2, column: 'manager_email', reason: /deactivated/ }],
      ],
      [
        'a cycle with an existing line',
        ['yara@example.test', '', '', '', 'zed@example.test', '', ''],
        [{ row: 2, column: 'manager_email', reason: /loop/ }],
      ],
    ];

    it.each(cases)('for %s', async (_label, cells, expected) => {
      const csv = `${HEADER}\n${cells.join(',')}\nfiller@example.test,Filler,,,,,`;
      const preview = await run(csv, 'preview');
      expect(preview.status).toBe(200);
      expect(preview.body.rejections).toEqual(
        expected.map((e) => ({
          row: e.row,
          column: e.column,
          reason: expect.stringMatching(e.reason),
        })),
      );
      expect(preview.body.creates.map((c) => c.email)).toEqual(['filler@example.test']);
      const apply = await run(csv, 'apply');
      expect(apply.status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it('for a duplicate email, naming the earlier row', async () => {
      const csv = [
        HEADER,
        'dup@example.test,First,,,,,',
        'other@example.test,Other,,,,,',
        'DUP@example.test,Second,,,,,',
      ].join('\n');
      const preview = await run(csv, 'preview');
      expect(preview.body.rejections).toEqual([
        { row: 4, column: 'email', reason: expect.stringMatching(/row 2/) },
      ]);
      expect((await run(csv, 'apply')).status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it('for a cycle within the file, on every row of the loop', async () => {
      const csv = [
        HEADER,
        'c1@example.test,C One,,,c2@example.test,,',
        'c2@example.test,C Two,,,c3@example.test,,',
        'c3@example.test,C Three,,,c1@example.test,,',
        'c4@example.test,C Four,,,c1@example.test,,',
      ].join('\n');
      const preview = await run(csv, 'preview');
      expect(preview.body.rejections).toEqual([
        { row: 2, column: 'manager_email', reason: expect.stringMatching(/loop/) },
        { row: 3, column: 'manager_email', reason: expect.stringMatching(/loop/) },
        { row: 4, column: 'manager_email', reason: expect.stringMatching(/loop/) },
      ]);
      expect((await run(csv, 'apply')).status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it('for a two-person cycle between the file and existing people', async () => {
      const csv = [
        'email,manager_email',
        'xavier@example.test,yara@example.test',
        'yara@example.test,xavier@example.test',
      ].join('\n');
      const preview = await run(csv, 'preview');
      expect(preview.body.rejections.map((r) => [r.row, r.column])).toEqual([
        [2, 'manager_email'],
        [3, 'manager_email'],
      ]);
    });

    it('for a manager change when a later change is already scheduled', async () => {
      const x = await t.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', 'xavier@example.test')
        .executeTakeFirstOrThrow();
      const newManager = await t.buildPerson({ email: 'sched@example.test' });
      const scheduled = await agent.post('/api/reporting-lines', {
        reportId: x.id,
        managerId: newManager.id,
        startsOn: '2026-06-01',
      });
      expect(scheduled.status).toBe(201);
      const csv = `email,manager_email\nxavier@example.test,yara@example.test`;
      const preview = await run(csv, 'preview');
      expect(preview.body.rejections).toEqual([
        { row: 2, column: 'manager_email', reason: expect.stringMatching(/2026-06-01/) },
      ]);
      const apply = await run(csv, 'apply');
      expect(apply.status).toBe(400);
    });
  });
});
