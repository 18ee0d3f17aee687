import type { Transaction } from '../../db/client.ts';

/*
 * SQL for the personal export. Every query is scoped to one person and to what that person may
 * read (DESIGN §4): their own rows, the shared record of conversations they took part in, the
 * other side's prep only once shared, and private notes only when they wrote them.
 */

export async function findProfile(db: Transaction, personId: string) {
  return db
    .selectFrom('people')
    .select([
      'id',
      'name',
      'email',
      'title',
      'team',
      'timezone',
      'start_date',
      'is_admin',
      'is_people_team',
      'is_active',
      'deactivated_at',
      'created_at',
    ])
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** Reporting lines in which the person is the report or the manager, with the other's name. */
export async function listReportingLines(db: Transaction, personId: string) {
  return db
    .selectFrom('reporting_lines as l')
    .innerJoin('people as r', 'r.id', 'l.report_id')
    .innerJoin('people as m', 'm.id', 'l.manager_id')
    .select([
      'l.report_id',
      'r.name as report_name',
      'l.manager_id',
      'm.name as manager_name',
      'l.starts_on',
      'l.ends_on',
    ])
    .where((eb) => eb.or([eb('l.report_id', '=', personId), eb('l.manager_id', '=', personId)]))
    .orderBy('l.starts_on')
    .execute();
}

export async function listPlacements(db: Transaction, personId: string) {
  return db
    .selectFrom('placements as p')
    .innerJoin('framework_tracks as t', 't.id', 'p.track_id')
    .innerJoin('framework_levels as l', 'l.id', 'p.level_id')
    .select(['p.id', 't.name as track', 'l.name as level', 'p.effective_on', 'p.note'])
    .where('p.person_id', '=', personId)
    .orderBy('p.effective_on')
    .execute();
}

/** Conversations the person took part in, as engineer or as manager of record. */
export async function listConversations(db: Transaction, personId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('people as e', 'e.id', 'c.engineer_id')
    .innerJoin('people as m', 'm.id', 'c.manager_id')
    .select([
      'c.id',
      'c.engineer_id',
      'e.name as engineer_name',
      'c.manager_id',
      'm.name as manager_name',
      'c.kind',
      'c.status',
      'c.starts_at',
      'c.duration_minutes',
      'c.place',
      'c.agenda',
      'c.shared_notes',
      'c.summary_draft',
      'c.completed_at',
      'c.cancelled_at',
    ])
    .where((eb) => eb.or([eb('c.engineer_id', '=', personId), eb('c.manager_id', '=', personId)]))
    .orderBy('c.starts_at')
    .execute();
}

export async function listConversationEvents(db: Transaction, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('conversation_events')
    .select(['conversation_id', 'actor_id', 'action', 'starts_at', 'reason', 'created_at'])
    .where('conversation_id', 'in', conversationIds)
    .orderBy('created_at')
    .execute();
}

/** Prep answers the person wrote, plus the other participant's answers once shared. */
export async function listPrepAnswers(
  db: Transaction,
  personId: string,
  conversationIds: string[],
) {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('prep_answers')
    .select(['conversation_id', 'author_id', 'prompt_key', 'answer', 'is_shared', 'shared_at'])
    .where('conversation_id', 'in', conversationIds)
    .where((eb) => eb.or([eb('author_id', '=', personId), eb('is_shared', '=', true)]))
    .orderBy('prompt_key')
    .execute();
}

/** The manager's checklist and talking points: the author's own only (C6). */
export async function listManagerPreps(db: Transaction, personId: string) {
  return db
    .selectFrom('manager_preps')
    .select([
      'conversation_id',
      'has_reviewed_work',
      'has_assessed_framework',
      'has_identified_opportunities',
      'has_talking_points',
      'talking_points',
    ])
    .where('author_id', '=', personId)
    .execute();
}

/** Private notes (C5/C6) the person wrote; never notes others wrote about them. */
export async function listOwnPrivateNotes(db: Transaction, personId: string) {
  return db
    .selectFrom('private_notes as n')
    .innerJoin('people as s', 's.id', 'n.subject_id')
    .select([
      'n.conversation_id',
      'n.subject_id',
      's.name as subject_name',
      'n.body',
      'n.updated_at',
    ])
    .where('n.author_id', '=', personId)
    .orderBy('n.updated_at')
    .execute();
}

export async function listSummaryVersions(db: Transaction, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('summary_versions')
    .select([
      'conversation_id',
      'version',
      'discussed',
      'goals',
      'manager_actions',
      'engineer_actions',
      'next_check_in_on',
      'sent_at',
    ])
    .where('conversation_id', 'in', conversationIds)
    .orderBy('version')
    .execute();
}

export async function listSummaryResponses(db: Transaction, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('summary_responses')
    .select(['conversation_id', 'version', 'author_id', 'kind', 'comment', 'created_at'])
    .where('conversation_id', 'in', conversationIds)
    .orderBy('created_at')
    .execute();
}

/** Action items agreed with the person, as engineer or as manager of record. */
export async function listActionItems(db: Transaction, personId: string) {
  return db
    .selectFrom('action_items')
    .select([
      'id',
      'conversation_id',
      'engineer_id',
      'manager_id',
      'owner',
      'text',
      'due_on',
      'is_done',
      'done_at',
    ])
    .where((eb) => eb.or([eb('engineer_id', '=', personId), eb('manager_id', '=', personId)]))
    .orderBy('created_at')
    .execute();
}

export async function listWhatMatters(db: Transaction, personId: string) {
  const exercises = await db
    .selectFrom('what_matters_exercises')
    .select(['id', 'shared_with_id', 'shared_at', 'created_at'])
    .where('engineer_id', '=', personId)
    .orderBy('created_at')
    .execute();
  const values =
    exercises.length === 0
      ? []
      : await db
          .selectFrom('what_matters_values')
          .select(['exercise_id', 'value_key', 'rank', 'points', 'note'])
          .where(
            'exercise_id',
            'in',
            exercises.map((e) => e.id),
          )
          .orderBy('rank')
          .execute();
  return { exercises, values };
}

/** Assessments of the person: items, and ratings of their own side plus the other once revealed. */
export async function listAssessments(db: Transaction, personId: string) {
  const assessments = await db
    .selectFrom('assessments as a')
    .innerJoin('framework_levels as l', 'l.id', 'a.target_level_id')
    .select(['a.id', 'l.name as target_level', 'a.created_at'])
    .where('a.person_id', '=', personId)
    .orderBy('a.created_at')
    .execute();
  const ids = assessments.map((a) => a.id);
  if (ids.length === 0) return { assessments, sides: [], items: [], ratings: [] };
  const [sides, items, ratings] = await Promise.all([
    db
      .selectFrom('assessment_sides')
      .select(['assessment_id', 'side', 'submitted_at'])
      .where('assessment_id', 'in', ids)
      .execute(),
    db
      .selectFrom('assessment_items')
      .select(['id', 'assessment_id', 'competency_name', 'text', 'position'])
      .where('assessment_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('assessment_ratings')
      .select(['item_id', 'assessment_id', 'side', 'rating', 'evidence'])
      .where('assessment_id', 'in', ids)
      .execute(),
  ]);
  return { assessments, sides, items, ratings };
}

/** The person's development contracts with every version, goal and check-in. */
export async function listContracts(db: Transaction, personId: string) {
  const contracts = await db
    .selectFrom('contracts')
    .select([
      'id',
      'status',
      'current_version',
      'next_review_on',
      'activated_at',
      'closed_at',
      'outcome_note',
      'created_at',
    ])
    .where('engineer_id', '=', personId)
    .orderBy('created_at')
    .execute();
  const ids = contracts.map((c) => c.id);
  if (ids.length === 0) return { contracts, versions: [], goals: [], checkIns: [] };
  const versions = await db
    .selectFrom('contract_versions')
    .selectAll()
    .where('contract_id', 'in', ids)
    .orderBy('version')
    .execute();
  const versionIds = versions.map((v) => v.id);
  const [goals, checkIns] = await Promise.all([
    versionIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('contract_goals')
          .selectAll()
          .where('contract_version_id', 'in', versionIds)
          .orderBy('position')
          .execute(),
    db
      .selectFrom('contract_check_ins')
      .select(['contract_id', 'author_id', 'status', 'note', 'created_at'])
      .where('contract_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  return { contracts, versions, goals, checkIns };
}

/** Emails addressed to the person: what and when, not the bodies (they may hold sign-in links). */
export async function listEmails(db: Transaction, personId: string) {
  return db
    .selectFrom('outbox_messages')
    .select(['kind', 'subject', 'created_at', 'sent_at'])
    .where('recipient_id', '=', personId)
    .orderBy('created_at')
    .execute();
}

export async function listSsoIdentities(db: Transaction, personId: string) {
  return db
    .selectFrom('sso_identities')
    .select(['issuer', 'subject', 'created_at', 'last_sign_in_at'])
    .where('person_id', '=', personId)
    .execute();
}

export async function findScimUser(db: Transaction, personId: string) {
  return db
    .selectFrom('scim_users')
    .select(['user_name', 'external_id', 'employee_number', 'created_at', 'updated_at'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** Names for the ids an export mentions. */
export async function findNames(db: Transaction, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function listReminderPreferences(db: Transaction, personId: string) {
  return db
    .selectFrom('reminder_preferences')
    .select(['kind', 'is_enabled', 'updated_at'])
    .where('person_id', '=', personId)
    .orderBy('kind')
    .execute();
}

/**
 * Handover notes about the person's contract once written (the engineer reads them as soon as
 * they are), and the notes the person wrote as an outgoing manager.
 */
export async function listHandovers(db: Transaction, personId: string) {
  return db
    .selectFrom('contract_handovers as h')
    .innerJoin('people as e', 'e.id', 'h.engineer_id')
    .innerJoin('people as f', 'f.id', 'h.from_manager_id')
    .leftJoin('people as t', 't.id', 'h.to_manager_id')
    .select([
      'h.engineer_id',
      'e.name as engineer_name',
      'h.from_manager_id',
      'f.name as from_name',
      't.name as to_name',
      'h.change_on',
      'h.note',
      'h.written_at',
      'h.released_at',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('h.engineer_id', '=', personId), eb('h.written_at', 'is not', null)]),
        eb('h.from_manager_id', '=', personId),
      ]),
    )
    .orderBy('h.change_on')
    .execute();
}
