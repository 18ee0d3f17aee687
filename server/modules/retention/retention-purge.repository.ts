import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';

/**
 * The deletions of the retention pass (ADR 075). Every function takes the transaction handle of
 * its batch and returns how many rows it deleted or stripped of their text.
 */

export interface PurgeCounts {
  deleted: number;
  stripped: number;
}

const none = (): PurgeCounts => ({ deleted: 0, stripped: 0 });
const deletedOf = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
const updatedOf = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows);

/** Ids of unshared prep answers last edited before `cutoff`, at most `limit`. */
export async function listExpiredPrivatePrep(
  db: Transaction,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('prep_answers')
    .select('id')
    .where('is_shared', '=', false)
    .where('updated_at', '<', cutoff)
    // In the order of prep_answers_retention_idx (migration 0017), so the pass reads one range.
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of private notes (either side's) last edited before `cutoff`, at most `limit`. */
export async function listExpiredPrivateNotes(
  db: Transaction,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('private_notes')
    .select('id')
    .where('updated_at', '<', cutoff)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Conversations whose manager's talking points were last edited before `cutoff`. */
export async function listExpiredTalkingPoints(
  db: Transaction,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('manager_preps')
    .select('conversation_id')
    // A literal, like the partial index's condition: a generic plan on PostgreSQL (ADR 103)
    // could not tell that a parameter matches it.
    .where(sql<boolean>`talking_points <> ''`)
    .where('updated_at', '<', cutoff)
    .orderBy('updated_at')
    .orderBy('conversation_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.conversation_id);
}

export async function deletePrepAnswers(db: Transaction, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return deletedOf(await db.deleteFrom('prep_answers').where('id', 'in', ids).executeTakeFirst());
}

export async function deletePrivateNotes(db: Transaction, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return deletedOf(await db.deleteFrom('private_notes').where('id', 'in', ids).executeTakeFirst());
}

/** Empties the talking points; the checklist (C1: the manager prepared) stays. */
export async function stripTalkingPoints(db: Transaction, conversationIds: string[]) {
  if (conversationIds.length === 0) return 0;
  return updatedOf(
    await db
      .updateTable('manager_preps')
      .set({ talking_points: '' })
      .where('conversation_id', 'in', conversationIds)
      .executeTakeFirst(),
  );
}

/**
 * Deactivated people whose content is due: deactivated before `cutoff` and not processed since
 * they were last deactivated. At most `limit`, oldest departure first.
 */
export async function listFormerEmployeesDue(
  db: Transaction,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('is_active', '=', false)
    .where('deactivated_at', 'is not', null)
    .where('deactivated_at', '<', cutoff)
    .where((eb) =>
      eb.or([
        eb('content_removed_at', 'is', null),
        eb('content_removed_at', '<', eb.ref('deactivated_at')),
      ]),
    )
    .orderBy('deactivated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Removes a former employee's C2–C6 content and keeps the facts (ADR 075): what they wrote or
 * what was written about them as the engineer, and their own private notes, drafts and talking
 * points as a manager. Records that belong to someone still here (the shared record of a
 * conversation they held as manager, a handover note to a successor's report) are not touched.
 * Marks the person as processed at `at`.
 */
export async function removeFormerEmployeeContent(
  db: Transaction,
  personId: string,
  at: string,
): Promise<PurgeCounts> {
  const counts = none();
  const add = (kind: keyof PurgeCounts, n: number) => (counts[kind] += n);
  const theirConversations = db
    .selectFrom('conversations')
    .select('id')
    .where('engineer_id', '=', personId);
  const theirContracts = db
    .selectFrom('contracts')
    .select('id')
    .where('engineer_id', '=', personId);

  // Conversations they were the engineer of: the meeting stays (C1), its words go.
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('conversations')
        .set({ agenda: '', shared_notes: '', summary_draft: null })
        .where('engineer_id', '=', personId)
        .where((eb) =>
          eb.or([
            eb('agenda', '<>', ''),
            eb('shared_notes', '<>', ''),
            eb('summary_draft', 'is not', null),
          ]),
        )
        .executeTakeFirst(),
    ),
  );
  // Their unsent summary drafts as a manager: only they could read them.
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('conversations')
        .set({ summary_draft: null })
        .where('manager_id', '=', personId)
        .where('summary_draft', 'is not', null)
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('conversation_events')
        .set({ reason: '' })
        .where('conversation_id', 'in', theirConversations)
        .where('reason', '<>', '')
        .executeTakeFirst(),
    ),
  );
  add(
    'deleted',
    deletedOf(
      await db
        .deleteFrom('prep_answers')
        .where((eb) =>
          eb.or([
            eb('conversation_id', 'in', theirConversations),
            eb.and([eb('author_id', '=', personId), eb('is_shared', '=', false)]),
          ]),
        )
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('manager_preps')
        .set({ talking_points: '' })
        .where((eb) =>
          eb.or([eb('conversation_id', 'in', theirConversations), eb('author_id', '=', personId)]),
        )
        .where('talking_points', '<>', '')
        .executeTakeFirst(),
    ),
  );
  add(
    'deleted',
    deletedOf(
      await db
        .deleteFrom('private_notes')
        .where((eb) => eb.or([eb('subject_id', '=', personId), eb('author_id', '=', personId)]))
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('action_items')
        .set({ text: '' })
        .where('engineer_id', '=', personId)
        .where('text', '<>', '')
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('summary_versions')
        .set({ discussed: '', goals: '', manager_actions: '', engineer_actions: '' })
        .where('conversation_id', 'in', theirConversations)
        .where((eb) =>
          eb.or([
            eb('discussed', '<>', ''),
            eb('goals', '<>', ''),
            eb('manager_actions', '<>', ''),
            eb('engineer_actions', '<>', ''),
          ]),
        )
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('summary_responses')
        .set({ comment: '' })
        .where('conversation_id', 'in', theirConversations)
        .where('comment', '<>', '')
        .executeTakeFirst(),
    ),
  );

  // What Matters (C4) and assessments are content through and through: the rows go.
  add(
    'deleted',
    deletedOf(
      await db
        .deleteFrom('what_matters_exercises')
        .where('engineer_id', '=', personId)
        .executeTakeFirst(),
    ),
  );
  add(
    'deleted',
    deletedOf(
      await db.deleteFrom('assessments').where('person_id', '=', personId).executeTakeFirst(),
    ),
  );
  // Their own unsubmitted side of someone else's assessment was theirs alone.
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('assessment_ratings')
        .set({ evidence: '' })
        .where('side', '=', 'manager')
        .where('evidence', '<>', '')
        .where('assessment_id', 'in', (eb) =>
          eb
            .selectFrom('assessment_sides')
            .select('assessment_id')
            .where('author_id', '=', personId)
            .where('side', '=', 'manager')
            .where('submitted_at', 'is', null),
        )
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('placements')
        .set({ note: '' })
        .where('person_id', '=', personId)
        .where('note', '<>', '')
        .executeTakeFirst(),
    ),
  );

  // Development contracts (C3): status and dates stay (C1: a plan existed), the text goes.
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('contracts')
        .set({ outcome_note: null })
        .where('engineer_id', '=', personId)
        .where('outcome_note', 'is not', null)
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('contract_versions')
        .set({
          development_goal: '',
          manager_commitment: '',
          engineer_commitment: '',
          evidence_of_success: '',
          caveat: '',
          not_here: '',
          transition_support: '',
          change_note: '',
        })
        .where('contract_id', 'in', theirContracts)
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('contract_goals')
        .set({ description: '', success_criteria: '', support_needed: '' })
        .where('contract_version_id', 'in', (eb) =>
          eb
            .selectFrom('contract_versions')
            .select('id')
            .where('contract_id', 'in', theirContracts),
        )
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('contract_check_ins')
        .set({ note: '' })
        .where('contract_id', 'in', theirContracts)
        .where('note', '<>', '')
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('contract_handovers')
        .set({ note: '' })
        .where('engineer_id', '=', personId)
        .where('note', '<>', '')
        .executeTakeFirst(),
    ),
  );

  // Mail to them: unsent mail has nobody to go to; sent mail keeps its subject and dates.
  add(
    'deleted',
    deletedOf(
      await db
        .deleteFrom('outbox_messages')
        .where('recipient_id', '=', personId)
        .where('sent_at', 'is', null)
        .executeTakeFirst(),
    ),
  );
  add(
    'stripped',
    updatedOf(
      await db
        .updateTable('outbox_messages')
        .set({ text_body: '', html_body: null, ical_body: null })
        .where('recipient_id', '=', personId)
        .where((eb) =>
          eb.or([
            eb('text_body', '<>', ''),
            eb('html_body', 'is not', null),
            eb('ical_body', 'is not', null),
          ]),
        )
        .executeTakeFirst(),
    ),
  );

  await db
    .updateTable('people')
    .set({ content_removed_at: at })
    .where('id', '=', personId)
    .execute();
  return counts;
}
