import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { DAY_MS, HOUR_MS, toIsoDate } from '../clock.ts';
import type { Database, Transaction } from '../db/client.ts';
import { DEMO_PEOPLE } from './demo-people.ts';
import type { DemoPerson } from './demo-people.ts';

/**
 * Two years of career conversations for the demo organisation, so every screen has something to
 * show: held conversations following the cadence (most pairs on time, a few drifting), summaries
 * and acknowledgements, an upcoming review, and one living development contract with commitments
 * on both sides and a monthly check-in. Written once, in one transaction; all wording is ours.
 */

const HISTORY_DAYS = 730;

/** How reliably each pair keeps to the cadence (1 = always on time); others default to 0.85. */
const DISCIPLINE: Readonly<Record<string, number>> = { ben: 0.5, omar: 0.55, kwame: 0.6 };

const SUMMARIES = [
  {
    discussed:
      'What has been energising lately, the last release, and where the next year could go.',
    goals: 'Take the lead on one design review this quarter.',
    managerActions: 'Introduce them to the architects of the platform group.',
    engineerActions: 'Write a one-page proposal for the next review.',
  },
  {
    discussed: 'Progress on the plan, what got in the way, and the feedback from the last project.',
    goals: 'Mentor the newest member of the team through their first on-call week.',
    managerActions: 'Keep Thursday afternoons free of meetings for focused work.',
    engineerActions: 'Pair with the new joiner twice a week for a month.',
  },
  {
    discussed:
      'Values that matter most right now, and which parts of the role feel like a stretch.',
    goals: 'Present the team’s work at the engineering all-hands.',
    managerActions: 'Ask the all-hands organisers for a slot next month.',
    engineerActions: 'Draft the talk and rehearse it with the team.',
  },
] as const;

/** A small deterministic stream per person, so the demo looks the same every time it is made. */
function streamFor(key: string): () => number {
  let state = [...key].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 7);
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Spell {
  managerKey: string;
  fromDaysAgo: number;
  untilDaysAgo: number;
}

/** Who the person reported to and when, as spells counted in days before today. */
function spellsOf(person: DemoPerson, joined: ReadonlyMap<string, number>): Spell[] {
  return person.managers.map((spell, index) => {
    const managerJoined = joined.get(spell.manager) ?? person.joinedDaysAgo;
    const fromDaysAgo =
      index === 0
        ? Math.min(person.joinedDaysAgo, managerJoined)
        : (spell.sinceDaysAgo ?? person.joinedDaysAgo);
    const next = person.managers[index + 1];
    return {
      managerKey: spell.manager,
      fromDaysAgo,
      untilDaysAgo: next?.sinceDaysAgo ?? 0,
    };
  });
}

interface Ids {
  of(key: string): string;
}

async function insertHeld(
  trx: Transaction,
  input: {
    engineerId: string;
    managerId: string;
    kind: string;
    heldAt: number;
    summaryAfterHours: number | null;
    acknowledgedAfterHours: number | null;
    summary: (typeof SUMMARIES)[number];
    now: number;
  },
): Promise<void> {
  const id = randomUUID();
  const iso = (ms: number) => new Date(ms).toISOString();
  await trx
    .insertInto('conversations')
    .values({
      id,
      engineer_id: input.engineerId,
      manager_id: input.managerId,
      kind: input.kind,
      status: 'completed',
      starts_at: iso(input.heldAt - HOUR_MS),
      duration_minutes: 60,
      place: 'Video call',
      agenda: '',
      proposed_by: input.managerId,
      bank_version: 1,
      completed_at: iso(input.heldAt),
      cancelled_at: null,
      shared_notes: '',
      shared_notes_version: 0,
      shared_notes_updated_at: null,
      shared_notes_updated_by: null,
      summary_draft: null,
      created_at: iso(input.heldAt - 10 * DAY_MS),
      updated_at: iso(input.heldAt),
    })
    .execute();
  if (input.summaryAfterHours === null) return;
  const sentAt = input.heldAt + input.summaryAfterHours * HOUR_MS;
  if (sentAt > input.now) return;
  await trx
    .insertInto('summary_versions')
    .values({
      id: randomUUID(),
      conversation_id: id,
      version: 1,
      discussed: input.summary.discussed,
      goals: input.summary.goals,
      manager_actions: input.summary.managerActions,
      engineer_actions: input.summary.engineerActions,
      next_check_in_on: null,
      sent_at: iso(sentAt),
      sent_by: input.managerId,
    })
    .execute();
  if (input.acknowledgedAfterHours === null) return;
  const acknowledgedAt = sentAt + input.acknowledgedAfterHours * HOUR_MS;
  if (acknowledgedAt > input.now) return;
  await trx
    .insertInto('summary_responses')
    .values({
      id: randomUUID(),
      conversation_id: id,
      version: 1,
      author_id: input.engineerId,
      kind: 'acknowledged',
      comment: '',
      created_at: iso(acknowledgedAt),
    })
    .execute();
}

/** Conversations of every pair, following the cadence from the start of each reporting spell. */
async function seedConversations(trx: Transaction, ids: Ids, now: number): Promise<number> {
  const joined = new Map(DEMO_PEOPLE.map((p) => [p.key, p.joinedDaysAgo]));
  let held = 0;
  for (const person of DEMO_PEOPLE) {
    const next = streamFor(person.key);
    const discipline = DISCIPLINE[person.key] ?? 0.85;
    for (const spell of spellsOf(person, joined)) {
      const spellStart = now - spell.fromDaysAgo * DAY_MS;
      const end = now - spell.untilDaysAgo * DAY_MS - 2 * DAY_MS;
      const windowStart = now - HISTORY_DAYS * DAY_MS;
      // Every pair starts with a first conversation (late for the less disciplined), then reviews;
      // before the two-year window only that first conversation is written.
      let at = spellStart + ((next() < discipline ? 4 : 18) + next() * 8) * DAY_MS;
      let index = 0;
      while (at < end) {
        const isOnTime = next() < discipline;
        const isRecent = at > now - 60 * DAY_MS;
        const kind =
          index === 0
            ? 'initial'
            : index % 4 === 0
              ? 'close_gap'
              : index % 4 === 2
                ? 'where_to'
                : 'quarterly';
        await insertHeld(trx, {
          engineerId: ids.of(person.key),
          managerId: ids.of(spell.managerKey),
          kind,
          heldAt: at,
          // Old summaries all went out, some late; only a recent one may still be missing.
          summaryAfterHours: isOnTime
            ? 3 + Math.floor(next() * 18)
            : isRecent && next() < 0.5
              ? null
              : 60,
          acknowledgedAfterHours: !isRecent || next() < 0.7 ? 4 + Math.floor(next() * 70) : null,
          summary: SUMMARIES[index % SUMMARIES.length] ?? SUMMARIES[0],
          now,
        });
        held += 1;
        index += 1;
        at += (isOnTime ? 78 + next() * 12 : 110 + next() * 70) * DAY_MS;
        if (at < windowStart) at = windowStart + next() * 60 * DAY_MS;
      }
    }
  }
  return held;
}

/** The demo engineer's next review with their manager, three days out. */
async function seedUpcoming(
  trx: Transaction,
  engineerId: string,
  managerId: string,
  now: number,
): Promise<void> {
  const startsAt = new Date(Math.floor(now / DAY_MS) * DAY_MS + 3 * DAY_MS + 10 * HOUR_MS);
  await trx
    .insertInto('conversations')
    .values({
      id: randomUUID(),
      engineer_id: engineerId,
      manager_id: managerId,
      kind: 'quarterly',
      status: 'confirmed',
      starts_at: startsAt.toISOString(),
      duration_minutes: 60,
      place: 'Video call',
      agenda: 'How the first months on Mobile have gone, and the plan for the next quarter.',
      proposed_by: managerId,
      bank_version: 1,
      completed_at: null,
      cancelled_at: null,
      shared_notes: '',
      shared_notes_version: 0,
      shared_notes_updated_at: null,
      shared_notes_updated_by: null,
      summary_draft: null,
      created_at: new Date(now - 4 * DAY_MS).toISOString(),
      updated_at: new Date(now - 4 * DAY_MS).toISOString(),
    })
    .execute();
}

/**
 * One development contract both sides agreed to six weeks ago, with two goals, commitments on
 * both sides (one of the manager's late) and a check-in.
 */
async function seedContract(
  trx: Transaction,
  engineerId: string,
  managerId: string,
  now: number,
): Promise<void> {
  const iso = (daysAgo: number) => new Date(now - daysAgo * DAY_MS).toISOString();
  const day = (daysAgo: number) => toIsoDate(new Date(now - daysAgo * DAY_MS));
  const contractId = randomUUID();
  const versionId = randomUUID();
  const goals = [
    {
      id: randomUUID(),
      description: 'Own the offline sync feature from design to release.',
      success: 'Released to all users, with a design review the team signed off.',
      support: 'A senior reviewer for the design, and two focused days a sprint.',
      dueDaysAgo: -60,
    },
    {
      id: randomUUID(),
      description: 'Run the team’s incident reviews for a quarter.',
      success: 'Every incident reviewed within a week, with actions followed up.',
      support: 'A slot in the weekly team meeting.',
      dueDaysAgo: -45,
    },
  ];
  await trx
    .insertInto('contracts')
    .values({
      id: contractId,
      engineer_id: engineerId,
      status: 'active',
      source_conversation_id: null,
      current_version: 1,
      next_review_on: day(-40),
      activated_at: iso(42),
      last_reviewed_at: iso(42),
      last_check_in_at: iso(9),
      last_referenced_at: iso(9),
      closed_at: null,
      outcome_note: null,
      outcome_by: null,
      created_by: managerId,
      created_at: iso(44),
      updated_at: iso(9),
    })
    .execute();
  await trx
    .insertInto('contract_versions')
    .values({
      id: versionId,
      contract_id: contractId,
      version: 1,
      development_goal: 'Grow into a senior engineer who leads mobile features end to end.',
      manager_commitment:
        'A feature to lead this half, a senior reviewer, and time protected for design work.',
      engineer_commitment: 'Lead the offline sync feature and run the incident reviews.',
      evidence_of_success: 'Offline sync released, and the team asks them to lead the next one.',
      review_cadence: 'quarterly',
      next_review_on: day(-40),
      caveat: 'A senior title also depends on the promotion panel in spring, which I do not run.',
      is_caveat_none_known: false,
      not_here: '',
      transition_support: '',
      change_note: 'First version, written after the closing-the-gap conversation.',
      saved_by: managerId,
      saved_at: iso(44),
      engineer_agreed_at: iso(43),
      manager_agreed_at: iso(42),
      manager_agreed_by: managerId,
    })
    .execute();
  for (const [position, goal] of goals.entries())
    await trx
      .insertInto('contract_goals')
      .values({
        contract_version_id: versionId,
        goal_id: goal.id,
        position,
        description: goal.description,
        success_criteria: goal.success,
        support_needed: goal.support,
        due_on: day(goal.dueDaysAgo),
      })
      .execute();
  const commitments = [
    { owner: 'manager', text: 'Find a senior reviewer for the sync design', due: 5, goal: 0 },
    { owner: 'manager', text: 'Add incident reviews to the team meeting', due: -10, goal: 1 },
    { owner: 'engineer', text: 'Share the first sync design draft', due: -14, goal: 0 },
  ] as const;
  for (const item of commitments)
    await trx
      .insertInto('action_items')
      .values({
        id: randomUUID(),
        conversation_id: null,
        engineer_id: engineerId,
        manager_id: managerId,
        owner: item.owner,
        text: item.text,
        due_on: day(item.due),
        is_done: false,
        done_at: null,
        created_by: managerId,
        created_at: iso(42),
        updated_at: iso(42),
        contract_id: contractId,
        goal_id: goals[item.goal]?.id ?? null,
      })
      .execute();
  await trx
    .insertInto('contract_check_ins')
    .values({
      id: randomUUID(),
      contract_id: contractId,
      author_id: engineerId,
      status: 'on_track',
      note: 'Design draft under way; the reviewer question is still open.',
      created_at: iso(9),
    })
    .execute();
}

/**
 * Adds the history unless the demo already has conversations. Returns how many held conversations
 * were written (0 when there was history already).
 */
export async function seedDemoHistory(
  database: Database,
  clock: Clock,
  personIds: ReadonlyMap<string, string>,
  pair: { engineerKey: string; managerKey: string } = { engineerKey: 'sofia', managerKey: 'aisha' },
): Promise<number> {
  const { db } = database;
  const existing = await db.selectFrom('conversations').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const ids: Ids = {
    of(key) {
      const id = personIds.get(key);
      if (!id) throw new Error(`demo data: no person ${key}`);
      return id;
    },
  };
  const now = clock.now().getTime();
  return db.transaction().execute(async (trx) => {
    const held = await seedConversations(trx, ids, now);
    const engineerId = ids.of(pair.engineerKey);
    const managerId = ids.of(pair.managerKey);
    await seedUpcoming(trx, engineerId, managerId, now);
    await seedContract(trx, engineerId, managerId, now);
    return held;
  });
}
