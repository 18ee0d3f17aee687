import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../policies/actor.ts';
import { TODAY, buildWorld, ok, schedule } from '../../test/access-matrix/world.ts';
import type { World } from '../../test/access-matrix/world.ts';
import { seedCanaries } from '../../test/canary/canary-seed.ts';
import type { Canary } from '../../test/canary/canary-seed.ts';

/**
 * Leavers and retention (issue 7, ADR 075), with the canary seed: every C2–C6 field about the
 * engineer holds a unique marker. After the engineer has been gone longer than the period and
 * the pass has run, no marker of theirs is left anywhere in a live table; private reflections of
 * people who stay go after their own period while shared content stays.
 */

/** Every row of every table, as text: what a database dump of the live tables would show. */
async function liveText(w: World): Promise<string> {
  const tables = await w.t.db.introspection.getTables();
  expect(tables.length).toBeGreaterThan(40);
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql`select * from ${sql.table(table.name)}`.execute(w.t.db);
    parts.push(`${table.name}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

const present = (text: string, canaries: Canary[]) =>
  canaries.filter((c) => text.includes(c.text)).map((c) => c.label);

describe('retention: former employees and private reflections', () => {
  let w: World;
  let canaries: Canary[] = [];
  let peerConversation = '';
  const mark = (label: string) => `RETAINED-${label}-${randomUUID()}`;
  const peerText = {
    privatePrep: mark('peer-private-prep'),
    sharedPrep: mark('peer-shared-prep'),
    privateNote: mark('peer-private-note'),
    managerNote: mark('manager-private-note-about-peer'),
    sharedNotes: mark('peer-shared-notes'),
    freshNote: mark('peer-fresh-note'),
  };

  beforeAll(async () => {
    w = await buildWorld();
    ({ canaries } = await seedCanaries(w, (label) => `CANARY-${label}-${randomUUID()}`));
    // Mail that carries the summary to the engineer, so the outbox holds their content too.
    await w.t.services.reminders.tick();
    // As the sweeper would have done: sent mail stays in the outbox as a record.
    await w.t.db.updateTable('outbox_messages').set({ sent_at: TODAY }).execute();

    // The peer stays: their private preparation and notes, and the pair's shared record.
    const { agents, people } = w;
    peerConversation = await schedule(agents.manager, people.peer.id, '2026-03-12T10:00:00Z');
    const base = `/api/conversations/${peerConversation}`;
    await ok(agents.peer.put(`${base}/prep/answers/p1`, { answer: peerText.privatePrep }));
    await ok(agents.peer.put(`${base}/prep/answers/p2`, { answer: peerText.sharedPrep }));
    await ok(agents.peer.post(`${base}/prep/shares`, { keys: ['p2'] }));
    await ok(agents.peer.put(`${base}/private-note`, { body: peerText.privateNote }));
    await ok(agents.manager.put(`${base}/private-note`, { body: peerText.managerNote }));
    await ok(
      agents.manager.put(`${base}/shared-notes`, { text: peerText.sharedNotes, version: 0 }),
    );

    await ok(
      agents.admin.put('/api/retention-settings', {
        privateReflectionsMonths: 12,
        formerEmployeesMonths: 6,
        baseVersion: 0,
      }),
    );
    await ok(agents.admin.patch(`/api/people/${people.engineer.id}`, { isActive: false }));
  }, 180_000);
  afterAll(async () => {
    if (w) await w.t.close();
  });

  it('starts with every canary in the live tables, the outbox included', async () => {
    expect(canaries.length).toBeGreaterThan(40);
    const text = await liveText(w);
    expect(present(text, canaries)).toHaveLength(canaries.length);
    const mail = await w.t.db
      .selectFrom('outbox_messages')
      .select('text_body')
      .where('recipient_id', '=', w.people.engineer.id)
      .execute();
    expect(mail.some((m) => m.text_body.includes('CANARY-C2-summary'))).toBe(true);
  });

  it('keeps a former employee’s content until their period has passed', async () => {
    w.t.clock.set('2026-08-25T09:00:00.000Z');
    const counts = await w.t.services.retention.runPass(systemActor);
    expect(counts.formerEmployees).toBe(0);
    expect(present(await liveText(w), canaries)).toHaveLength(canaries.length);
  });

  it('leaves no canary of the former employee in any live table once the period has passed', async () => {
    w.t.clock.set('2026-10-02T09:00:00.000Z');
    const before = await w.t.db
      .selectFrom('conversations')
      .select(['id', 'status', 'starts_at', 'kind'])
      .where('engineer_id', '=', w.people.engineer.id)
      .orderBy('id')
      .execute();
    const counts = await w.t.services.retention.runPass(systemActor);
    // The engineer and the world's other deactivated person.
    expect(counts.formerEmployees).toBe(2);
    expect(counts.rowsDeleted + counts.rowsStripped).toBeGreaterThan(20);
    const text = await liveText(w);
    expect(present(text, canaries)).toEqual([]);

    // Facts stay: the conversations happened, with their dates, kind and outcome.
    const after = await w.t.db
      .selectFrom('conversations')
      .select(['id', 'status', 'starts_at', 'kind'])
      .where('engineer_id', '=', w.people.engineer.id)
      .orderBy('id')
      .execute();
    expect(after).toEqual(before);
    const contracts = await w.t.db
      .selectFrom('contracts')
      .select(['status', 'activated_at'])
      .where('engineer_id', '=', w.people.engineer.id)
      .execute();
    expect(contracts).toHaveLength(1);
    expect(contracts[0]?.activated_at).not.toBeNull();

    // The peer, who stays, keeps everything: their reflections are younger than a year.
    for (const value of Object.values(peerText).filter((v) => v !== peerText.freshNote))
      expect(text).toContain(value);

    // Run twice, nothing more to do: the engineer is not processed again.
    const again = await w.t.services.retention.runPass(systemActor);
    expect(again.formerEmployees).toBe(0);
  });

  it('removes private reflections older than their period and keeps shared content', async () => {
    const peer = await w.t.agentFor(w.people.peer);
    await ok(
      peer.put(`/api/conversations/${peerConversation}/private-note`, { body: peerText.freshNote }),
    );
    w.t.clock.set('2027-03-10T09:00:00.000Z');
    const counts = await w.t.services.retention.runPass(systemActor);
    // The peer's unshared prep answer, their old note and the manager's note about the conversation.
    expect(counts.privateReflections).toBe(2);
    const text = await liveText(w);
    expect(text).not.toContain(peerText.privatePrep);
    expect(text).not.toContain(peerText.managerNote);
    expect(text).toContain(peerText.sharedPrep);
    expect(text).toContain(peerText.sharedNotes);
    expect(text).toContain(peerText.freshNote);

    const prep = await (
      await w.t.agentFor(w.people.manager)
    ).get<{ shared?: unknown }>(`/api/conversations/${peerConversation}/prep`);
    expect(JSON.stringify(prep.body)).toContain(peerText.sharedPrep);
  });

  it('records each pass with counts and no content, and the canaries never reached the trail', async () => {
    const events = await w.t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'retention.pass')
      .execute();
    expect(events.length).toBe(4);
    const trail = JSON.stringify(await w.t.db.selectFrom('audit_events').selectAll().execute());
    expect(present(trail, canaries)).toEqual([]);
    expect(events.every((e) => e.actor_role === 'system' && e.subject_person_id === null)).toBe(
      true,
    );
  });
});
