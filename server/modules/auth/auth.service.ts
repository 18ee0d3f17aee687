import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { HOUR_MS, MINUTE_MS } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import {
  AppError,
  ForbiddenError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Actor, PersonActor } from '../../policies/actor.ts';
import { authorize, authorizePublic } from '../../policies/authorize.ts';
import type {
  PasswordLink,
  PasswordTokenInfo,
  SetupRequest,
  SignInRequest,
} from '../../../shared/schemas/auth.ts';
import { insertOrganization, findOrganization } from '../organization/organization.repository.ts';
import {
  countAdmins,
  findPersonById,
  insertPerson,
  listReportsOn,
} from '../people/people.repository.ts';
import { personPolicy } from '../people/people.policy.ts';
import { isPasswordSignInAdminsOnly } from '../sso/sso.repository.ts';
import { sessionPolicy } from './auth.policy.ts';
import { passwordLinkMessage } from './auth.messages.ts';
import {
  claimPasswordToken,
  countRateLimit,
  deleteExpiredSessions,
  deleteOldRateLimits,
  deleteSession,
  deleteSessionsOfPerson,
  findCredentials,
  findPasswordToken,
  findSession,
  hitRateLimit,
  insertPasswordToken,
  insertSession,
  retirePasswordTokens,
  touchSession,
  upsertCredentials,
} from './auth.repository.ts';
import type { SessionWithPerson } from './auth.repository.ts';
import { decoyPasswordHash, hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';
import { isSameSecret, newToken, tokenDigest } from './tokens.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
  personId: string;
}

interface Deps {
  database: Database;
  clock: Clock;
  config: Config;
  mailer: Mailer;
  logger: Logger;
}

const INVITE_LIFETIME_MS = 7 * 24 * HOUR_MS;
const RESET_LIFETIME_MS = 24 * HOUR_MS;
/** Writing last_seen_at on every request would make every read a write; once a minute is enough. */
const TOUCH_INTERVAL_MS = MINUTE_MS;

export function createAuthService({ database, clock, config, mailer, logger }: Deps) {
  const { db } = database;
  const digest = (token: string) => tokenDigest(config.secretKey, token);

  /** Opens a session; with `auditAction`, the sign-in is recorded in the same transaction. */
  async function issueSession(personId: string, auditAction?: string): Promise<IssuedSession> {
    const now = clock.now();
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + config.sessionMaxHours * HOUR_MS).toISOString();
    await db.transaction().execute(async (trx) => {
      await insertSession(trx, {
        id: digest(token),
        person_id: personId,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt,
      });
      if (auditAction) await auditAccount(trx, personId, auditAction, 'allow');
    });
    return { token, csrfToken, expiresAt, personId };
  }

  /** An account event (sign-in, failure, password change): ids and a reason code, never input. */
  async function auditAccount(
    trx: Transaction,
    personId: string | null,
    action: string,
    decision: 'allow' | 'deny',
    reason?: string,
  ) {
    // A refused attempt was made by whoever typed the password, not (as far as we know) the person.
    const person =
      personId && decision === 'allow' ? await findPersonById(trx, personId) : undefined;
    const actor: Actor = person
      ? {
          kind: 'person',
          id: person.id,
          isAdmin: person.isAdmin,
          isPeopleTeam: person.isPeopleTeam,
        }
      : { kind: 'anonymous' };
    return recordAuditEvent(
      trx,
      {
        actor,
        action,
        targetType: 'person',
        targetId: personId,
        subjectPersonId: personId,
        decision,
        ...(reason && { reason }),
      },
      clock.now(),
    );
  }

  async function auditFailedSignIn(personId: string | null, reason: string): Promise<void> {
    await db.transaction().execute((trx) => auditAccount(trx, personId, 'sign_in', 'deny', reason));
  }

  function checkNewPassword(password: string, person: { email: string; name: string }): void {
    const weakness = passwordWeakness(password, person);
    if (weakness) throw new ValidationError(`password ${weakness}`, 'password');
  }

  async function limit(key: string, windowMs: number, max: number, message: string): Promise<void> {
    const windowStart = Math.floor(clock.now().getTime() / windowMs) * windowMs;
    const count = await hitRateLimit(db, key, windowStart);
    if (count > max) {
      throw new RateLimitedError(
        message,
        Math.ceil((windowStart + windowMs - clock.now().getTime()) / 1000),
      );
    }
  }

  return {
    /** Whether the first-run setup page should be shown: true until an admin exists. */
    async getSetupStatus(): Promise<{ isSetupNeeded: boolean }> {
      authorizePublic('setup-status');
      return { isSetupNeeded: (await countAdmins(db)) === 0 };
    },

    /**
     * Creates the organisation and its first admin, then signs them in. Throws ForbiddenError once
     * setup has been done (for good: the organisation row can exist only once).
     */
    async completeSetup(input: SetupRequest): Promise<IssuedSession> {
      authorizePublic('setup');
      // Answer "closed" before judging the password or spending time hashing it.
      if ((await countAdmins(db)) > 0 || (await findOrganization(db))) throw setupClosed();
      checkNewPassword(input.password, input);
      const passwordHash = await hashPassword(input.password);
      const now = clock.now().toISOString();
      const personId = randomUUID();
      try {
        await db.transaction().execute(async (trx) => {
          if ((await countAdmins(trx)) > 0 || (await findOrganization(trx)))
            throw new SetupClosed();
          await insertOrganization(trx, input.organizationName, now);
          await insertPerson(trx, {
            id: personId,
            email: input.email,
            name: input.name,
            title: '',
            team: '',
            timezone: 'UTC',
            start_date: null,
            is_admin: true,
            is_people_team: true,
            is_active: true,
            deactivated_at: null,
            created_at: now,
            updated_at: now,
          });
          await upsertCredentials(trx, personId, passwordHash, now);
          await auditAccount(trx, personId, 'setup', 'allow');
        });
      } catch (error) {
        if (error instanceof SetupClosed || isUniqueViolation(error)) throw setupClosed();
        throw error;
      }
      logger.info({ personId }, 'organisation set up');
      return issueSession(personId);
    },

    /**
     * Checks email and password and opens a session. Throws UnauthorizedError with one message for
     * every kind of failure, and RateLimitedError past the per-IP and per-account limits.
     */
    async signIn(input: SignInRequest, clientIp: string): Promise<IssuedSession> {
      authorizePublic('sign-in');
      await limit(
        `sign-in:ip:${clientIp}`,
        MINUTE_MS,
        config.signInAttemptsPerIpPerMinute,
        'Too many sign-in attempts from this network. Wait a minute and try again.',
      );
      const failureWindow = Math.floor(clock.now().getTime() / HOUR_MS) * HOUR_MS;
      const failureKey = `sign-in:account:${input.email}`;
      if (
        (await countRateLimit(db, failureKey, failureWindow)) >=
        config.signInFailuresPerAccountPerHour
      ) {
        const locked = await findCredentials(db, input.email);
        await auditFailedSignIn(locked?.personId ?? null, 'account_locked');
        throw new RateLimitedError(
          'Too many failed sign-ins for this account. Try again later or ask an admin to reset your password.',
          Math.ceil((failureWindow + HOUR_MS - clock.now().getTime()) / 1000),
        );
      }
      const account = await findCredentials(db, input.email);
      if (await isPasswordSignInAdminsOnly(db, config.oidc !== null)) {
        const person = account ? await findPersonById(db, account.personId) : undefined;
        if (!person?.isAdmin) {
          await auditFailedSignIn(account?.personId ?? null, 'password_sign_in_off');
          throw new ForbiddenError(
            'Password sign-in is turned off for your organisation. Use single sign-on instead.',
          );
        }
      }
      const isValid = account?.passwordHash
        ? await verifyPassword(account.passwordHash, input.password)
        : (await verifyPassword(await decoyPasswordHash(), input.password)) && false;
      if (!account || !isValid || !account.isActive) {
        await hitRateLimit(db, failureKey, failureWindow);
        await auditFailedSignIn(
          account?.personId ?? null,
          !account ? 'unknown_account' : !isValid ? 'wrong_password' : 'deactivated',
        );
        throw new UnauthorizedError('That email and password do not match an active account.');
      }
      return issueSession(account.personId, 'sign_in');
    },

    /**
     * Resolves a session cookie to its person, enforcing idle and absolute expiry and deactivation.
     * Returns null (and forgets the session) when it is no longer valid.
     */
    async resolveSession(token: string): Promise<SessionWithPerson | null> {
      const id = digest(token);
      const session = await findSession(db, id);
      if (!session) return null;
      const now = clock.now().getTime();
      const idleDeadline = Date.parse(session.lastSeenAt) + config.sessionIdleMinutes * MINUTE_MS;
      if (!session.person.isActive || now >= Date.parse(session.expiresAt) || now >= idleDeadline) {
        await deleteSession(db, id);
        return null;
      }
      if (now - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
        await touchSession(db, id, clock.now().toISOString());
      }
      return session;
    },

    /** Whether anyone reports to the person today: decides whether the menu offers the team view. */
    async hasReports(personId: string): Promise<boolean> {
      const today = clock.now().toISOString().slice(0, 10);
      return (await listReportsOn(db, personId, today)).length > 0;
    },

    isValidCsrfToken(session: SessionWithPerson, presented: string | undefined): boolean {
      return presented !== undefined && isSameSecret(session.csrfToken, presented);
    },

    /** Ends the session the token opened. */
    async signOut(actor: Actor, token: string): Promise<void> {
      authorize(actor, sessionPolicy, 'delete', null);
      await db.transaction().execute(async (trx) => {
        await deleteSession(trx, digest(token));
        if (actor.kind === 'person')
          await recordAuditEvent(
            trx,
            {
              actor,
              action: 'sign_out',
              targetType: 'person',
              targetId: actor.id,
              subjectPersonId: actor.id,
              decision: 'allow',
            },
            clock.now(),
          );
      });
    },

    /**
     * Creates a one-time link for a person to choose a password (invite) or a new one (reset),
     * retiring earlier links, and emails it when mail is configured. Admins only.
     */
    async createPasswordLink(
      actor: Actor,
      personId: string,
      purpose: 'invite' | 'reset',
    ): Promise<PasswordLink> {
      const person = await findPersonById(db, personId);
      authorize(actor, personPolicy, 'invite', person ? { id: person.id } : null);
      if (!person) throw new Error('unreachable: authorize rejects a missing person');
      if (!person.isActive)
        throw new ValidationError('This person is deactivated; reactivate them first.', 'personId');
      if (!person.isAdmin && (await isPasswordSignInAdminsOnly(db, config.oidc !== null)))
        throw new ValidationError(
          'Password sign-in is turned off for everyone but admins: this person signs in with single sign-on.',
          'personId',
        );
      const now = clock.now();
      const token = newToken();
      const expiresAt = new Date(
        now.getTime() + (purpose === 'invite' ? INVITE_LIFETIME_MS : RESET_LIFETIME_MS),
      ).toISOString();
      await db.transaction().execute(async (trx) => {
        await retirePasswordTokens(trx, person.id, now.toISOString());
        await insertPasswordToken(trx, {
          id: randomUUID(),
          token_hash: digest(token),
          person_id: person.id,
          purpose,
          created_by: (actor as PersonActor).id,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          used_at: null,
        });
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'password_link.create',
            targetType: 'person',
            targetId: person.id,
            subjectPersonId: person.id,
            decision: 'allow',
            reason: purpose,
          },
          now,
        );
      });
      const url = `${config.baseUrl}/set-password#${token}`;
      const organization = await findOrganization(db);
      let isEmailed = false;
      if (mailer.isConfigured) {
        try {
          await mailer.send({
            to: person.email,
            ...passwordLinkMessage({
              purpose,
              name: person.name,
              organization: organization?.name ?? '',
              url,
              expiresAt,
            }),
          });
          isEmailed = true;
        } catch (error) {
          logger.warn(
            { personId: person.id, err: (error as Error).message },
            'password link email failed',
          );
        }
      } else {
        logger.info(
          { personId: person.id, purpose, url },
          'mail is not configured: share this password link with the person',
        );
      }
      return { url, expiresAt, isEmailed };
    },

    /** What a password link is for, so the page can greet the person; 404 when unusable. */
    async getPasswordToken(token: string): Promise<PasswordTokenInfo> {
      authorizePublic('password-token');
      const row = await findPasswordToken(db, digest(token));
      if (
        !row ||
        row.used_at ||
        !row.is_active ||
        Date.parse(row.expires_at) <= clock.now().getTime()
      ) {
        throw new PasswordLinkUnusable();
      }
      return { purpose: row.purpose, name: row.name, email: row.email, expiresAt: row.expires_at };
    },

    /** Sets the password a link allows, ends the person's other sessions and signs them in. */
    async redeemPasswordToken(token: string, password: string): Promise<IssuedSession> {
      authorizePublic('password');
      const row = await findPasswordToken(db, digest(token));
      const now = clock.now();
      if (!row || row.used_at || !row.is_active || Date.parse(row.expires_at) <= now.getTime()) {
        throw new PasswordLinkUnusable();
      }
      checkNewPassword(password, { email: row.email, name: row.name });
      if (await isPasswordSignInAdminsOnly(db, config.oidc !== null)) {
        const person = await findPersonById(db, row.person_id);
        if (!person?.isAdmin)
          throw new ForbiddenError(
            'Password sign-in is turned off for your organisation. Use single sign-on instead.',
          );
      }
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        if (!(await claimPasswordToken(trx, row.id, now.toISOString())))
          throw new PasswordLinkUnusable();
        await upsertCredentials(trx, row.person_id, passwordHash, now.toISOString());
        await deleteSessionsOfPerson(trx, row.person_id);
        await auditAccount(trx, row.person_id, 'password.set', 'allow', row.purpose);
      });
      return issueSession(row.person_id);
    },

    /** Opens a session for a person whose identity was proven elsewhere (single sign-on, tests). */
    openSessionFor(personId: string): Promise<IssuedSession> {
      return issueSession(personId);
    },

    /** Housekeeping: forgets expired sessions and old rate-limit windows. */
    async sweepExpired(): Promise<void> {
      const now = clock.now();
      await deleteExpiredSessions(db, now.toISOString());
      await deleteOldRateLimits(db, now.getTime() - 2 * HOUR_MS);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

class SetupClosed extends Error {}
const setupClosed = () => new ForbiddenError('Setup has already been completed. Sign in instead.');

/** A used, expired, replaced or unknown link: one answer for all, so links cannot be probed. */
export class PasswordLinkUnusable extends AppError {
  readonly status = 404;
  readonly id = 'link_unusable';
  constructor() {
    super('This link has expired or has already been used. Ask an admin for a new one.', 'token');
  }
}
