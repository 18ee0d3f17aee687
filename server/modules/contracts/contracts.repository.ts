import type { Transaction } from '../../db/client.ts';
import type {
  ContractCheckInsTable,
  ContractGoalsTable,
  ContractsTable,
  ContractVersionsTable,
} from '../../db/schema.ts';
import type {
  CheckInStatus,
  ContractStatus,
  ReviewCadence,
} from '../../../shared/schemas/contracts.ts';

export interface ContractRow {
  id: string;
  engineerId: string;
  engineerName: string;
  status: ContractStatus;
  sourceConversationId: string | null;
  currentVersion: number;
  nextReviewOn: string | null;
  activatedAt: string | null;
  lastReviewedAt: string | null;
  lastCheckInAt: string | null;
  lastReferencedAt: string | null;
  closedAt: string | null;
  outcomeNote: string | null;
  outcomeById: string | null;
  outcomeByName: string | null;
  createdAt: string;
}

function contractQuery(db: Transaction) {
  return db
    .selectFrom('contracts as k')
    .innerJoin('people as e', 'e.id', 'k.engineer_id')
    .leftJoin('people as o', 'o.id', 'k.outcome_by')
    .select([
      'k.id',
      'k.engineer_id',
      'e.name as engineer_name',
      'k.status',
      'k.source_conversation_id',
      'k.current_version',
      'k.next_review_on',
      'k.activated_at',
      'k.last_reviewed_at',
      'k.last_check_in_at',
      'k.last_referenced_at',
      'k.closed_at',
      'k.outcome_note',
      'k.outcome_by',
      'o.name as outcome_by_name',
      'k.created_at',
    ]);
}

type RawContract = Awaited<ReturnType<ReturnType<typeof contractQuery>['executeTakeFirstOrThrow']>>;

function toContractRow(row: RawContract): ContractRow {
  return {
    id: row.id,
    engineerId: row.engineer_id,
    engineerName: row.engineer_name,
    status: row.status,
    sourceConversationId: row.source_conversation_id,
    currentVersion: row.current_version,
    nextReviewOn: row.next_review_on,
    activatedAt: row.activated_at,
    lastReviewedAt: row.last_reviewed_at,
    lastCheckInAt: row.last_check_in_at,
    lastReferencedAt: row.last_referenced_at,
    closedAt: row.closed_at,
    outcomeNote: row.outcome_note,
    outcomeById: row.outcome_by,
    outcomeByName: row.outcome_by_name,
    createdAt: row.created_at,
  };
}

/** One contract with its engineer's name; undefined when there is none. */
export async function findContract(db: Transaction, id: string): Promise<ContractRow | undefined> {
  const row = await contractQuery(db).where('k.id', '=', id).executeTakeFirst();
  return row ? toContractRow(row) : undefined;
}

/** Every contract of an engineer, newest first (drafts, the one in force and closed ones). */
export async function listContractsOfEngineer(
  db: Transaction,
  engineerId: string,
): Promise<ContractRow[]> {
  const rows = await contractQuery(db)
    .where('k.engineer_id', '=', engineerId)
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id')
    .execute();
  return rows.map(toContractRow);
}

/** The engineer's contracts that are not closed (a draft and/or the one in force). */
export async function listOpenContractsOfEngineer(
  db: Transaction,
  engineerId: string,
): Promise<ContractRow[]> {
  const rows = await contractQuery(db)
    .where('k.engineer_id', '=', engineerId)
    .where('k.status', 'in', ['draft', 'active', 'paused'])
    .execute();
  return rows.map(toContractRow);
}

export async function insertContract(db: Transaction, row: ContractsTable): Promise<void> {
  await db.insertInto('contracts').values(row).execute();
}

export async function updateContractRow(
  db: Transaction,
  id: string,
  patch: Partial<ContractsTable>,
): Promise<void> {
  await db.updateTable('contracts').set(patch).where('id', '=', id).execute();
}

/**
 * Moves the contract to `next` only if it is still at `expected` (compare-and-set in one
 * statement, so two instances saving at once cannot both win). True when it moved.
 */
export async function advanceVersionIf(
  db: Transaction,
  input: { id: string; expected: number; next: number; nextReviewOn: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('contracts')
    .set({
      current_version: input.next,
      next_review_on: input.nextReviewOn,
      last_referenced_at: input.at,
      updated_at: input.at,
    })
    .where('id', '=', input.id)
    .where('current_version', '=', input.expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface VersionRow {
  id: string;
  version: number;
  developmentGoal: string;
  managerCommitment: string;
  engineerCommitment: string;
  evidenceOfSuccess: string;
  reviewCadence: ReviewCadence;
  nextReviewOn: string;
  caveat: string;
  isCaveatNoneKnown: boolean;
  notHere: string;
  transitionSupport: string;
  changeNote: string;
  savedById: string | null;
  savedByName: string | null;
  savedAt: string;
  engineerAgreedAt: string | null;
  managerAgreedAt: string | null;
  managerAgreedById: string | null;
  managerAgreedByName: string | null;
  goals: GoalRow[];
}

export interface GoalRow {
  id: string;
  description: string;
  successCriteria: string;
  supportNeeded: string;
  dueOn: string;
}

export async function insertVersion(
  db: Transaction,
  row: ContractVersionsTable,
  goals: Omit<ContractGoalsTable, 'contract_version_id'>[],
): Promise<void> {
  await db.insertInto('contract_versions').values(row).execute();
  if (goals.length > 0)
    await db
      .insertInto('contract_goals')
      .values(goals.map((goal) => ({ ...goal, contract_version_id: row.id })))
      .execute();
}

/** Every version of a contract with its goals, oldest first. */
export async function listVersions(db: Transaction, contractId: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('contract_versions as v')
    .leftJoin('people as s', 's.id', 'v.saved_by')
    .leftJoin('people as a', 'a.id', 'v.manager_agreed_by')
    .selectAll('v')
    .select(['s.name as saved_by_name', 'a.name as manager_agreed_by_name'])
    .where('v.contract_id', '=', contractId)
    .orderBy('v.version')
    .execute();
  const goals =
    rows.length === 0
      ? []
      : await db
          .selectFrom('contract_goals')
          .selectAll()
          .where(
            'contract_version_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('position')
          .execute();
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    developmentGoal: row.development_goal,
    managerCommitment: row.manager_commitment,
    engineerCommitment: row.engineer_commitment,
    evidenceOfSuccess: row.evidence_of_success,
    reviewCadence: row.review_cadence as ReviewCadence,
    nextReviewOn: row.next_review_on,
    caveat: row.caveat,
    isCaveatNoneKnown: row.is_caveat_none_known,
    notHere: row.not_here,
    transitionSupport: row.transition_support,
    changeNote: row.change_note,
    savedById: row.saved_by,
    savedByName: row.saved_by_name,
    savedAt: row.saved_at,
    engineerAgreedAt: row.engineer_agreed_at,
    managerAgreedAt: row.manager_agreed_at,
    managerAgreedById: row.manager_agreed_by,
    managerAgreedByName: row.manager_agreed_by_name,
    goals: goals
      .filter((goal) => goal.contract_version_id === row.id)
      .map((goal) => ({
        id: goal.goal_id,
        description: goal.description,
        successCriteria: goal.success_criteria,
        supportNeeded: goal.support_needed,
        dueOn: goal.due_on,
      })),
  }));
}

/**
 * Records one side's agreement to a version, once (a second agreement keeps the first time).
 * True when this call recorded it.
 */
export async function recordAgreement(
  db: Transaction,
  input: {
    contractId: string;
    version: number;
    side: 'engineer' | 'manager';
    by: string;
    at: string;
  },
): Promise<boolean> {
  const query = db
    .updateTable('contract_versions')
    .where('contract_id', '=', input.contractId)
    .where('version', '=', input.version);
  const result =
    input.side === 'engineer'
      ? await query
          .set({ engineer_agreed_at: input.at })
          .where('engineer_agreed_at', 'is', null)
          .executeTakeFirst()
      : await query
          .set({ manager_agreed_at: input.at, manager_agreed_by: input.by })
          .where('manager_agreed_at', 'is', null)
          .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CheckInRow {
  id: string;
  status: CheckInStatus;
  note: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

export async function insertCheckIn(db: Transaction, row: ContractCheckInsTable): Promise<void> {
  await db.insertInto('contract_check_ins').values(row).execute();
}

/** A contract's check-ins, newest first. */
export async function listCheckIns(db: Transaction, contractId: string): Promise<CheckInRow[]> {
  const rows = await db
    .selectFrom('contract_check_ins as c')
    .leftJoin('people as p', 'p.id', 'c.author_id')
    .select(['c.id', 'c.status', 'c.note', 'c.author_id', 'p.name as author_name', 'c.created_at'])
    .where('c.contract_id', '=', contractId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    status: row.status as CheckInStatus,
    note: row.note,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
  }));
}

export interface LinkedConversationRow {
  id: string;
  kind: string;
  status: string;
  startsAt: string;
}

/** Conversations that produced or reviewed the contract, newest first. */
export async function listLinkedConversations(
  db: Transaction,
  contract: { id: string; sourceConversationId: string | null },
): Promise<LinkedConversationRow[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'kind', 'status', 'starts_at'])
    .where((eb) =>
      eb.or([
        eb('contract_id', '=', contract.id),
        eb('id', '=', contract.sourceConversationId ?? ''),
      ]),
    )
    .orderBy('starts_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    startsAt: row.starts_at,
  }));
}

/** Points a conversation at the contract it reviews or produced. */
export async function linkConversation(
  db: Transaction,
  conversationId: string,
  contractId: string,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ contract_id: contractId })
    .where('id', '=', conversationId)
    .execute();
}
