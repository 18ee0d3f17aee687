import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * One case per migration, for `migrations.db.test.ts`: the test migrates a fresh database up to
 * the migration before, seeding each step with its case's rows (so the data matches the schema
 * of its time), applies the migration and checks that every row is still there, unchanged.
 *
 * Adding a migration means adding its entry here:
 * - `seed`: realistic rows for the tables it creates (or data it makes newly possible), written
 *   right after it ran; later migrations then carry them.
 * - `added`: for every column it adds to an existing table, the value rows that existed before
 *   must have afterwards (its default or backfill). An undeclared new column fails the test.
 * - `verify`: any further check of what it wrote (seeded rows, backfills).
 */
export interface MigrationCase {
  seed?: (db: Kysely<unknown>) => Promise<void>;
  added?: Record<string, Record<string, unknown>>;
  verify?: (db: Kysely<unknown>) => Promise<void>;
}

type Row = Record<string, unknown>;

/**
 * Inserts rows into a table of the schema as it is at that step (no generated types for it), one
 * by one: rows that leave out different defaulted columns cannot share one statement on SQLite.
 */
async function insert(db: Kysely<unknown>, table: string, rows: Row[]): Promise<void> {
  for (const row of rows)
    await db
      .insertInto(table as never)
      .values(row as never)
      .execute();
}

/** The rows of a table, for a case's own checks. */
export async function rowsOf(db: Kysely<unknown>, table: string): Promise<Row[]> {
  const result = await sql<Row>`select * from ${sql.table(table)}`.execute(db);
  return result.rows;
}

const ADA = 'p-ada-admin';
const MINA = 'p-mina-manager';
const ELI = 'p-eli-engineer';
const ZOE = 'p-zoe-former';
const T0 = '2025-11-03T09:15:00.000Z';
const T1 = '2026-01-12T14:30:00.000Z';
const T2 = '2026-02-02T08:00:00.000Z';

export const migrationCases: Record<string, MigrationCase> = {
  '0001-foundation': {
    seed: async (db) => {
      await insert(db, 'organizations', [
        { id: 'organization', name: 'Acme Ünïcode & Co', created_at: T0 },
      ]);
      const person = (id: string, name: string, extra: Row = {}): Row => ({
        id,
        email: `${id}@example.test`,
        name,
        title: 'Software Engineer',
        team: 'Platform',
        timezone: 'Europe/Berlin',
        start_date: '2024-04-01',
        created_at: T0,
        updated_at: T1,
        ...extra,
      });
      await insert(db, 'people', [
        person(ADA, 'Ada Admin', {
          is_admin: true,
          title: 'Engineering Director',
          start_date: null,
        }),
        person(MINA, 'Mina Manager', { title: 'Engineering Manager', is_people_team: false }),
        person(ELI, 'Éli Ingénieur 工程师', { timezone: 'Asia/Tokyo' }),
        person(ZOE, "Zoë O'Brien", { is_active: false, deactivated_at: T2 }),
      ]);
      await insert(db, 'credentials', [
        {
          person_id: ADA,
          password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
          updated_at: T0,
        },
      ]);
      await insert(db, 'password_tokens', [
        {
          id: 'pt-1',
          token_hash: 'sha256:invite',
          person_id: ELI,
          purpose: 'invite',
          created_by: ADA,
          created_at: T0,
          expires_at: T1,
          used_at: T0,
        },
      ]);
      await insert(db, 'sessions', [
        {
          id: 'sha256:session',
          person_id: MINA,
          csrf_token: 'csrf',
          created_at: T1,
          last_seen_at: T1,
          expires_at: T2,
        },
      ]);
      await insert(db, 'reporting_lines', [
        {
          id: 'rl-1',
          report_id: MINA,
          manager_id: ADA,
          starts_on: '2024-01-01',
          ends_on: null,
          created_at: T0,
          created_by: ADA,
        },
        {
          id: 'rl-2',
          report_id: ELI,
          manager_id: ZOE,
          starts_on: '2024-04-01',
          ends_on: '2025-12-31',
          created_at: T0,
          created_by: null,
        },
        {
          id: 'rl-3',
          report_id: ELI,
          manager_id: MINA,
          starts_on: '2026-01-01',
          ends_on: null,
          created_at: T1,
          created_by: ADA,
        },
      ]);
      await insert(db, 'rate_limits', [
        { key: 'sign-in:ip:192.0.2.1', window_start: 1767225600000, count: 3 },
      ]);
    },
  },

  '0002-frameworks': {
    seed: async (db) => {
      await insert(db, 'frameworks', [
        {
          id: 'fw-1',
          name: 'Engineering ladder',
          description: 'IC and management tracks',
          builtin_key: 'builtin',
          created_at: T0,
          created_by: ADA,
        },
      ]);
      await insert(db, 'framework_versions', [
        {
          id: 'fv-1',
          framework_id: 'fw-1',
          number: 1,
          source: 'tracks: []',
          is_active: true,
          created_at: T0,
          created_by: ADA,
          activated_at: T0,
        },
      ]);
      await insert(db, 'framework_tracks', [
        { id: 'ft-1', version_id: 'fv-1', key: 'ic', name: 'Individual contributor', position: 0 },
      ]);
      await insert(db, 'framework_levels', [
        {
          id: 'fl-1',
          version_id: 'fv-1',
          track_id: 'ft-1',
          key: 'l2',
          name: 'Engineer',
          code: 'L2',
          summary: 'Delivers features',
          position: 0,
        },
        {
          id: 'fl-2',
          version_id: 'fv-1',
          track_id: 'ft-1',
          key: 'l3',
          name: 'Senior engineer',
          code: null,
          summary: '',
          position: 1,
        },
      ]);
      await insert(db, 'framework_competencies', [
        {
          id: 'fc-1',
          version_id: 'fv-1',
          key: 'craft',
          name: 'Craft',
          description: 'Code, tests, “quality”',
          position: 0,
        },
      ]);
      await insert(db, 'framework_criteria', [
        {
          id: 'fcr-1',
          version_id: 'fv-1',
          level_id: 'fl-2',
          competency_id: 'fc-1',
          text: 'Leads design reviews',
          examples_json: '["RFC for the importer"]',
          position: 0,
        },
      ]);
      await insert(db, 'placements', [
        {
          id: 'pl-1',
          person_id: ELI,
          version_id: 'fv-1',
          track_id: 'ft-1',
          level_id: 'fl-1',
          effective_on: '2025-06-01',
          note: 'Calibrated',
          created_by: MINA,
          created_at: T0,
        },
      ]);
      await insert(db, 'assessments', [
        {
          id: 'as-1',
          person_id: ELI,
          version_id: 'fv-1',
          target_level_id: 'fl-2',
          based_on_id: null,
          started_by: MINA,
          created_at: T1,
        },
      ]);
      await insert(db, 'assessment_items', [
        {
          id: 'ai-1',
          assessment_id: 'as-1',
          criterion_id: 'fcr-1',
          competency_name: 'Craft',
          text: 'Leads design reviews',
          examples_json: '[]',
          position: 0,
        },
      ]);
      await insert(db, 'assessment_sides', [
        {
          assessment_id: 'as-1',
          side: 'engineer',
          author_id: ELI,
          submitted_at: T1,
          updated_at: T1,
        },
        {
          assessment_id: 'as-1',
          side: 'manager',
          author_id: MINA,
          submitted_at: null,
          updated_at: T1,
        },
      ]);
      await insert(db, 'assessment_ratings', [
        {
          item_id: 'ai-1',
          assessment_id: 'as-1',
          side: 'engineer',
          rating: 'showing_signs',
          evidence: 'Ran two reviews',
          updated_at: T1,
        },
        {
          item_id: 'ai-1',
          assessment_id: 'as-1',
          side: 'manager',
          rating: null,
          evidence: '',
          updated_at: T1,
        },
      ]);
    },
  },

  '0003-sso-scim': {
    seed: async (db) => {
      await insert(db, 'sso_settings', [
        {
          id: 'organization',
          issuer: 'https://id.example.test',
          client_id: 'trajectory',
          client_secret_sealed: 'v1:sealed',
          display_name: 'Acme ID',
          is_jit_enabled: true,
          is_password_admins_only: false,
          updated_at: T0,
          updated_by: ADA,
        },
      ]);
      await insert(db, 'sso_identities', [
        {
          id: 'si-1',
          issuer: 'https://id.example.test',
          subject: 'eli|42',
          person_id: ELI,
          created_at: T0,
          last_sign_in_at: T1,
        },
      ]);
      await insert(db, 'sso_pending_logins', [
        {
          id: 'sp-1',
          issuer: 'https://id.example.test',
          state: 's',
          nonce: 'n',
          code_verifier: 'v',
          created_at: T1,
          expires_at: T2,
        },
      ]);
      await insert(db, 'scim_tokens', [
        {
          id: 'st-1',
          name: 'Okta',
          token_hash: 'sha256:scim',
          created_by: ADA,
          created_at: T0,
          last_used_at: T1,
          revoked_at: null,
        },
      ]);
      await insert(db, 'scim_users', [
        {
          person_id: ELI,
          user_name: 'Eli@Example.test',
          user_name_key: 'eli@example.test',
          external_id: 'ext-42',
          employee_number: '0042',
          attributes: '{"department":"R&D"}',
          created_at: T0,
          updated_at: T1,
        },
      ]);
      await insert(db, 'scim_pending_managers', [
        { report_id: MINA, manager_ref: 'ext-unknown', created_at: T1 },
      ]);
    },
  },

  '0004-conversations': {
    seed: async (db) => {
      await insert(db, 'question_banks', [
        {
          id: 'qb-1',
          kind: 'initial',
          version: 1,
          content: '{"prompts":[]}',
          created_at: T0,
          created_by: null,
        },
      ]);
      const conversation = (id: string, extra: Row): Row => ({
        id,
        engineer_id: ELI,
        manager_id: MINA,
        kind: 'initial',
        status: 'completed',
        starts_at: T1,
        duration_minutes: 60,
        place: 'Room 4 — “Atlas”',
        agenda: 'Where now',
        proposed_by: MINA,
        bank_version: 1,
        completed_at: T1,
        cancelled_at: null,
        shared_notes: 'We talked about <b>growth</b>; 50% on the importer.',
        shared_notes_version: 3,
        shared_notes_updated_at: T1,
        shared_notes_updated_by: ELI,
        summary_draft: '{"discussed":"draft"}',
        created_at: T0,
        updated_at: T1,
        ...extra,
      });
      await insert(db, 'conversations', [
        conversation('cv-1', {}),
        conversation('cv-2', {
          kind: 'quarterly',
          status: 'proposed',
          completed_at: null,
          summary_draft: null,
          shared_notes: '',
          shared_notes_version: 0,
          shared_notes_updated_at: null,
          shared_notes_updated_by: null,
          starts_at: T2,
        }),
      ]);
      await insert(db, 'conversation_events', [
        {
          id: 'ce-1',
          conversation_id: 'cv-1',
          actor_id: MINA,
          action: 'proposed',
          starts_at: T1,
          duration_minutes: 60,
          reason: '',
          created_at: T0,
        },
        {
          id: 'ce-2',
          conversation_id: 'cv-1',
          actor_id: MINA,
          action: 'completed',
          starts_at: T1,
          duration_minutes: 60,
          reason: 'held',
          created_at: T1,
        },
      ]);
      await insert(db, 'prep_answers', [
        {
          id: 'pa-1',
          conversation_id: 'cv-1',
          author_id: ELI,
          prompt_key: 'proud',
          answer: 'Shipped SSO 🎉',
          is_shared: true,
          shared_at: T0,
          updated_at: T0,
        },
      ]);
      await insert(db, 'manager_preps', [
        {
          conversation_id: 'cv-1',
          author_id: MINA,
          has_reviewed_work: true,
          has_assessed_framework: false,
          has_identified_opportunities: true,
          has_talking_points: true,
          talking_points: 'Ownership',
          updated_at: T0,
        },
      ]);
      await insert(db, 'private_notes', [
        {
          id: 'pn-1',
          author_id: MINA,
          subject_id: ELI,
          conversation_id: 'cv-1',
          scope_key: 'conversation:cv-1',
          body: 'Private: ask about on-call',
          created_at: T0,
          updated_at: T1,
        },
      ]);
      await insert(db, 'action_items', [
        {
          id: 'act-1',
          conversation_id: 'cv-1',
          engineer_id: ELI,
          manager_id: MINA,
          owner: 'engineer',
          text: 'Write the RFC',
          due_on: '2026-02-15',
          is_done: false,
          done_at: null,
          created_by: MINA,
          created_at: T1,
          updated_at: T1,
        },
        {
          id: 'act-2',
          conversation_id: 'cv-1',
          engineer_id: ELI,
          manager_id: MINA,
          owner: 'manager',
          text: 'Find a mentor',
          due_on: null,
          is_done: true,
          done_at: T2,
          created_by: MINA,
          created_at: T1,
          updated_at: T2,
        },
      ]);
      await insert(db, 'summary_versions', [
        {
          id: 'sv-1',
          conversation_id: 'cv-1',
          version: 1,
          discussed: 'Growth',
          goals: 'Senior in 12 months',
          manager_actions: 'Mentor',
          engineer_actions: 'RFC',
          next_check_in_on: '2026-04-01',
          sent_at: T1,
          sent_by: MINA,
        },
      ]);
      await insert(db, 'summary_responses', [
        {
          id: 'sr-1',
          conversation_id: 'cv-1',
          version: 1,
          author_id: ELI,
          kind: 'acknowledged',
          comment: '',
          created_at: T2,
        },
      ]);
      await insert(db, 'what_matters_exercises', [
        { id: 'wm-1', engineer_id: ELI, shared_with_id: MINA, shared_at: T1, created_at: T0 },
      ]);
      await insert(db, 'what_matters_values', [
        { exercise_id: 'wm-1', value_key: 'learning', rank: 1, points: 60, note: 'Most of all' },
        { exercise_id: 'wm-1', value_key: 'impact', rank: 2, points: 40, note: '' },
      ]);
    },
  },

  '0005-outbox': {
    seed: async (db) => {
      await insert(db, 'outbox_messages', [
        {
          id: 'ob-1',
          dedupe_key: 'summary:cv-1:v1',
          kind: 'summary',
          recipient_id: ELI,
          to_address: 'eli@example.test',
          subject: 'Your summary',
          text_body: 'Read it: https://app/c/cv-1',
          html_body: null,
          ical_method: null,
          ical_body: null,
          created_at: T1,
          available_at: T1,
          attempts: 1,
          lease_owner: null,
          lease_expires_at: null,
          sent_at: T1,
          last_error: null,
        },
        {
          id: 'ob-2',
          dedupe_key: 'invite:cv-2',
          kind: 'invitation',
          recipient_id: MINA,
          to_address: 'mina@example.test',
          subject: 'Quarterly review',
          text_body: 'See you',
          html_body: '<p>See you</p>',
          ical_method: 'REQUEST',
          ical_body: 'BEGIN:VCALENDAR',
          created_at: T1,
          available_at: T2,
          attempts: 2,
          lease_owner: 'instance-a',
          lease_expires_at: T2,
          sent_at: null,
          last_error: 'ECONNREFUSED',
        },
      ]);
    },
  },

  '0006-audit': {
    seed: async (db) => {
      await insert(db, 'audit_events', [
        {
          seq: 1,
          id: 'ae-1',
          created_at: T1,
          actor_id: ADA,
          actor_role: 'admin',
          action: 'person.create',
          target_type: 'person',
          target_id: ELI,
          subject_person_id: ELI,
          ip: '192.0.2.1',
          request_id: 'req-1',
          decision: 'allow',
          reason: null,
          prev_hash: 'genesis',
          hash: 'h1',
        },
        {
          seq: 2,
          id: 'ae-2',
          created_at: T2,
          actor_id: ELI,
          actor_role: 'engineer',
          action: 'private_note.read',
          target_type: 'private_note',
          target_id: 'pn-1',
          subject_person_id: ELI,
          ip: null,
          request_id: null,
          decision: 'deny',
          reason: 'not the author',
          prev_hash: 'h1',
          hash: 'h2',
        },
      ]);
    },
  },

  '0007-contracts': {
    added: {
      action_items: {
        contract_id: null,
        goal_id: null,
        handed_over_from_id: null,
        handed_over_at: null,
      },
      conversations: { contract_id: null },
    },
    seed: async (db) => {
      await insert(db, 'contracts', [
        {
          id: 'ct-1',
          engineer_id: ELI,
          status: 'active',
          source_conversation_id: 'cv-1',
          current_version: 1,
          next_review_on: '2026-04-01',
          activated_at: T1,
          last_reviewed_at: null,
          last_check_in_at: T2,
          last_referenced_at: T2,
          closed_at: null,
          outcome_note: null,
          outcome_by: null,
          created_by: MINA,
          created_at: T1,
          updated_at: T2,
        },
      ]);
      await insert(db, 'contract_versions', [
        {
          id: 'ctv-1',
          contract_id: 'ct-1',
          version: 1,
          development_goal: 'Senior engineer',
          manager_commitment: 'A design lead role',
          engineer_commitment: 'Two RFCs',
          evidence_of_success: 'Peers ask for reviews',
          review_cadence: 'quarterly',
          next_review_on: '2026-04-01',
          caveat: '',
          is_caveat_none_known: true,
          not_here: '',
          transition_support: '',
          change_note: '',
          saved_by: MINA,
          saved_at: T1,
          engineer_agreed_at: T1,
          manager_agreed_at: T1,
          manager_agreed_by: MINA,
        },
      ]);
      await insert(db, 'contract_goals', [
        {
          contract_version_id: 'ctv-1',
          goal_id: 'g-1',
          position: 0,
          description: 'Lead the importer RFC',
          success_criteria: 'Accepted',
          support_needed: 'Time',
          due_on: '2026-03-31',
        },
      ]);
      await insert(db, 'contract_check_ins', [
        {
          id: 'cci-1',
          contract_id: 'ct-1',
          author_id: ELI,
          status: 'on_track',
          note: 'Draft out',
          created_at: T2,
        },
      ]);
      await insert(db, 'contract_handovers', [
        {
          id: 'ch-1',
          contract_id: 'ct-1',
          engineer_id: ELI,
          from_manager_id: MINA,
          to_manager_id: ADA,
          change_on: '2026-06-01',
          note: 'Keep the RFC going',
          written_at: T2,
          engineer_seen_at: null,
          released_at: null,
          created_at: T2,
        },
      ]);
      await insert(db, 'action_items', [
        {
          id: 'act-3',
          conversation_id: null,
          engineer_id: ELI,
          manager_id: MINA,
          owner: 'manager',
          text: 'Book the design review',
          due_on: '2026-03-01',
          is_done: false,
          done_at: null,
          created_by: MINA,
          created_at: T2,
          updated_at: T2,
          contract_id: 'ct-1',
          goal_id: 'g-1',
          handed_over_from_id: ZOE,
          handed_over_at: T2,
        },
      ]);
    },
  },

  '0008-cadence': {
    seed: async (db) => {
      await insert(db, 'cadence_settings', [
        {
          id: 'organization',
          policy: '{"quarterlyEveryDays":60,"prepLeadDays":3}',
          updated_at: T1,
          updated_by: ADA,
        },
      ]);
      await insert(db, 'mail_settings', [
        { id: 'organization', is_link_only: true, updated_at: T1, updated_by: ADA },
      ]);
      await insert(db, 'reminder_preferences', [
        { person_id: ELI, kind: 'weekly_digest', is_enabled: false, updated_at: T1 },
        { person_id: MINA, kind: 'summary', is_enabled: true, updated_at: T1 },
      ]);
      await insert(db, 'calendar_feeds', [
        { id: 'cf-1', person_id: ELI, created_at: T0, revoked_at: T1, last_fetched_at: T0 },
        { id: 'cf-2', person_id: ELI, created_at: T1, revoked_at: null, last_fetched_at: null },
      ]);
    },
  },

  '0010-record-versions': {
    // Records saved before versions existed start at 1; a draft-less conversation's draft at 0.
    added: {
      organizations: { row_version: 1 },
      sso_settings: { row_version: 1 },
      framework_levels: { row_version: 1 },
      framework_competencies: { row_version: 1 },
      framework_criteria: { row_version: 1 },
      conversations: { summary_draft_version: 0 },
    },
  },

  '0011-performance': {
    verify: async (db) => {
      const [state] = await rowsOf(db, 'coverage_state');
      if (!state || Number(state.refresh) !== 0 || Boolean(state.is_built))
        throw new Error(
          `coverage_state should start unbuilt at refresh 0, got ${JSON.stringify(state)}`,
        );
    },
    seed: async (db) => {
      await insert(db, 'coverage_groups', [
        {
          manager_id: MINA,
          manager_name: 'Mina Manager',
          label: 'Platform',
          first_member_name: 'Éli Ingénieur 工程师',
          first_member_id: ELI,
          size: 1,
          metrics: '{}',
          months: '[]',
          window_start: '2025-03-01',
          computed_at: T2,
          valid_until: T2,
          refresh: 1,
        },
      ]);
      // The change markers fire from now on, whichever code path writes.
      await db
        .updateTable('people' as never)
        .set({ title: 'Senior Software Engineer' } as never)
        .where('id' as never, '=', ELI as never)
        .execute();
      const marked = await rowsOf(db, 'coverage_dirty');
      if (!marked.some((row) => row.person_id === ELI))
        throw new Error(
          'a change to a person after 0011 should mark them for the coverage refresh',
        );
    },
  },

  '0012-retention': {
    added: { people: { content_removed_at: null } },
    verify: async (db) => {
      if ((await rowsOf(db, 'retention_settings')).length)
        throw new Error('retention starts with no stored settings (the defaults apply)');
    },
    seed: async (db) => {
      await insert(db, 'retention_settings', [
        {
          id: 'organization',
          private_reflections_months: 24,
          former_employees_months: null,
          updated_at: T2,
          updated_by: ADA,
          row_version: 2,
        },
      ]);
      await db
        .updateTable('people' as never)
        .set({ content_removed_at: T2 } as never)
        .where('id' as never, '=', ZOE as never)
        .execute();
    },
  },

  '0013-settings-versions': {
    // Settings saved before versions existed start at 1, like 0010's records.
    added: { cadence_settings: { row_version: 1 }, mail_settings: { row_version: 1 } },
  },

  '0014-conversation-facts': {
    // A new table, backfilled from the summaries, responses and prep answers already there.
    verify: async (db) => {
      await expectFactsEqualSources(db, 'after the backfill');
      // From now on triggers keep it: a second version has no response yet; removing it again
      // brings the first version's response back.
      await insert(db, 'summary_versions', [
        {
          id: 'sv-2',
          conversation_id: 'cv-1',
          version: 2,
          discussed: 'Growth, revised',
          goals: '',
          manager_actions: '',
          engineer_actions: '',
          next_check_in_on: null,
          sent_at: T2,
          sent_by: MINA,
        },
      ]);
      await expectFactsEqualSources(db, 'after a new summary version');
      const [facts] = (await rowsOf(db, 'conversation_facts')).filter(
        (row) => row.conversation_id === 'cv-1',
      );
      if (Number(facts?.latest_summary_version) !== 2 || facts?.latest_response_kind !== null)
        throw new Error('a new summary version should leave the conversation awaiting a response');
      await db
        .deleteFrom('summary_versions' as never)
        .where('id' as never, '=', 'sv-2' as never)
        .execute();
      await db
        .updateTable('prep_answers' as never)
        .set({ answer: '' } as never)
        .execute();
      await expectFactsEqualSources(db, 'after a removal and an emptied answer');
    },
  },

  '0015-coverage-marks-narrower': {
    // Saving notes leaves the coverage marks alone; a change of status still marks the engineer.
    verify: async (db) => {
      await db.deleteFrom('coverage_dirty' as never).execute();
      await db
        .updateTable('conversations' as never)
        .set({ shared_notes: 'Edited', shared_notes_version: 4, agenda: 'Edited' } as never)
        .where('id' as never, '=', 'cv-1' as never)
        .execute();
      if ((await rowsOf(db, 'coverage_dirty')).length > 0)
        throw new Error('saving notes should not mark anyone for the coverage refresh');
      await db
        .updateTable('conversations' as never)
        .set({ status: 'cancelled', cancelled_at: T2 } as never)
        .where('id' as never, '=', 'cv-2' as never)
        .execute();
      const marked = await rowsOf(db, 'coverage_dirty');
      if (!marked.some((row) => row.person_id === ELI))
        throw new Error('cancelling a conversation should mark its engineer');
    },
  },

  '0016-cadence-marks': {
    // A new, empty token table: notes leave it alone; a prep answer gives the engineer a token,
    // and a reschedule gives them another.
    verify: async (db) => {
      const tokenOfEli = async () =>
        (await rowsOf(db, 'cadence_marks')).find((row) => row.person_id === ELI)?.token;
      if ((await rowsOf(db, 'cadence_marks')).length > 0)
        throw new Error('the token table should start empty');
      await db
        .updateTable('conversations' as never)
        .set({ shared_notes: 'Edited again', agenda: 'Edited again' } as never)
        .where('id' as never, '=', 'cv-2' as never)
        .execute();
      if ((await tokenOfEli()) !== undefined)
        throw new Error('saving notes should leave every cadence token alone');
      await db
        .updateTable('prep_answers' as never)
        .set({ answer: 'Rewritten' } as never)
        .execute();
      const first = await tokenOfEli();
      if (first === undefined) throw new Error('a prep answer should give the engineer a token');
      await db
        .updateTable('conversations' as never)
        .set({ starts_at: T2 } as never)
        .where('id' as never, '=', 'cv-2' as never)
        .execute();
      if ((await tokenOfEli()) === first)
        throw new Error('a reschedule should give the engineer a new token');
    },
  },

  // Indexes only: every row stays as it was (retention-indexes.db.test.ts checks the plans).
  '0017-retention-indexes': {},
  '0018-handover-notices': {},
  // The state row starts at version 0; the dashboard reads the teams afresh once.
  '0019-coverage-version': { added: { coverage_state: { version: 0 } } },
};

/** The facts table equals a computation from its source tables, conversation by conversation. */
async function expectFactsEqualSources(db: Kysely<unknown>, when: string): Promise<void> {
  const text = (value: unknown) =>
    value === null || value === undefined
      ? null
      : value instanceof Date
        ? value.toISOString()
        : String(value);
  const versions = await rowsOf(db, 'summary_versions');
  const responses = await rowsOf(db, 'summary_responses');
  const answers = await rowsOf(db, 'prep_answers');
  const expected = (await rowsOf(db, 'conversations')).map((conversation) => {
    const own = versions.filter((v) => v.conversation_id === conversation.id);
    const latest = own.length ? Math.max(...own.map((v) => Number(v.version))) : null;
    const response = responses.find(
      (r) => r.conversation_id === conversation.id && Number(r.version) === latest,
    );
    const sent = own.map((v) => text(v.sent_at) ?? '').sort()[0] ?? null;
    return JSON.stringify([
      conversation.id,
      sent,
      latest,
      text(response?.kind),
      text(response?.created_at),
      answers.some((a) => a.conversation_id === conversation.id && a.answer !== ''),
    ]);
  });
  const actual = (await rowsOf(db, 'conversation_facts')).map((row) =>
    JSON.stringify([
      row.conversation_id,
      text(row.first_summary_sent_at),
      row.latest_summary_version === null ? null : Number(row.latest_summary_version),
      text(row.latest_response_kind),
      text(row.latest_response_at),
      Boolean(row.has_engineer_prep),
    ]),
  );
  if (JSON.stringify(actual.sort()) !== JSON.stringify(expected.sort()))
    throw new Error(
      `conversation_facts ${when}:\n  got      ${actual.join('\n           ')}\n  expected ${expected.join('\n           ')}`,
    );
}
