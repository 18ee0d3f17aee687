import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isSqlite } from '../client.ts';

/**
 * The summary and prep facts of each conversation, kept by the database itself (ADR 098): when
 * the first summary went out, its latest version, the engineer's response to that version, and
 * whether the engineer prepared. Every cadence view needs them for every conversation of every
 * engineer it shows; worked out with sub-selects per row they were most of the cost of a team
 * view, a manager's home and the coverage refresh (docs/performance.md).
 *
 * Triggers on the three source tables recompute a conversation's row whenever one of its
 * summaries, responses or prep answers is written or removed, whichever code path writes, so the
 * row always equals a fresh computation. No foreign key: a row of a deleted conversation is
 * removed by a trigger on `conversations`, and the recomputation skips conversations that no
 * longer exist, so a cascade never trips over the order in which its triggers run.
 */

/** Recomputes the facts of the conversations `where` selects (over `conversations as c`). */
function upsertFacts(where: string): string {
  return (
    'insert into conversation_facts (conversation_id, first_summary_sent_at, latest_summary_version, latest_response_kind, latest_response_at, has_engineer_prep) ' +
    'select c.id, ' +
    '(select min(sv.sent_at) from summary_versions sv where sv.conversation_id = c.id), ' +
    '(select max(sv.version) from summary_versions sv where sv.conversation_id = c.id), ' +
    // One response per version (unique key), so the latest version's response is the status.
    '(select sr.kind from summary_responses sr where sr.conversation_id = c.id and sr.version = (select max(sv.version) from summary_versions sv where sv.conversation_id = c.id)), ' +
    '(select sr.created_at from summary_responses sr where sr.conversation_id = c.id and sr.version = (select max(sv.version) from summary_versions sv where sv.conversation_id = c.id)), ' +
    "exists (select 1 from prep_answers pa where pa.conversation_id = c.id and pa.answer <> '') " +
    `from conversations c where ${where} ` +
    'on conflict (conversation_id) do update set ' +
    'first_summary_sent_at = excluded.first_summary_sent_at, ' +
    'latest_summary_version = excluded.latest_summary_version, ' +
    'latest_response_kind = excluded.latest_response_kind, ' +
    'latest_response_at = excluded.latest_response_at, ' +
    'has_engineer_prep = excluded.has_engineer_prep'
  );
}

/** The tables whose rows make up the facts, and which of their updates can change them. */
const SOURCES = [
  { table: 'summary_versions', updateOf: ['conversation_id', 'version', 'sent_at'] },
  { table: 'summary_responses', updateOf: ['conversation_id', 'version', 'kind', 'created_at'] },
  { table: 'prep_answers', updateOf: ['conversation_id', 'answer'] },
] as const;

export async function createConversationFactTriggers(db: Kysely<unknown>): Promise<void> {
  const sqlite = isSqlite(db);
  for (const { table, updateOf } of SOURCES) {
    const ofNew = upsertFacts('c.id = new.conversation_id');
    const ofOld = upsertFacts('c.id = old.conversation_id');
    const columns = updateOf.join(', ');
    if (sqlite) {
      await sql
        .raw(`create trigger ${table}_facts_insert after insert on ${table} begin ${ofNew}; end`)
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_facts_update after update of ${columns} on ${table} begin ${ofNew}; ${ofOld}; end`,
        )
        .execute(db);
      await sql
        .raw(`create trigger ${table}_facts_delete after delete on ${table} begin ${ofOld}; end`)
        .execute(db);
      continue;
    }
    await sql
      .raw(
        `create function ${table}_facts() returns trigger language plpgsql as $$ begin ` +
          `if tg_op <> 'DELETE' then ${ofNew}; end if; ` +
          `if tg_op <> 'INSERT' then ${ofOld}; end if; ` +
          'return null; end $$',
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_facts after insert or update of ${columns} or delete on ${table} for each row execute function ${table}_facts()`,
      )
      .execute(db);
  }
  const forget = 'delete from conversation_facts where conversation_id = old.id';
  if (sqlite) {
    await sql
      .raw(
        `create trigger conversations_facts_delete after delete on conversations begin ${forget}; end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create function conversations_facts() returns trigger language plpgsql as $$ begin ${forget}; return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      'create trigger conversations_facts after delete on conversations for each row execute function conversations_facts()',
    )
    .execute(db);
}

/** Removes the triggers (the synthetic organisation's bulk load rebuilds the facts once after). */
export async function dropConversationFactTriggers(db: Kysely<unknown>): Promise<void> {
  const sqlite = isSqlite(db);
  for (const table of [...SOURCES.map((s) => s.table), 'conversations']) {
    if (sqlite) {
      for (const event of ['insert', 'update', 'delete'])
        await sql.raw(`drop trigger if exists ${table}_facts_${event}`).execute(db);
      continue;
    }
    await sql.raw(`drop trigger if exists ${table}_facts on ${table}`).execute(db);
    await sql.raw(`drop function if exists ${table}_facts()`).execute(db);
  }
}

/** Recomputes the facts of every conversation (the migration's backfill; after a bulk load). */
export async function rebuildConversationFacts(db: Kysely<unknown>): Promise<void> {
  await sql.raw(upsertFacts('true')).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversation_facts')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('first_summary_sent_at', 'timestamptz')
    .addColumn('latest_summary_version', 'integer')
    .addColumn('latest_response_kind', 'text')
    .addColumn('latest_response_at', 'timestamptz')
    .addColumn('has_engineer_prep', 'boolean', (c) => c.notNull())
    .execute();
  await rebuildConversationFacts(db);
  await createConversationFactTriggers(db);
}
