import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize } from '../../policies/authorize.ts';
import type {
  CreatePerson,
  CreateReportingLine,
  PersonDetail,
  PersonList,
  PersonListQuery,
  UpdatePerson,
} from '../../../shared/schemas/people.ts';
import { deleteSessionsOfPerson } from '../auth/auth.repository.ts';
import { recordManagerChange } from '../contracts/contract-handovers.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { organizationPolicy } from '../organization/organization.policy.ts';
import { personPolicy } from './people.policy.ts';
import {
  decodeCursor,
  encodeCursor,
  presentPersonDetail,
  presentPersonSummary,
} from './people.presenter.ts';
import {
  deleteLine,
  endLine,
  findLineInForce,
  findPersonById,
  insertLine,
  insertPerson,
  listLineStartDatesAfter,
  listLinesOfReport,
  listLinesStartingAfter,
  listManagerChain,
  listPeopleRows,
  listReportsOn,
  updatePersonRow,
} from './people.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

const emailTaken = () =>
  new ConflictError('Someone already has this email address.', 'email', 'email_taken');

/**
 * Changes who a person reports to from a date on, keeping history: the line in force then ends,
 * a same-day line is replaced, and a null manager leaves the person at the top. Throws
 * ValidationError for self-management and cycles, ConflictError when a later change is scheduled.
 */
export async function changeManager(
  trx: Transaction,
  input: {
    reportId: string;
    managerId: string | null;
    startsOn: string;
    createdBy: string | null;
    createdAt: string;
  },
): Promise<void> {
  const { reportId, managerId, startsOn } = input;
  if (managerId === reportId)
    throw new ValidationError('A person cannot report to themself.', 'managerId');
  if (managerId) {
    // The new line lasts from startsOn on, so it must not close a loop then or when any scheduled
    // line starts later.
    const dates = [startsOn, ...(await listLineStartDatesAfter(trx, startsOn))];
    for (const date of dates) {
      const chain = await listManagerChain(trx, managerId, date);
      if (chain.includes(reportId)) {
        throw new ValidationError(
          date === startsOn
            ? 'This would make a loop: the new manager already reports, directly or not, to this person.'
            : `This would make a loop from ${date}, when a scheduled change makes the new manager report, directly or not, to this person.`,
          'managerId',
        );
      }
    }
  }
  const later = await listLinesStartingAfter(trx, reportId, startsOn);
  if (later.length > 0) {
    throw new ConflictError(
      `A later change is already scheduled from ${later[0]?.starts_on ?? startsOn}; choose a date after it.`,
      'startsOn',
    );
  }
  const current = await findLineInForce(trx, reportId, startsOn);
  if (current?.managerId === managerId) return;
  if (current) {
    if (current.startsOn === startsOn) await deleteLine(trx, current.id);
    else await endLine(trx, current.id, startsOn);
  }
  if (managerId) {
    await insertLine(trx, {
      id: randomUUID(),
      reportId,
      managerId,
      startsOn,
      createdAt: input.createdAt,
      createdBy: input.createdBy,
    });
  }
  // The development contract follows the engineer: the outgoing manager gets a handover to write.
  await recordManagerChange(trx, { reportId, changeOn: startsOn, at: input.createdAt });
}

export function createPeopleService({ database, clock }: Deps) {
  const { db } = database;
  const today = () => toIsoDate(clock.now());

  /** An admin change to a person (security.md §7): which fields or roles, never their values. */
  function auditPersonChange(
    trx: Transaction,
    actor: Actor,
    personId: string,
    action: string,
    reason?: string,
  ) {
    return recordAuditEvent(
      trx,
      {
        actor,
        action,
        targetType: 'person',
        targetId: personId,
        subjectPersonId: personId,
        decision: 'allow',
        ...(reason && { reason }),
      },
      clock.now(),
    );
  }

  async function requireActiveManager(trx: Transaction, managerId: string): Promise<void> {
    const manager = await findPersonById(trx, managerId);
    if (!manager) throw new ValidationError('There is no person with this id.', 'managerId');
    if (!manager.isActive) throw new ValidationError('This manager is deactivated.', 'managerId');
  }

  return {
    /** The directory page: everyone signed in sees active people; 401 for the anonymous. */
    async listPeople(actor: Actor, query: PersonListQuery): Promise<PersonList> {
      authorize(actor, organizationPolicy, query.includeInactive ? 'viewInactive' : 'view', null);
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      if (after === null)
        throw new ValidationError('cursor is not one this API returned', 'cursor');
      const rows = await listPeopleRows(db, {
        query: query.query,
        managerId: query.managerId,
        isTopLevel: query.isTopLevel,
        includeInactive: query.includeInactive ?? false,
        after,
        limit: query.limit + 1,
        today: today(),
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(presentPersonSummary),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    /** One person with manager, reports and reporting history; NotFoundError when missing. */
    async getPerson(actor: Actor, id: string): Promise<PersonDetail> {
      const person = await findPersonById(db, id);
      authorize(actor, personPolicy, 'view', person ?? null);
      if (!person) throw new NotFoundError('person');
      const date = today();
      const [currentLine, reports, history] = await Promise.all([
        findLineInForce(db, id, date),
        listReportsOn(db, id, date),
        listLinesOfReport(db, id),
      ]);
      return presentPersonDetail({
        person,
        currentLine,
        reports,
        history,
        abilities: abilitiesOf(actor, personPolicy, person),
      });
    },

    /** Adds a person (and optionally their manager from today). Admins only; 409 on a taken email. */
    async createPerson(actor: Actor, input: CreatePerson): Promise<PersonDetail> {
      authorize(actor, organizationPolicy, 'createPerson', null);
      const now = clock.now().toISOString();
      const id = randomUUID();
      try {
        await db.transaction().execute(async (trx) => {
          await insertPerson(trx, {
            id,
            email: input.email,
            name: input.name,
            title: input.title,
            team: input.team,
            timezone: input.timezone,
            start_date: input.startDate,
            is_admin: input.isAdmin,
            is_people_team: input.isPeopleTeam,
            is_active: true,
            deactivated_at: null,
            created_at: now,
            updated_at: now,
          });
          await auditPersonChange(trx, actor, id, 'person.create', rolesOf(input) ?? undefined);
          if (input.managerId) {
            await requireActiveManager(trx, input.managerId);
            await changeManager(trx, {
              reportId: id,
              managerId: input.managerId,
              startsOn: today(),
              createdBy: actorId(actor),
              createdAt: now,
            });
            await auditPersonChange(
              trx,
              actor,
              id,
              'reporting_line.change',
              `manager ${input.managerId} from ${today()}`,
            );
          }
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
      return this.getPerson(actor, id);
    },

    /**
     * Edits a person. Deactivating ends all their sessions in the same transaction. Admins only;
     * nobody may deactivate themself or change their own roles (403).
     */
    async updatePerson(actor: Actor, id: string, patch: UpdatePerson): Promise<PersonDetail> {
      const person = await findPersonById(db, id);
      authorize(actor, personPolicy, 'update', person ?? null);
      if (!person) throw new NotFoundError('person');
      if (patch.isActive === false && person.isActive)
        authorize(actor, personPolicy, 'deactivate', person);
      const changesRoles =
        (patch.isAdmin !== undefined && patch.isAdmin !== person.isAdmin) ||
        (patch.isPeopleTeam !== undefined && patch.isPeopleTeam !== person.isPeopleTeam);
      if (changesRoles) authorize(actor, personPolicy, 'changeRoles', person);
      const now = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await updatePersonRow(trx, id, {
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.email !== undefined && { email: patch.email }),
            ...(patch.title !== undefined && { title: patch.title }),
            ...(patch.team !== undefined && { team: patch.team }),
            ...(patch.timezone !== undefined && { timezone: patch.timezone }),
            ...(patch.startDate !== undefined && { start_date: patch.startDate }),
            ...(patch.isAdmin !== undefined && { is_admin: patch.isAdmin }),
            ...(patch.isPeopleTeam !== undefined && { is_people_team: patch.isPeopleTeam }),
            ...(patch.isActive !== undefined && {
              is_active: patch.isActive,
              deactivated_at: patch.isActive ? null : now,
            }),
            updated_at: now,
          });
          if (patch.isActive === false) await deleteSessionsOfPerson(trx, id);
          if (changesRoles)
            await auditPersonChange(
              trx,
              actor,
              id,
              'person.roles.change',
              roleChanges(person, patch),
            );
          const edited = profileFields.filter(
            (field) => patch[field] !== undefined && patch[field] !== person[field],
          );
          if (edited.length > 0)
            await auditPersonChange(trx, actor, id, 'person.update', edited.join(', '));
          if (patch.isActive !== undefined && patch.isActive !== person.isActive)
            await auditPersonChange(
              trx,
              actor,
              id,
              patch.isActive ? 'person.reactivate' : 'person.deactivate',
            );
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
      return this.getPerson(actor, id);
    },

    /** Sets who a person reports to from a date on (null: nobody). Admins only. */
    async setReportingLine(actor: Actor, input: CreateReportingLine): Promise<PersonDetail> {
      authorize(actor, organizationPolicy, 'setReportingLine', null);
      const report = await findPersonById(db, input.reportId);
      if (!report) throw new ValidationError('There is no person with this id.', 'reportId');
      await db.transaction().execute(async (trx) => {
        if (input.managerId) await requireActiveManager(trx, input.managerId);
        await changeManager(trx, {
          reportId: input.reportId,
          managerId: input.managerId,
          startsOn: input.startsOn,
          createdBy: actorId(actor),
          createdAt: clock.now().toISOString(),
        });
        await auditPersonChange(
          trx,
          actor,
          input.reportId,
          'reporting_line.change',
          `manager ${input.managerId ?? 'none'} from ${input.startsOn}`,
        );
      });
      return this.getPerson(actor, input.reportId);
    },
  };
}

/** Directory fields whose change is recorded by name (their values are not). */
const profileFields = ['name', 'email', 'title', 'team', 'timezone', 'startDate'] as const;

function rolesOf(input: { isAdmin: boolean; isPeopleTeam: boolean }): string | null {
  const roles = [input.isAdmin && 'admin', input.isPeopleTeam && 'people team'].filter(Boolean);
  return roles.length > 0 ? `roles: ${roles.join(', ')}` : null;
}

function roleChanges(
  before: { isAdmin: boolean; isPeopleTeam: boolean },
  patch: UpdatePerson,
): string {
  const changes: string[] = [];
  if (patch.isAdmin !== undefined && patch.isAdmin !== before.isAdmin)
    changes.push(`admin: ${patch.isAdmin ? 'on' : 'off'}`);
  if (patch.isPeopleTeam !== undefined && patch.isPeopleTeam !== before.isPeopleTeam)
    changes.push(`people team: ${patch.isPeopleTeam ? 'on' : 'off'}`);
  return changes.join(', ');
}

function actorId(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.id : null;
}

export type PeopleService = ReturnType<typeof createPeopleService>;
