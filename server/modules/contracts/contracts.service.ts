import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import {
  ConflictError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
  requireBaseVersion,
} from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  Contract,
  ContractFields,
  ContractMetaList,
  CreateContract,
  SaveContract,
} from '../../../shared/schemas/contracts.ts';
import { auditRecordRead } from '../conversations/conversation-audit.ts';
import { findConversation, loadPairFacts } from '../conversations/conversations.repository.ts';
import { findPersonById } from '../people/people.repository.ts';
import { markHandoversSeen } from './contract-handovers.repository.ts';
import { assembleContract, loadContract } from './contract-loader.ts';
import type { LoadedContract } from './contract-loader.ts';
import { contractOwnerPolicy, contractPolicy } from './contracts.policy.ts';
import { presentContractMeta } from './contracts.presenter.ts';
import {
  advanceVersionIf,
  insertContract,
  insertVersion,
  linkConversation,
  listContractsOfEngineer,
  listOpenContractsOfEngineer,
  listVersions,
  recordAgreement,
  updateContractRow,
} from './contracts.repository.ts';
import type { VersionRow } from './contracts.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

/** The fields a version stores, in the order they are compared to spot "nothing changed". */
function sameContent(previous: VersionRow, next: ContractFields): boolean {
  const goals = (
    list: { description: string; successCriteria: string; supportNeeded: string; dueOn: string }[],
  ) =>
    JSON.stringify(list.map((g) => [g.description, g.successCriteria, g.supportNeeded, g.dueOn]));
  return (
    previous.developmentGoal === next.developmentGoal &&
    previous.managerCommitment === next.managerCommitment &&
    previous.engineerCommitment === next.engineerCommitment &&
    previous.evidenceOfSuccess === next.evidenceOfSuccess &&
    previous.reviewCadence === next.reviewCadence &&
    previous.nextReviewOn === next.nextReviewOn &&
    previous.caveat === next.caveat &&
    previous.isCaveatNoneKnown === next.isCaveatNoneKnown &&
    previous.notHere === next.notHere &&
    previous.transitionSupport === next.transitionSupport &&
    goals(previous.goals) === goals(next.goals) &&
    JSON.stringify(previous.goals.map((g) => g.id)) ===
      JSON.stringify(next.goals.map((g) => g.id ?? ''))
  );
}

export function createContractService({ database, clock }: Deps) {
  const { db } = database;
  const now = () => clock.now();

  async function load(actor: Actor, id: string, action: 'read' | 'edit' | 'agree') {
    const loaded = await loadContract(db, id, now());
    authorize(actor, contractPolicy, action, loaded?.resource ?? null);
    if (!loaded) throw new NotFoundError('development contract');
    return loaded;
  }

  /** The next review must lie ahead, so the plan always has a date someone will look at it. */
  function checkReviewDate(fields: ContractFields): void {
    if (fields.nextReviewOn <= toIsoDate(now()))
      throw new ValidationError('must be a date after today', 'nextReviewOn');
  }

  async function writeVersion(
    trx: Transaction,
    input: {
      contractId: string;
      version: number;
      fields: ContractFields;
      by: string;
      at: string;
      knownGoalIds: Set<string>;
    },
  ): Promise<void> {
    const { fields } = input;
    fields.goals.forEach((goal, index) => {
      if (goal.id && !input.knownGoalIds.has(goal.id))
        throw new ValidationError('is not a goal of this contract', `goals.${index}.id`);
    });
    await insertVersion(
      trx,
      {
        id: randomUUID(),
        contract_id: input.contractId,
        version: input.version,
        development_goal: fields.developmentGoal,
        manager_commitment: fields.managerCommitment,
        engineer_commitment: fields.engineerCommitment,
        evidence_of_success: fields.evidenceOfSuccess,
        review_cadence: fields.reviewCadence,
        next_review_on: fields.nextReviewOn,
        caveat: fields.caveat,
        is_caveat_none_known: fields.isCaveatNoneKnown,
        not_here: fields.notHere,
        transition_support: fields.transitionSupport,
        change_note: fields.changeNote,
        saved_by: input.by,
        saved_at: input.at,
        engineer_agreed_at: null,
        manager_agreed_at: null,
        manager_agreed_by: null,
      },
      fields.goals.map((goal, position) => ({
        goal_id: goal.id ?? randomUUID(),
        position,
        description: goal.description,
        success_criteria: goal.successCriteria,
        support_needed: goal.supportNeeded,
        due_on: goal.dueOn,
      })),
    );
  }

  async function present(actor: Actor, loaded: LoadedContract): Promise<Contract> {
    return assembleContract(db, actor, loaded, now());
  }

  async function reload(actor: Actor, id: string): Promise<Contract> {
    const loaded = await loadContract(db, id, now());
    if (!loaded) throw new NotFoundError('development contract');
    return present(actor, loaded);
  }

  return {
    /**
     * An engineer's contracts as C1 metadata (existence, status, review dates): the pair, leaders
     * above the engineer and the people team. 404 for anyone else or an unknown person.
     */
    async listContracts(actor: Actor, engineerId: string): Promise<ContractMetaList> {
      const person = await findPersonById(db, engineerId);
      const facts = person ? await loadPairFacts(db, engineerId, toIsoDate(now())) : null;
      const owner = facts ? { engineerId, facts } : null;
      authorize(actor, contractOwnerPolicy, 'view', owner);
      if (!facts || !owner) throw new NotFoundError('person');
      const rows = await listContractsOfEngineer(db, engineerId);
      return {
        items: rows.map((row) => presentContractMeta(actor, row, facts)),
        abilities: { create: contractOwnerPolicy.actions.create(actor, owner) },
      };
    },

    /**
     * Starts a draft contract (version 1) for the engineer, by the engineer or their manager.
     * ConflictError when a draft is already being written; ValidationError for a source
     * conversation that is not this engineer's or a review date not in the future.
     */
    async createContract(
      actor: Actor,
      engineerId: string,
      input: CreateContract,
    ): Promise<Contract> {
      const person = await findPersonById(db, engineerId);
      const facts = person ? await loadPairFacts(db, engineerId, toIsoDate(now())) : null;
      authorize(actor, contractOwnerPolicy, 'create', facts ? { engineerId, facts } : null);
      const author = requirePerson(actor);
      if (!person) throw new NotFoundError('person');
      checkReviewDate(input);
      if (input.sourceConversationId) {
        const source = await findConversation(db, input.sourceConversationId);
        if (
          !source ||
          source.engineerId !== engineerId ||
          !(source.engineerId === author.id || source.managerId === author.id)
        )
          throw new ValidationError(
            'must be one of your conversations with this engineer',
            'sourceConversationId',
          );
      }
      const open = await listOpenContractsOfEngineer(db, engineerId);
      const draft = open.find((c) => c.status === 'draft');
      if (draft)
        throw new ConflictError(
          'A draft contract is already being written for this engineer: continue that one.',
          'engineerId',
          'draft_exists',
        );
      const id = randomUUID();
      const at = now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await insertContract(trx, {
            id,
            engineer_id: engineerId,
            status: 'draft',
            source_conversation_id: input.sourceConversationId,
            current_version: 1,
            next_review_on: input.nextReviewOn,
            activated_at: null,
            last_reviewed_at: null,
            last_check_in_at: null,
            last_referenced_at: at,
            closed_at: null,
            outcome_note: null,
            outcome_by: null,
            created_by: author.id,
            created_at: at,
            updated_at: at,
          });
          await writeVersion(trx, {
            contractId: id,
            version: 1,
            fields: input,
            by: author.id,
            at,
            knownGoalIds: new Set(),
          });
          if (input.sourceConversationId)
            await linkConversation(trx, input.sourceConversationId, id);
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictError(
            'A draft contract is already being written for this engineer: continue that one.',
            'engineerId',
            'draft_exists',
          );
        throw error;
      }
      return reload(actor, id);
    },

    /**
     * The whole contract (C3) for the engineer and their current manager: 403 for leaders and the
     * people team (they see metadata only), 404 for everyone else. Audited when not the engineer;
     * the engineer opening it marks handover notes as seen.
     */
    async getContract(actor: Actor, id: string): Promise<Contract> {
      const loaded = await load(actor, id, 'read');
      await auditRecordRead({ database, clock }, actor, {
        action: 'contract.read',
        targetType: 'contract',
        targetId: id,
        subjectPersonId: loaded.row.engineerId,
      });
      if (actor.kind === 'person' && actor.id === loaded.row.engineerId)
        await markHandoversSeen(db, id, now().toISOString());
      return present(actor, loaded);
    },

    /**
     * Saves the edit as a new version if nobody saved since `baseVersion` (ADR 080): 428 without
     * it, StaleVersionError (409, with the contract as it is now) when stale. A new version has no
     * agreements, so both sides must agree again. Saving unchanged content adds no version.
     */
    async saveContract(actor: Actor, id: string, input: SaveContract): Promise<Contract> {
      const loaded = await load(actor, id, 'edit');
      const author = requirePerson(actor);
      const baseVersion = requireBaseVersion(input.baseVersion);
      checkReviewDate(input);
      const versions = await listVersions(db, id);
      const base = versions.find((v) => v.version === baseVersion);
      if (baseVersion !== loaded.row.currentVersion || !base)
        throw new StaleVersionError(
          `This contract changed since you opened it (now version ${loaded.row.currentVersion}). Compare and save again.`,
          await present(actor, loaded),
        );
      if (sameContent(base, input)) return present(actor, loaded);
      const at = now().toISOString();
      const knownGoalIds = new Set(versions.flatMap((v) => v.goals.map((g) => g.id)));
      const isSaved = await db.transaction().execute(async (trx) => {
        const moved = await advanceVersionIf(trx, {
          id,
          expected: baseVersion,
          next: baseVersion + 1,
          nextReviewOn: input.nextReviewOn,
          at,
        });
        if (!moved) return false;
        await writeVersion(trx, {
          contractId: id,
          version: baseVersion + 1,
          fields: input,
          by: author.id,
          at,
          knownGoalIds,
        });
        return true;
      });
      if (!isSaved) {
        const current = await loadContract(db, id, now());
        if (!current) throw new NotFoundError('development contract');
        throw new StaleVersionError(
          `This contract changed since you opened it (now version ${current.row.currentVersion}). Compare and save again.`,
          await present(actor, current),
        );
      }
      return reload(actor, id);
    },

    /**
     * Records the actor's side agreeing to the current version. Agreeing to an older version is
     * stale (409). When both sides have agreed, a draft becomes the active contract (any earlier
     * one in force is superseded) and the contract counts as reviewed.
     */
    async agreeContract(actor: Actor, id: string, version: number): Promise<Contract> {
      const loaded = await load(actor, id, 'agree');
      const person = requirePerson(actor);
      if (version !== loaded.row.currentVersion)
        throw new StaleVersionError(
          `Version ${version} is no longer the current one (now version ${loaded.row.currentVersion}). Read the changes and agree to the current version.`,
          await present(actor, loaded),
          'version',
        );
      const side = person.id === loaded.row.engineerId ? 'engineer' : 'manager';
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await recordAgreement(trx, { contractId: id, version, side, by: person.id, at });
        const current = (await listVersions(trx, id)).find((v) => v.version === version);
        if (!current?.engineerAgreedAt || !current.managerAgreedAt) return;
        if (loaded.row.status === 'draft') {
          const others = await listOpenContractsOfEngineer(trx, loaded.row.engineerId);
          for (const other of others)
            if (other.id !== id && other.status !== 'draft')
              await updateContractRow(trx, other.id, {
                status: 'superseded',
                closed_at: at,
                outcome_note: 'Replaced by a newer development contract that both agreed to.',
                outcome_by: person.id,
                updated_at: at,
              });
          await updateContractRow(trx, id, { status: 'active', activated_at: at, updated_at: at });
        }
        await updateContractRow(trx, id, {
          last_reviewed_at: at,
          last_referenced_at: at,
          updated_at: at,
        });
      });
      return reload(actor, id);
    },
  };
}

export type ContractService = ReturnType<typeof createContractService>;
