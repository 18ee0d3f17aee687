import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings and dates are `YYYY-MM-DD` on both
 * engines (client.ts normalises what each driver returns); booleans are booleans on both.
 */
export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
  /** Compare-and-set counter (0010, ADR 080). */
  row_version?: number;
}

export interface PeopleTable {
  id: string;
  email: string;
  name: string;
  title: string;
  team: string;
  timezone: string;
  start_date: string | null;
  is_admin: boolean;
  is_people_team: boolean;
  is_active: boolean;
  deactivated_at: string | null;
  created_at: string;
  updated_at: string;
  /** When the retention pass last removed this former employee's content (0012, ADR 075). */
  content_removed_at?: string | null;
}

export interface CredentialsTable {
  person_id: string;
  password_hash: string;
  updated_at: string;
}

export interface PasswordTokensTable {
  id: string;
  token_hash: string;
  person_id: string;
  purpose: 'invite' | 'reset';
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  id: string;
  person_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ReportingLinesTable {
  id: string;
  report_id: string;
  manager_id: string;
  starts_on: string;
  ends_on: string | null;
  created_at: string;
  created_by: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: Generated<number>;
}

export interface SsoSettingsTable {
  id: string;
  issuer: string | null;
  client_id: string | null;
  client_secret_sealed: string | null;
  display_name: string;
  is_jit_enabled: boolean;
  is_password_admins_only: boolean;
  updated_at: string;
  updated_by: string | null;
  /** Compare-and-set counter (0010, ADR 080). */
  row_version?: number;
}

export interface SsoIdentitiesTable {
  id: string;
  issuer: string;
  subject: string;
  person_id: string;
  created_at: string;
  last_sign_in_at: string;
}

export interface SsoPendingLoginsTable {
  id: string;
  issuer: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
  expires_at: string;
}

export interface ScimTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ScimUsersTable {
  person_id: string;
  user_name: string;
  /** userName lower-cased: SCIM userNames are unique case-insensitively. */
  user_name_key: string;
  external_id: string | null;
  employee_number: string | null;
  /** JSON of the SCIM attributes Trajectory keeps but does not use (name parts, enterprise fields). */
  attributes: string;
  created_at: string;
  updated_at: string;
}

export interface ScimPendingManagersTable {
  report_id: string;
  manager_ref: string;
  created_at: string;
}

/* Career conversations (0004). */
export interface QuestionBanksTable {
  id: string;
  kind: string;
  version: number;
  content: string;
  created_at: string;
  created_by: string | null;
}

export interface ConversationsTable {
  id: string;
  engineer_id: string;
  manager_id: string;
  kind: string;
  status: string;
  starts_at: string;
  duration_minutes: number;
  place: string;
  agenda: string;
  proposed_by: string | null;
  bank_version: number;
  completed_at: string | null;
  cancelled_at: string | null;
  shared_notes: string;
  shared_notes_version: number;
  shared_notes_updated_at: string | null;
  shared_notes_updated_by: string | null;
  summary_draft: string | null;
  /** Compare-and-set counter of the draft (0010, ADR 080); 0 until first saved. */
  summary_draft_version?: number;
  created_at: string;
  updated_at: string;
  /** The development contract this conversation reviewed or produced (0007). */
  contract_id?: string | null;
}

/**
 * Summary and prep facts per conversation, kept by triggers (0014, ADR 098); no row until one of
 * its summaries, responses or prep answers is written.
 */
export interface ConversationFactsTable {
  conversation_id: string;
  first_summary_sent_at: string | null;
  latest_summary_version: number | null;
  latest_response_kind: string | null;
  latest_response_at: string | null;
  has_engineer_prep: boolean;
}

export interface ConversationEventsTable {
  id: string;
  conversation_id: string;
  actor_id: string | null;
  action: string;
  starts_at: string;
  duration_minutes: number;
  reason: string;
  created_at: string;
}

export interface PrepAnswersTable {
  id: string;
  conversation_id: string;
  author_id: string;
  prompt_key: string;
  answer: string;
  is_shared: boolean;
  shared_at: string | null;
  updated_at: string;
}

export interface ManagerPrepsTable {
  conversation_id: string;
  author_id: string;
  has_reviewed_work: boolean;
  has_assessed_framework: boolean;
  has_identified_opportunities: boolean;
  has_talking_points: boolean;
  talking_points: string;
  updated_at: string;
}

export interface PrivateNotesTable {
  id: string;
  author_id: string;
  subject_id: string;
  conversation_id: string | null;
  scope_key: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface ActionItemsTable {
  id: string;
  conversation_id: string | null;
  engineer_id: string;
  manager_id: string;
  owner: string;
  text: string;
  due_on: string | null;
  is_done: boolean;
  done_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Set when the item is a development-contract commitment (0007). */
  contract_id?: string | null;
  goal_id?: string | null;
  handed_over_from_id?: string | null;
  handed_over_at?: string | null;
}

export interface SummaryVersionsTable {
  id: string;
  conversation_id: string;
  version: number;
  discussed: string;
  goals: string;
  manager_actions: string;
  engineer_actions: string;
  next_check_in_on: string | null;
  sent_at: string;
  sent_by: string | null;
}

export interface SummaryResponsesTable {
  id: string;
  conversation_id: string;
  version: number;
  author_id: string | null;
  kind: string;
  comment: string;
  created_at: string;
}

export interface WhatMattersExercisesTable {
  id: string;
  engineer_id: string;
  shared_with_id: string | null;
  shared_at: string | null;
  created_at: string;
}

export interface WhatMattersValuesTable {
  exercise_id: string;
  value_key: string;
  rank: number;
  points: number;
  note: string;
}

/** Career frameworks (migration 0002). */
export interface FrameworksTable {
  id: string;
  name: string;
  description: string;
  builtin_key: string | null;
  created_at: string;
  created_by: string | null;
}

export interface FrameworkVersionsTable {
  id: string;
  framework_id: string;
  number: number;
  source: string;
  is_active: boolean;
  created_at: string;
  created_by: string | null;
  activated_at: string | null;
}

export interface FrameworkTracksTable {
  id: string;
  version_id: string;
  key: string;
  name: string;
  description: string;
  position: number;
}

export interface FrameworkLevelsTable {
  id: string;
  version_id: string;
  track_id: string;
  key: string;
  name: string;
  code: string | null;
  summary: string;
  position: number;
  /** Compare-and-set counter (0010, ADR 080). */
  row_version?: number;
}

export interface FrameworkCompetenciesTable {
  id: string;
  version_id: string;
  key: string;
  name: string;
  description: string;
  position: number;
  /** Compare-and-set counter (0010, ADR 080). */
  row_version?: number;
}

export interface FrameworkCriteriaTable {
  id: string;
  version_id: string;
  level_id: string;
  competency_id: string;
  text: string;
  examples_json: string;
  position: number;
  /** Compare-and-set counter (0010, ADR 080). */
  row_version?: number;
}

export interface PlacementsTable {
  id: string;
  person_id: string;
  version_id: string;
  track_id: string;
  level_id: string;
  effective_on: string;
  note: string;
  created_by: string | null;
  created_at: string;
}

export interface AssessmentsTable {
  id: string;
  person_id: string;
  version_id: string;
  target_level_id: string;
  based_on_id: string | null;
  started_by: string | null;
  created_at: string;
}

export interface AssessmentItemsTable {
  id: string;
  assessment_id: string;
  criterion_id: string | null;
  competency_name: string;
  text: string;
  examples_json: string;
  position: number;
}

export interface AssessmentSidesTable {
  assessment_id: string;
  side: 'engineer' | 'manager';
  author_id: string | null;
  submitted_at: string | null;
  updated_at: string;
}

export interface AssessmentRatingsTable {
  item_id: string;
  assessment_id: string;
  side: 'engineer' | 'manager';
  rating: 'demonstrating_consistently' | 'showing_signs' | 'gap' | null;
  evidence: string;
  updated_at: string;
}

export interface OutboxMessagesTable {
  id: string;
  dedupe_key: string;
  kind: string;
  recipient_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  ical_method: string | null;
  ical_body: string | null;
  created_at: string;
  available_at: string;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: string | null;
  sent_at: string | null;
  last_error: string | null;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  created_at: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  target_type: string;
  target_id: string | null;
  subject_person_id: string | null;
  ip: string | null;
  request_id: string | null;
  decision: 'allow' | 'deny';
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface ContractsTable {
  id: string;
  engineer_id: string;
  status: 'draft' | 'active' | 'paused' | 'completed' | 'superseded';
  source_conversation_id: string | null;
  current_version: number;
  next_review_on: string | null;
  activated_at: string | null;
  last_reviewed_at: string | null;
  last_check_in_at: string | null;
  last_referenced_at: string | null;
  closed_at: string | null;
  outcome_note: string | null;
  outcome_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContractVersionsTable {
  id: string;
  contract_id: string;
  version: number;
  development_goal: string;
  manager_commitment: string;
  engineer_commitment: string;
  evidence_of_success: string;
  review_cadence: string;
  next_review_on: string;
  caveat: string;
  is_caveat_none_known: boolean;
  not_here: string;
  transition_support: string;
  change_note: string;
  saved_by: string | null;
  saved_at: string;
  engineer_agreed_at: string | null;
  manager_agreed_at: string | null;
  manager_agreed_by: string | null;
}

export interface ContractGoalsTable {
  contract_version_id: string;
  goal_id: string;
  position: number;
  description: string;
  success_criteria: string;
  support_needed: string;
  due_on: string;
}

export interface ContractCheckInsTable {
  id: string;
  contract_id: string;
  author_id: string | null;
  status: string;
  note: string;
  created_at: string;
}

export interface ContractHandoversTable {
  id: string;
  contract_id: string;
  engineer_id: string;
  from_manager_id: string;
  to_manager_id: string | null;
  change_on: string;
  note: string;
  written_at: string | null;
  engineer_seen_at: string | null;
  released_at: string | null;
  created_at: string;
}

/* Cadence, reminders and calendar feeds (0008). */
export interface CadenceSettingsTable {
  id: string;
  /** The policy as JSON, validated with cadencePolicySchema on every read. */
  policy: string;
  updated_at: string;
  updated_by: string | null;
  /** Compare-and-set counter (0013, ADR 080). */
  row_version?: number;
}

export interface MailSettingsTable {
  id: string;
  is_link_only: boolean;
  updated_at: string;
  updated_by: string | null;
  /** Compare-and-set counter (0013, ADR 080). */
  row_version?: number;
}

export interface ReminderPreferencesTable {
  person_id: string;
  kind: string;
  is_enabled: boolean;
  updated_at: string;
}

export interface CalendarFeedsTable {
  id: string;
  person_id: string;
  created_at: string;
  revoked_at: string | null;
  last_fetched_at: string | null;
}

/* The coverage dashboard, materialised per team (0011, ADR 091). */
export interface CoverageGroupsTable {
  manager_id: string;
  manager_name: string;
  label: string;
  first_member_name: string;
  first_member_id: string;
  size: number;
  /** JSON list of counts: the team's Metrics, encoded (coverage-groups.ts). */
  metrics: string;
  /** JSON list of counts: the team's figures for each of the dashboard's months. */
  months: string;
  window_start: string;
  computed_at: string;
  valid_until: string;
  refresh: number;
}

export interface CoverageDirtyTable {
  person_id: string;
  token: number;
}

/** Per engineer, a token that changes with every write to their cadence facts (ADR 102). */
export interface CadenceMarksTable {
  person_id: string;
  token: number;
}

export interface CoverageStateTable {
  id: number;
  refresh: number;
  is_built: boolean;
  window_start: string | null;
  lines_checked_on: string | null;
  /** Raised by every refresh batch that writes `coverage_groups` (0019, ADR 111). */
  version: number;
}

/* Leavers and retention (0012, ADR 075). */
export interface RetentionSettingsTable {
  id: string;
  private_reflections_months: number | null;
  former_employees_months: number | null;
  updated_at: string;
  updated_by: string | null;
  /** Compare-and-set counter (ADR 080). */
  row_version?: number;
}

export interface DB {
  coverage_groups: CoverageGroupsTable;
  coverage_dirty: CoverageDirtyTable;
  cadence_marks: CadenceMarksTable;
  coverage_state: CoverageStateTable;
  contracts: ContractsTable;
  contract_versions: ContractVersionsTable;
  contract_goals: ContractGoalsTable;
  contract_check_ins: ContractCheckInsTable;
  contract_handovers: ContractHandoversTable;
  question_banks: QuestionBanksTable;
  conversations: ConversationsTable;
  conversation_events: ConversationEventsTable;
  conversation_facts: ConversationFactsTable;
  prep_answers: PrepAnswersTable;
  manager_preps: ManagerPrepsTable;
  private_notes: PrivateNotesTable;
  action_items: ActionItemsTable;
  summary_versions: SummaryVersionsTable;
  summary_responses: SummaryResponsesTable;
  what_matters_exercises: WhatMattersExercisesTable;
  what_matters_values: WhatMattersValuesTable;
  organizations: OrganizationsTable;
  people: PeopleTable;
  credentials: CredentialsTable;
  password_tokens: PasswordTokensTable;
  sessions: SessionsTable;
  reporting_lines: ReportingLinesTable;
  rate_limits: RateLimitsTable;
  outbox_messages: OutboxMessagesTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  sso_settings: SsoSettingsTable;
  sso_identities: SsoIdentitiesTable;
  sso_pending_logins: SsoPendingLoginsTable;
  scim_tokens: ScimTokensTable;
  scim_users: ScimUsersTable;
  scim_pending_managers: ScimPendingManagersTable;
  frameworks: FrameworksTable;
  framework_versions: FrameworkVersionsTable;
  framework_tracks: FrameworkTracksTable;
  framework_levels: FrameworkLevelsTable;
  framework_competencies: FrameworkCompetenciesTable;
  framework_criteria: FrameworkCriteriaTable;
  placements: PlacementsTable;
  assessments: AssessmentsTable;
  assessment_items: AssessmentItemsTable;
  assessment_sides: AssessmentSidesTable;
  assessment_ratings: AssessmentRatingsTable;
  cadence_settings: CadenceSettingsTable;
  mail_settings: MailSettingsTable;
  reminder_preferences: ReminderPreferencesTable;
  calendar_feeds: CalendarFeedsTable;
  retention_settings: RetentionSettingsTable;
}
