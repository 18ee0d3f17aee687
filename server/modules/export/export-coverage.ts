/**
 * Every table that refers to a person is either in the personal export or excluded here with a
 * reason. `export-coverage.db.test.ts` reads the live schema and fails on a table in neither list,
 * so a new table about people cannot silently stay out of the export.
 */

/** Tables whose rows about the person are in the export, and where. */
export const exportedTables: Record<string, string> = {
  people: 'profile',
  reporting_lines: 'reportingLines (as report and as manager)',
  placements: 'placements',
  conversations: 'conversations (as engineer or manager of record)',
  conversation_events: 'conversations[].scheduleChanges',
  prep_answers: 'conversations[].prep (own answers; the other side once shared)',
  manager_preps: 'conversations[].yourManagerPrep (the author only)',
  private_notes: 'conversations[].yourPrivateNote and notesYouWroteAboutOthers (the author only)',
  action_items: 'actionItems',
  summary_versions: 'conversations[].summaries',
  summary_responses: 'conversations[].responses',
  what_matters_exercises: 'whatMatters',
  assessments: 'assessments',
  assessment_sides: 'assessments[].isRevealed',
  contracts: 'contracts',
  contract_versions: 'contracts[].versions',
  contract_check_ins: 'contracts[].checkIns',
  contract_handovers:
    'handovers (notes about the contract once written; notes the person wrote as outgoing manager)',
  reminder_preferences: 'reminderPreferences',
  outbox_messages: 'emails (subject and dates; bodies may hold sign-in links)',
  sso_identities: 'singleSignOn',
  scim_users: 'provisioning',
  audit_events: 'accessLog (events about the person)',
};

/** Tables that refer to people but are not exported, and why. */
export const excludedTables: Record<string, string> = {
  credentials: 'a password hash is a secret, not information about the person',
  password_tokens: 'one-time secrets that are useless once used or expired',
  sessions: 'session secrets; exporting them would hand out a way to sign in',
  scim_tokens: 'organisation configuration; the person is only the admin who created the token',
  sso_settings: 'organisation configuration; the person is only the admin who last saved it',
  question_banks: 'organisation content; the person is only the admin who published a version',
  frameworks: 'organisation content; the person is only the admin who imported it',
  framework_versions: 'organisation content; the person is only the admin who imported it',
  calendar_feeds:
    'the feed address is a secret that works like a password; the feed itself is rebuilt from exported data',
  cadence_settings: 'organisation configuration; the person is only the admin who last saved it',
  mail_settings: 'organisation configuration; the person is only the admin who last saved it',
  retention_settings: 'organisation configuration; the person is only the admin who last saved it',
  coverage_groups:
    'a cache of dashboard aggregates (C1), recomputed from reporting lines and conversation dates, which are exported',
  coverage_dirty:
    "a cache marker saying a person's dashboard row must be recomputed; it holds nothing of its own",
  cadence_marks:
    "a change token saying a person's cached cadence facts must be re-read; it holds nothing of its own",
  scim_pending_managers:
    'a provisioning placeholder until the named manager exists; the reporting line itself is exported',
};
