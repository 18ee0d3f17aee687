import { randomUUID } from 'node:crypto';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../clock.ts';
import type { TestHarness } from '../../test/harness.ts';
import type { ConversationKind } from '../../../shared/schemas/conversations.ts';

/** Text placed in every content field the seed writes; it must never reach a dashboard. */
export const CANARY = 'CANARY-private-words-7f3a';

export interface HeldSpec {
  kind: ConversationKind;
  /** When it was marked held, in days before now. */
  daysAgo: number;
  /** Hours after it was held that the summary went out, or null for none. */
  summaryAfterHours: number | null;
  /** Hours after the summary that the engineer answered, or null for no answer. */
  responseAfterHours?: number | null;
  response?: 'acknowledged' | 'amendment_requested';
}

export interface CommitmentSpec {
  owner: 'manager' | 'engineer';
  /** Due this many days before now (negative: in the future). */
  dueDaysAgo: number;
  /** Ticked off this many days after it was due (negative: early), or null while open. */
  doneDaysAfterDue: number | null;
}

/**
 * Inserts a held conversation with its summary and response directly (fast seeding for the
 * dashboard tests). Content fields carry the canary.
 */
export async function insertHeldConversation(
  t: TestHarness,
  pair: { engineerId: string; managerId: string },
  spec: HeldSpec,
): Promise<string> {
  const now = t.clock.now().getTime();
  const id = randomUUID();
  const completedAt = new Date(now - spec.daysAgo * DAY_MS);
  const startsAt = new Date(completedAt.getTime() - 60 * MINUTE_MS);
  const createdAt = new Date(startsAt.getTime() - 7 * DAY_MS).toISOString();
  await t.db
    .insertInto('conversations')
    .values({
      id,
      engineer_id: pair.engineerId,
      manager_id: pair.managerId,
      kind: spec.kind,
      status: 'completed',
      starts_at: startsAt.toISOString(),
      duration_minutes: 60,
      place: `Room ${CANARY}`,
      agenda: `Agenda ${CANARY}`,
      proposed_by: pair.managerId,
      bank_version: 1,
      completed_at: completedAt.toISOString(),
      cancelled_at: null,
      shared_notes: `Notes ${CANARY}`,
      shared_notes_version: 1,
      shared_notes_updated_at: null,
      shared_notes_updated_by: null,
      summary_draft: null,
      created_at: createdAt,
      updated_at: completedAt.toISOString(),
    })
    .execute();
  if (spec.summaryAfterHours !== null) {
    const sentAt = new Date(completedAt.getTime() + spec.summaryAfterHours * HOUR_MS);
    await t.db
      .insertInto('summary_versions')
      .values({
        id: randomUUID(),
        conversation_id: id,
        version: 1,
        discussed: `Discussed ${CANARY}`,
        goals: `Goals ${CANARY}`,
        manager_actions: `Manager ${CANARY}`,
        engineer_actions: `Engineer ${CANARY}`,
        next_check_in_on: null,
        sent_at: sentAt.toISOString(),
        sent_by: pair.managerId,
      })
      .execute();
    if (spec.responseAfterHours !== undefined && spec.responseAfterHours !== null)
      await t.db
        .insertInto('summary_responses')
        .values({
          id: randomUUID(),
          conversation_id: id,
          version: 1,
          author_id: pair.engineerId,
          kind: spec.response ?? 'acknowledged',
          comment: `Comment ${CANARY}`,
          created_at: new Date(sentAt.getTime() + spec.responseAfterHours * HOUR_MS).toISOString(),
        })
        .execute();
  }
  return id;
}

export async function insertCommitment(
  t: TestHarness,
  pair: { engineerId: string; managerId: string },
  spec: CommitmentSpec,
): Promise<void> {
  const now = t.clock.now().getTime();
  const dueMs = now - spec.dueDaysAgo * DAY_MS;
  const dueOn = new Date(dueMs).toISOString().slice(0, 10);
  const doneAt =
    spec.doneDaysAfterDue === null
      ? null
      : new Date(Date.parse(`${dueOn}T12:00:00Z`) + spec.doneDaysAfterDue * DAY_MS).toISOString();
  await t.db
    .insertInto('action_items')
    .values({
      id: randomUUID(),
      conversation_id: null,
      engineer_id: pair.engineerId,
      manager_id: pair.managerId,
      owner: spec.owner,
      text: `Commitment ${CANARY}`,
      due_on: dueOn,
      is_done: doneAt !== null,
      done_at: doneAt,
      created_by: pair.managerId,
      created_at: new Date(now - 200 * DAY_MS).toISOString(),
      updated_at: new Date(now).toISOString(),
    })
    .execute();
}

/** An active development contract last referenced `referencedDaysAgo` days ago (C1 fields only). */
export async function insertActiveContract(
  t: TestHarness,
  engineerId: string,
  input: { activeDaysAgo: number; referencedDaysAgo: number; checkInDaysAgo?: number | null },
): Promise<void> {
  const now = t.clock.now().getTime();
  const at = (days: number) => new Date(now - days * DAY_MS).toISOString();
  await t.db
    .insertInto('contracts')
    .values({
      id: randomUUID(),
      engineer_id: engineerId,
      status: 'active',
      source_conversation_id: null,
      current_version: 1,
      next_review_on: null,
      activated_at: at(input.activeDaysAgo),
      last_reviewed_at: null,
      last_check_in_at:
        input.checkInDaysAgo === undefined || input.checkInDaysAgo === null
          ? null
          : at(input.checkInDaysAgo),
      last_referenced_at: at(input.referencedDaysAgo),
      closed_at: null,
      outcome_note: null,
      outcome_by: null,
      created_by: null,
      created_at: at(input.activeDaysAgo + 5),
      updated_at: at(input.referencedDaysAgo),
    })
    .execute();
}
