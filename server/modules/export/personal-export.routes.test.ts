import { sql } from 'kysely';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventPage } from '../../../shared/schemas/audit.ts';
import type { TestHarness } from '../../test/harness.ts';
import {
  buildCast,
  completeConversation,
  createConversationHarness,
  createWhatMatters,
  scheduleConversation,
  sendSummary,
  validWhatMatters,
} from '../conversations/conversations.fixtures.ts';
import type { Cast } from '../conversations/conversations.fixtures.ts';
import { excludedTables, exportedTables } from './export-coverage.ts';

/** Columns that name a person even where no foreign key says so (the audit trail has none). */
const personColumns = new Set([
  'actor_id',
  'subject_person_id',
  'person_id',
  'recipient_id',
  'engineer_id',
  'manager_id',
  'author_id',
  'report_id',
]);

/** Tables that refer to a person, read from the live schema of either engine. */
async function tablesReferringToPeople(t: TestHarness): Promise<string[]> {
  const tables = new Set<string>(['people']);
  if (t.database.engine === 'sqlite') {
    const rows = await sql<{ name: string }>`
      select m.name from sqlite_master m, pragma_foreign_key_list(m.name) f
      where m.type = 'table' and f."table" = 'people'`.execute(t.db);
    for (const row of rows.rows) tables.add(row.name);
  } else {
    const rows = await sql<{ name: string }>`
      select distinct kcu.table_name as name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'people'`.execute(t.db);
    for (const row of rows.rows) tables.add(row.name);
  }
  for (const table of await t.db.introspection.getTables())
    if (table.columns.some((column) => personColumns.has(column.name))) tables.add(table.name);
  return [...tables].sort();
}

describe("the engineer's own export", () => {
  let t: TestHarness;
  let cast: Cast;
  const mark = (label: string) => `EXPORT-${label}-${Math.random().toString(36).slice(2, 8)}`;
  const marks = {
    agenda: mark('agenda'),
    draftPrep: mark('draft-prep'),
    ownNote: mark('own-note'),
    managerNote: mark('manager-note'),
    managerPersonNote: mark('manager-person-note'),
    talkingPoints: mark('talking-points'),
    sharedNotes: mark('shared-notes'),
    action: mark('action'),
    whatMatters: mark('what-matters'),
  };

  beforeAll(async () => {
    t = await createConversationHarness();
    cast = await buildCast(t);
    const { agents, people } = cast;
    const c = await scheduleConversation(agents.manager, people.engineer.id, {
      agenda: marks.agenda,
    });
    const base = `/api/conversations/${c.id}`;
    const ok = async (promise: Promise<{ status: number; body: unknown }>) => {
      const response = await promise;
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    };
    await ok(agents.engineer.put(`${base}/prep/answers/p1`, { answer: marks.draftPrep }));
    await ok(agents.engineer.put(`${base}/private-note`, { body: marks.ownNote }));
    await ok(agents.manager.put(`${base}/private-note`, { body: marks.managerNote }));
    await ok(agents.manager.patch(`${base}/manager-prep`, { talkingPoints: marks.talkingPoints }));
    await ok(
      agents.manager.put(`/api/people/${people.engineer.id}/private-note`, {
        body: marks.managerPersonNote,
      }),
    );
    await ok(agents.manager.put(`${base}/shared-notes`, { text: marks.sharedNotes, version: 0 }));
    await ok(
      agents.engineer.post(`${base}/action-items`, { owner: 'engineer', text: marks.action }),
    );
    await completeConversation(agents.manager, c.id);
    await sendSummary(agents.manager, c.id);
    await createWhatMatters(agents.engineer, {
      values: validWhatMatters.values.map((v, i) =>
        i === 0 ? { ...v, note: marks.whatMatters } : v,
      ),
    });
    // Someone else reads the record, so the export's access log has something to show.
    await ok(agents.manager.get(`${base}/summary`));
  });
  afterAll(() => t.close());

  it('downloads one zip with the JSON and a readable Markdown copy', async () => {
    const response = await t.app.request(`/api/people/${cast.people.engineer.id}/export`, {
      headers: { cookie: cast.agents.engineer.cookie ?? '' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="trajectory-export-2026-03-02\.zip"$/,
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'trajectory-export-2026-03-02/export.json',
      'trajectory-export-2026-03-02/export.md',
    ]);
    const json = strFromU8(files['trajectory-export-2026-03-02/export.json'] ?? new Uint8Array());
    const markdown = strFromU8(files['trajectory-export-2026-03-02/export.md'] ?? new Uint8Array());
    expect(JSON.parse(json)).toMatchObject({ format: 'trajectory-personal-export', version: 1 });
    expect(markdown).toMatch(/^# Your Trajectory record — Eli Engineer/);
    for (const text of [json, markdown]) {
      for (const own of [
        marks.agenda,
        marks.draftPrep,
        marks.ownNote,
        marks.sharedNotes,
        marks.action,
        marks.whatMatters,
      ])
        expect(text).toContain(own);
      for (const theirs of [marks.managerNote, marks.managerPersonNote, marks.talkingPoints])
        expect(text).not.toContain(theirs);
    }
    expect(markdown).toContain('Mina Manager: Read the summary of a conversation');
  });

  it("gives the manager their own notes in their export, never the engineer's private ones", async () => {
    const response = await cast.agents.manager.get<Record<string, unknown>>(
      `/api/people/${cast.people.manager.id}/export?format=json`,
    );
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    for (const own of [
      marks.managerNote,
      marks.managerPersonNote,
      marks.talkingPoints,
      marks.agenda,
    ])
      expect(text).toContain(own);
    for (const theirs of [marks.draftPrep, marks.ownNote, marks.whatMatters])
      expect(text).not.toContain(theirs);
  });

  it('is for the person alone: 404 for everyone else, admins included; 401 anonymous', async () => {
    const path = `/api/people/${cast.people.engineer.id}/export?format=json`;
    for (const role of ['manager', 'leader', 'peer', 'otherManager', 'admin'] as const)
      expect((await cast.agents[role].get(path)).status, role).toBe(404);
    expect((await cast.agents.anonymous.get(path)).status).toBe(401);
  });

  it('is recorded on the access log', async () => {
    const log = await cast.agents.engineer.get<AuditEventPage>(
      `/api/people/${cast.people.engineer.id}/access-log?includeOwn=true`,
    );
    expect(
      log.body.items.filter((e) => e.action === 'export.download').map((e) => e.reason),
    ).toEqual(['zip']);
  });

  it('covers every table that refers to a person, or says why not', async () => {
    const tables = await tablesReferringToPeople(t);
    const undeclared = tables.filter(
      (table) => !(table in exportedTables) && !(table in excludedTables),
    );
    const declaredTwice = Object.keys(exportedTables).filter((table) => table in excludedTables);
    const stale = [...Object.keys(exportedTables), ...Object.keys(excludedTables)].filter(
      (table) => !tables.includes(table),
    );
    expect({ undeclared, declaredTwice, stale }).toEqual({
      undeclared: [],
      declaredTwice: [],
      stale: [],
    });
    for (const reason of Object.values(excludedTables)) expect(reason.length).toBeGreaterThan(20);
    console.warn(
      `export coverage (${t.database.engine}): ${tables.length} person tables — ${Object.keys(exportedTables).length} exported, ${Object.keys(excludedTables).length} excluded with a reason`,
    );
  });
});
