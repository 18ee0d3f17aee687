import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { MINUTE_MS, toIsoDate } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { AppError, NotFoundError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Actor, PersonActor } from '../../policies/actor.ts';
import { systemActor } from '../../policies/actor.ts';
import { authorize } from '../../policies/authorize.ts';
import { recordDecision } from '../../policies/decisions.ts';
import type {
  CreateScimToken,
  CreatedScimToken,
  ScimTokenList,
} from '../../../shared/schemas/scim.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { deleteSessionsOfPerson } from '../auth/auth.repository.ts';
import { newToken, tokenDigest } from '../auth/tokens.ts';
import {
  findLineInForce,
  findPeopleByEmails,
  insertPerson,
  updatePersonRow,
} from '../people/people.repository.ts';
import { changeManager } from '../people/people.service.ts';
import { scimTokenPolicy } from './scim.policy.ts';
import type { ScimUserInput, StoredAttributes } from './scim.resource.ts';
import {
  ENTERPRISE_SCHEMA,
  LIST_SCHEMA,
  USER_SCHEMA,
  ScimError,
  applyPatch,
  parseUser,
} from './scim.resource.ts';
import {
  countScimPeople,
  deletePendingManager,
  findLiveScimTokenByHash,
  findScimPerson,
  findScimToken,
  insertScimToken,
  isUserNameTaken,
  listPendingManagersNaming,
  listScimPeople,
  listScimTokens,
  resolveManagerRef,
  revokeScimToken,
  touchScimToken,
  upsertPendingManager,
  upsertScimUser,
} from './scim.repository.ts';
import type { ScimPersonRow, ScimUserFilter } from './scim.repository.ts';
import { parse as parseFilter } from 'scim2-parse-filter';

interface Deps {
  database: Database;
  clock: Clock;
  config: Config;
  logger: Logger;
}

/** The identity provider calling /scim/v2 with a bearer token. */
export interface ScimClient {
  kind: 'scim';
  tokenId: string;
}

const MAX_PAGE = 200;
const DEFAULT_PAGE = 100;
const TOKEN_PREFIX = 'scim_';

type Json = Record<string, unknown>;

function decide(action: string): void {
  recordDecision({ policy: 'scim', action, isAllowed: true });
}

/** Reads `filter`: equality on userName, externalId, id or emails.value. */
export function toUserFilter(text: string | undefined): ScimUserFilter {
  if (!text?.trim()) return { kind: 'all' };
  let filter;
  try {
    filter = parseFilter(text);
  } catch {
    throw new ScimError(400, `The filter "${text}" is not valid.`, 'invalidFilter');
  }
  if (filter.op === 'eq' && 'compValue' in filter && typeof filter.compValue === 'string') {
    const attr = filter.attrPath.toLowerCase().replace(`${USER_SCHEMA.toLowerCase()}:`, '');
    if (attr === 'username') return { kind: 'userName', value: filter.compValue };
    if (attr === 'externalid') return { kind: 'externalId', value: filter.compValue };
    if (attr === 'id') return { kind: 'id', value: filter.compValue };
    if (attr === 'emails.value' || attr === 'emails')
      return { kind: 'email', value: filter.compValue };
  }
  throw new ScimError(
    400,
    'Only equality filters on userName, externalId, id or emails.value are supported.',
    'invalidFilter',
  );
}

function toPositiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new ScimError(400, 'startIndex and count must be numbers.', 'invalidValue');
  return Math.trunc(parsed);
}

function storedAttributes(row: ScimPersonRow): StoredAttributes {
  if (!row.attributes) return {};
  try {
    return JSON.parse(row.attributes) as StoredAttributes;
  } catch {
    return {};
  }
}

export function createScimService({ database, clock, config, logger }: Deps) {
  const { db } = database;
  const baseUrl = `${config.baseUrl}/scim/v2`;
  const digest = (token: string) => tokenDigest(config.secretKey, token);
  const today = () => toIsoDate(clock.now());

  /**
   * The SCIM resource of a person. As the base of a PATCH it leaves out the manager (so an
   * operation that does not mention it leaves it alone) and a displayName the provider never
   * set (so a change of name parts renames the person).
   */
  async function present(trx: Transaction, row: ScimPersonRow, isPatchBase = false): Promise<Json> {
    const attrs = storedAttributes(row);
    const emails =
      attrs.emails?.some((e) => e.value.toLowerCase() === row.email) === true
        ? attrs.emails
        : [{ value: row.email, type: 'work', primary: true }];
    const line = isPatchBase ? undefined : await findLineInForce(trx, row.id, today());
    const enterprise: Json = {
      ...attrs.enterprise,
      ...(row.team ? { department: row.team } : {}),
      ...(line && {
        manager: {
          value: line.managerId,
          $ref: `${baseUrl}/Users/${line.managerId}`,
          displayName: line.managerName,
        },
      }),
    };
    const lastModified =
      row.scimUpdatedAt && row.scimUpdatedAt > row.updatedAt ? row.scimUpdatedAt : row.updatedAt;
    return {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      id: row.id,
      ...(row.externalId !== null && { externalId: row.externalId }),
      userName: row.userName ?? row.email,
      name: attrs.name ?? { formatted: row.name },
      ...((!isPatchBase || attrs.displayName) && { displayName: row.name }),
      ...(row.title && { title: row.title }),
      active: row.isActive,
      emails,
      timezone: attrs.timezone ?? row.timezone,
      ...(attrs.locale && { locale: attrs.locale }),
      ...(attrs.preferredLanguage && { preferredLanguage: attrs.preferredLanguage }),
      [ENTERPRISE_SCHEMA]: enterprise,
      meta: {
        resourceType: 'User',
        created: row.createdAt,
        lastModified,
        location: `${baseUrl}/Users/${row.id}`,
      },
    };
  }

  /** An audit event for a change made through SCIM; the token is the reason, never content. */
  function audit(trx: Transaction, client: ScimClient, action: string, personId: string) {
    return recordAuditEvent(
      trx,
      {
        actor: systemActor,
        action,
        targetType: 'person',
        targetId: personId,
        subjectPersonId: personId,
        decision: 'allow',
        reason: `scim token ${client.tokenId}`,
      },
      clock.now(),
    );
  }

  async function requirePerson(trx: Transaction, id: string): Promise<ScimPersonRow> {
    const row = await findScimPerson(trx, id);
    if (!row) throw new ScimError(404, `There is no user ${id}.`);
    return row;
  }

  /** Points a report at a manager from today; a cycle or scheduled change is a SCIM error. */
  async function setManager(trx: Transaction, reportId: string, managerId: string | null) {
    try {
      await changeManager(trx, {
        reportId,
        managerId,
        startsOn: today(),
        createdBy: null,
        createdAt: clock.now().toISOString(),
      });
    } catch (error) {
      if (error instanceof AppError) {
        throw new ScimError(error.status === 409 ? 409 : 400, error.message, 'invalidValue');
      }
      throw error;
    }
  }

  /** Managers named before their person existed, now resolvable to this person. */
  async function resolvePendingFor(
    trx: Transaction,
    client: ScimClient,
    person: ScimPersonRow,
  ): Promise<void> {
    if (!person.isActive) return;
    const pending = await listPendingManagersNaming(trx, [
      person.id,
      person.externalId ?? '',
      person.employeeNumber ?? '',
      person.email,
    ]);
    for (const { reportId, managerRef } of pending) {
      if ((await resolveManagerRef(trx, managerRef)) !== person.id) continue;
      try {
        await setManager(trx, reportId, person.id);
        await deletePendingManager(trx, reportId);
        await audit(trx, client, 'reporting_line.change', reportId);
      } catch (error) {
        if (!(error instanceof ScimError)) throw error;
        logger.warn({ reportId, managerId: person.id }, 'pending SCIM manager left unresolved');
      }
    }
  }

  /** Writes a checked User body over a person (new when `existing` is undefined). */
  async function write(
    trx: Transaction,
    client: ScimClient,
    input: ScimUserInput,
    existing: ScimPersonRow | undefined,
  ): Promise<string> {
    const now = clock.now().toISOString();
    const id = existing?.id ?? randomUUID();
    if (await isUserNameTaken(trx, input.userName, existing?.id ?? null))
      throw new ScimError(409, 'Another user already has this userName.', 'uniqueness');
    const [sameEmail] = await findPeopleByEmails(trx, [input.email]);
    if (sameEmail && sameEmail.id !== existing?.id)
      throw new ScimError(409, 'Another user already has this email address.', 'uniqueness');
    const isActive = input.active ?? existing?.isActive ?? true;
    if (existing) {
      await updatePersonRow(trx, id, {
        email: input.email,
        name: input.displayName,
        title: input.title,
        team: input.department,
        ...(input.timezone && { timezone: input.timezone }),
        ...(isActive !== existing.isActive && {
          is_active: isActive,
          deactivated_at: isActive ? null : now,
        }),
        updated_at: now,
      });
      if (!isActive) {
        const ended = await deleteSessionsOfPerson(trx, id);
        if (existing.isActive) {
          await audit(trx, client, 'person.deactivate', id);
          logger.info({ personId: id, ended }, 'deactivated by SCIM');
        }
      } else if (!existing.isActive) {
        await audit(trx, client, 'person.reactivate', id);
      }
    } else {
      await insertPerson(trx, {
        id,
        email: input.email,
        name: input.displayName,
        title: input.title,
        team: input.department,
        timezone: input.timezone ?? 'UTC',
        start_date: null,
        is_admin: false,
        is_people_team: false,
        is_active: isActive,
        deactivated_at: isActive ? null : now,
        created_at: now,
        updated_at: now,
      });
    }
    await upsertScimUser(trx, {
      person_id: id,
      user_name: input.userName,
      user_name_key: input.userName.toLowerCase(),
      external_id: input.externalId,
      employee_number: input.employeeNumber,
      attributes: JSON.stringify(input.attributes),
      created_at: now,
      updated_at: now,
    });
    await audit(trx, client, existing ? 'scim.user.update' : 'scim.user.create', id);
    if (input.manager.kind === 'clear') {
      await deletePendingManager(trx, id);
      await setManager(trx, id, null);
      await audit(trx, client, 'reporting_line.change', id);
    } else if (input.manager.kind === 'set') {
      const managerId = await resolveManagerRef(trx, input.manager.ref);
      if (managerId) {
        await deletePendingManager(trx, id);
        await setManager(trx, id, managerId);
        await audit(trx, client, 'reporting_line.change', id);
      } else {
        await upsertPendingManager(trx, id, input.manager.ref, now);
      }
    }
    const saved = await requirePerson(trx, id);
    await resolvePendingFor(trx, client, saved);
    return id;
  }

  async function run<T>(fn: (trx: Transaction) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(fn);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ScimError(409, 'Another user already has this userName or email.', 'uniqueness');
      throw error;
    }
  }

  return {
    /** The client a bearer token belongs to; 401 in SCIM's format otherwise. */
    async authenticate(authorization: string | undefined): Promise<ScimClient> {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      const token = match?.[1];
      const row =
        token?.startsWith(TOKEN_PREFIX) === true
          ? await findLiveScimTokenByHash(db, digest(token))
          : undefined;
      recordDecision({ policy: 'scim', action: 'authenticate', isAllowed: row !== undefined });
      if (!row) throw new ScimError(401, 'A valid SCIM bearer token is required.');
      const now = clock.now();
      if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) >= MINUTE_MS)
        await touchScimToken(db, row.id, now.toISOString());
      return { kind: 'scim', tokenId: row.id };
    },

    async listTokens(actor: Actor): Promise<ScimTokenList> {
      authorize(actor, scimTokenPolicy, 'list', null);
      return { items: await listScimTokens(db) };
    },

    /** A new token; the secret is returned this once and only its digest is kept. */
    async createToken(actor: Actor, input: CreateScimToken): Promise<CreatedScimToken> {
      authorize(actor, scimTokenPolicy, 'create', null);
      const token = `${TOKEN_PREFIX}${newToken()}`;
      const id = randomUUID();
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await insertScimToken(trx, {
          id,
          name: input.name,
          token_hash: digest(token),
          created_by: (actor as PersonActor).id,
          created_at: now,
          last_used_at: null,
          revoked_at: null,
        });
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'scim_token.create',
            targetType: 'scim_token',
            targetId: id,
            subjectPersonId: null,
            decision: 'allow',
          },
          clock.now(),
        );
      });
      logger.info({ actorId: (actor as PersonActor).id, tokenId: id }, 'SCIM token created');
      return { id, name: input.name, createdAt: now, lastUsedAt: null, revokedAt: null, token };
    },

    async revokeToken(actor: Actor, id: string): Promise<void> {
      const row = await findScimToken(db, id);
      authorize(actor, scimTokenPolicy, 'revoke', null);
      if (!row) throw new NotFoundError('SCIM token');
      await db.transaction().execute(async (trx) => {
        await revokeScimToken(trx, id, clock.now().toISOString());
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'scim_token.revoke',
            targetType: 'scim_token',
            targetId: id,
            subjectPersonId: null,
            decision: 'allow',
          },
          clock.now(),
        );
      });
      logger.info({ actorId: (actor as PersonActor).id, tokenId: id }, 'SCIM token revoked');
    },

    async listUsers(
      _client: ScimClient,
      query: { filter?: string; startIndex?: string; count?: string },
    ): Promise<Json> {
      decide('listUsers');
      const filter = toUserFilter(query.filter);
      const startIndex = Math.max(1, toPositiveInt(query.startIndex, 1));
      const count = Math.min(MAX_PAGE, Math.max(0, toPositiveInt(query.count, DEFAULT_PAGE)));
      const totalResults = await countScimPeople(db, filter);
      const rows = count === 0 ? [] : await listScimPeople(db, filter, startIndex - 1, count);
      const resources = [];
      for (const row of rows) resources.push(await present(db, row));
      return {
        schemas: [LIST_SCHEMA],
        totalResults,
        itemsPerPage: resources.length,
        startIndex,
        Resources: resources,
      };
    },

    async getUser(_client: ScimClient, id: string): Promise<Json> {
      decide('getUser');
      return present(db, await requirePerson(db, id));
    },

    async createUser(client: ScimClient, body: unknown): Promise<Json> {
      decide('createUser');
      const input = parseUser(body);
      const id = await run((trx) => write(trx, client, input, undefined));
      return present(db, await requirePerson(db, id));
    },

    /** PUT: a full replacement, except that a missing `active` or manager leaves them as they are. */
    async replaceUser(client: ScimClient, id: string, body: unknown): Promise<Json> {
      decide('replaceUser');
      await run(async (trx) => {
        const existing = await requirePerson(trx, id);
        await write(trx, client, parseUser(body), existing);
      });
      return present(db, await requirePerson(db, id));
    },

    async patchUser(client: ScimClient, id: string, body: unknown): Promise<Json> {
      decide('patchUser');
      await run(async (trx) => {
        const existing = await requirePerson(trx, id);
        const patched = applyPatch(await present(trx, existing, true), body);
        await write(trx, client, parseUser(patched), existing);
      });
      return present(db, await requirePerson(db, id));
    },

    /** DELETE deactivates: the row stays (audit trail) and every session ends now. */
    async deleteUser(client: ScimClient, id: string): Promise<void> {
      decide('deleteUser');
      await run(async (trx) => {
        const existing = await requirePerson(trx, id);
        const now = clock.now().toISOString();
        if (existing.isActive) {
          await updatePersonRow(trx, id, {
            is_active: false,
            deactivated_at: now,
            updated_at: now,
          });
          await audit(trx, client, 'person.deactivate', id);
        }
        await deleteSessionsOfPerson(trx, id);
      });
      logger.info({ personId: id }, 'deactivated by SCIM DELETE');
    },
  };
}

export type ScimService = ReturnType<typeof createScimService>;
