import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { MINUTE_MS } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { requireBaseVersion, StaleVersionError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Actor, PersonActor } from '../../policies/actor.ts';
import { authorize, authorizePublic } from '../../policies/authorize.ts';
import type { SsoProviders, SsoSettings, UpdateSsoSettings } from '../../../shared/schemas/sso.ts';
import { hitRateLimit } from '../auth/auth.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { AuthService, IssuedSession } from '../auth/auth.service.ts';
import { newToken, tokenDigest } from '../auth/tokens.ts';
import { findPeopleByEmails, findPersonById, insertPerson } from '../people/people.repository.ts';
import { openSecret, sealSecret } from './sealed-secret.ts';
import type { OidcConnection, VerifiedClaims } from './sso.oidc.ts';
import { buildLogin, completeLogin, forgetDiscoveries, isProviderRefusal } from './sso.oidc.ts';
import { ssoPolicy } from './sso.policy.ts';
import {
  countIdentitiesOfPerson,
  deleteExpiredPendingLogins,
  findIdentity,
  findSsoSettings,
  insertIdentity,
  insertPendingLogin,
  takePendingLogin,
  touchIdentity,
  saveSsoSettingsIfVersion,
} from './sso.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
  config: Config;
  logger: Logger;
  auth: AuthService;
}

/** How long a started sign-in may take at the identity provider. */
export const PENDING_LOGIN_MS = 10 * MINUTE_MS;
/** Sign-ins one network may start per minute (each stores a pending login). */
const LOGINS_PER_IP_PER_MINUTE = 30;

export type SsoErrorId =
  | 'sso_unavailable'
  | 'sso_expired'
  | 'sso_denied'
  | 'sso_failed'
  | 'sso_no_account'
  | 'sso_unverified_email'
  | 'sso_already_linked'
  | 'sso_inactive'
  | 'sso_rate_limited';

/** A sign-in that could not finish; the id is shown on the sign-in page. */
export class SsoLoginError extends Error {
  constructor(readonly id: SsoErrorId) {
    super(id);
  }
}

interface EffectiveProvider extends OidcConnection {
  displayName: string;
  source: 'environment' | 'database';
}

export function createSsoService({ database, clock, config, logger, auth }: Deps) {
  const { db } = database;
  const redirectUri = `${config.baseUrl}/api/sso/callback`;

  async function effective() {
    const row = await findSsoSettings(db);
    let provider: EffectiveProvider | null = null;
    if (config.oidc) {
      provider = {
        ...config.oidc,
        displayName: row?.displayName || config.oidc.displayName,
        source: 'environment',
      };
    } else if (row?.issuer && row.clientId) {
      provider = {
        issuer: row.issuer,
        clientId: row.clientId,
        clientSecret: row.clientSecretSealed
          ? (openSecret(config.secretKey, row.clientSecretSealed) ?? '')
          : '',
        displayName: row.displayName || 'single sign-on',
        source: 'database',
      };
    }
    return {
      row,
      provider,
      isJitEnabled: row?.isJitEnabled ?? false,
      isPasswordAdminsOnly: (row?.isPasswordAdminsOnly ?? false) && provider !== null,
    };
  }

  /** The audit event of a successful single sign-on, in the sign-in's transaction. */
  function signedIn(trx: Transaction, personId: string) {
    return recordAuditEvent(
      trx,
      {
        actor: { kind: 'anonymous' },
        action: 'sign_in.sso',
        targetType: 'person',
        targetId: personId,
        subjectPersonId: personId,
        decision: 'allow',
      },
      clock.now(),
    );
  }

  /** Finds or links the person an identity belongs to; see docs/decisions/020. */
  async function personFor(
    provider: EffectiveProvider,
    claims: VerifiedClaims,
    isJitEnabled: boolean,
  ): Promise<string> {
    const now = clock.now().toISOString();
    if (claims.issuer !== provider.issuer) throw new SsoLoginError('sso_failed');
    return db.transaction().execute(async (trx) => {
      const identity = await findIdentity(trx, claims.issuer, claims.subject);
      if (identity) {
        const person = await findPersonById(trx, identity.personId);
        if (!person?.isActive) throw new SsoLoginError('sso_inactive');
        await touchIdentity(trx, identity.id, now);
        await signedIn(trx, person.id);
        return person.id;
      }
      if (!claims.email) throw new SsoLoginError('sso_no_account');
      const [existing] = await findPeopleByEmails(trx, [claims.email]);
      if (!claims.isEmailVerified) {
        throw new SsoLoginError(existing ? 'sso_unverified_email' : 'sso_no_account');
      }
      let personId: string;
      if (existing) {
        if ((await countIdentitiesOfPerson(trx, existing.id)) > 0)
          throw new SsoLoginError('sso_already_linked');
        if (!existing.isActive) throw new SsoLoginError('sso_inactive');
        personId = existing.id;
      } else if (isJitEnabled) {
        personId = randomUUID();
        await insertPerson(trx, {
          id: personId,
          email: claims.email,
          name: claims.name ?? claims.email,
          title: '',
          team: '',
          timezone: 'UTC',
          start_date: null,
          is_admin: false,
          is_people_team: false,
          is_active: true,
          deactivated_at: null,
          created_at: now,
          updated_at: now,
        });
        logger.info({ personId }, 'person created at first single sign-on');
      } else {
        throw new SsoLoginError('sso_no_account');
      }
      await insertIdentity(trx, {
        id: randomUUID(),
        issuer: claims.issuer,
        subject: claims.subject,
        person_id: personId,
        created_at: now,
        last_sign_in_at: now,
      });
      await recordAuditEvent(
        trx,
        {
          actor: { kind: 'anonymous' },
          action: 'sso.identity.link',
          targetType: 'person',
          targetId: personId,
          subjectPersonId: personId,
          decision: 'allow',
        },
        clock.now(),
      );
      await signedIn(trx, personId);
      logger.info({ personId }, 'single sign-on identity linked');
      return personId;
    });
  }

  return {
    /** Whether the sign-in page offers single sign-on, and under what name. Public. */
    async getProviders(): Promise<SsoProviders> {
      authorizePublic('sso-providers');
      const { provider, isPasswordAdminsOnly } = await effective();
      return {
        isEnabled: provider !== null,
        displayName: provider?.displayName ?? '',
        loginUrl: '/api/sso/login',
        isPasswordSignInAdminsOnly: isPasswordAdminsOnly,
      };
    },

    /** Whether password sign-in is refused to people who are not admins. */
    async isPasswordSignInAdminsOnly(): Promise<boolean> {
      return (await effective()).isPasswordAdminsOnly;
    },

    async getSettings(actor: Actor): Promise<SsoSettings> {
      authorize(actor, ssoPolicy, 'read', null);
      const { row, provider } = await effective();
      return {
        source: provider?.source ?? 'none',
        issuer: provider?.issuer ?? row?.issuer ?? '',
        clientId: provider?.clientId ?? row?.clientId ?? '',
        hasClientSecret: provider ? provider.clientSecret !== '' : Boolean(row?.clientSecretSealed),
        displayName: provider?.displayName ?? row?.displayName ?? '',
        isJitEnabled: row?.isJitEnabled ?? false,
        isPasswordSignInAdminsOnly: row?.isPasswordAdminsOnly ?? false,
        redirectUri,
        scimBaseUrl: `${config.baseUrl}/scim/v2`,
        version: row?.version ?? 0,
      };
    },

    /**
     * Saves the settings. The client secret is write-only: omitted keeps the stored one. With the
     * provider set by environment only the display name and the two switches are stored.
     */
    async updateSettings(actor: Actor, input: UpdateSsoSettings): Promise<SsoSettings> {
      authorize(actor, ssoPolicy, 'update', null);
      const expected = requireBaseVersion(input.baseVersion);
      const current = await findSsoSettings(db);
      const isByEnvironment = config.oidc !== null;
      const sealed =
        input.clientSecret === undefined
          ? (current?.clientSecretSealed ?? null)
          : input.clientSecret === ''
            ? null
            : sealSecret(config.secretKey, input.clientSecret);
      const isSaved = await db.transaction().execute(async (trx) => {
        const saved = await saveSsoSettingsIfVersion(
          trx,
          {
            issuer: isByEnvironment ? (current?.issuer ?? null) : input.issuer || null,
            client_id: isByEnvironment ? (current?.clientId ?? null) : input.clientId || null,
            client_secret_sealed: isByEnvironment ? (current?.clientSecretSealed ?? null) : sealed,
            display_name: input.displayName,
            is_jit_enabled: input.isJitEnabled,
            is_password_admins_only: input.isPasswordSignInAdminsOnly,
            updated_at: clock.now().toISOString(),
            updated_by: (actor as PersonActor).id,
          },
          expected,
        );
        if (!saved) return false;
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'sso.settings.update',
            targetType: 'sso_settings',
            targetId: null,
            subjectPersonId: null,
            decision: 'allow',
          },
          clock.now(),
        );
        return true;
      });
      if (!isSaved) {
        const now = await this.getSettings(actor);
        throw new StaleVersionError(
          `Someone changed the single sign-on settings since you opened them (now version ${now.version}).`,
          now,
        );
      }
      forgetDiscoveries();
      logger.info({ actorId: (actor as PersonActor).id }, 'single sign-on settings changed');
      return this.getSettings(actor);
    },

    /**
     * Starts a sign-in: remembers state, nonce and PKCE verifier server-side under a new random
     * browser token, and returns where to send the browser. Public.
     */
    async startLogin(
      clientIp: string,
    ): Promise<{ browserToken: string; redirectUrl: string; expiresAt: string }> {
      authorizePublic('sso-login');
      const { provider } = await effective();
      if (!provider) throw new SsoLoginError('sso_unavailable');
      const window = Math.floor(clock.now().getTime() / MINUTE_MS) * MINUTE_MS;
      if ((await hitRateLimit(db, `sso-login:ip:${clientIp}`, window)) > LOGINS_PER_IP_PER_MINUTE)
        throw new SsoLoginError('sso_rate_limited');
      let start;
      try {
        start = await buildLogin(provider, redirectUri);
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'single sign-on discovery failed');
        throw new SsoLoginError('sso_unavailable');
      }
      const now = clock.now();
      const browserToken = newToken();
      const expiresAt = new Date(now.getTime() + PENDING_LOGIN_MS).toISOString();
      await deleteExpiredPendingLogins(db, now.toISOString());
      await insertPendingLogin(db, {
        id: tokenDigest(config.secretKey, browserToken),
        issuer: provider.issuer,
        state: start.state,
        nonce: start.nonce,
        code_verifier: start.codeVerifier,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      });
      return { browserToken, redirectUrl: start.url, expiresAt };
    },

    /**
     * Finishes a sign-in from the provider's redirect: the browser token must name a pending
     * login of this browser whose state matches; the ID token is then validated and the person
     * found by (issuer, subject). Throws SsoLoginError.
     */
    async finishLogin(
      browserToken: string | undefined,
      query: URLSearchParams,
    ): Promise<IssuedSession> {
      authorizePublic('sso-callback');
      if (!browserToken) throw new SsoLoginError('sso_expired');
      const pending = await takePendingLogin(db, tokenDigest(config.secretKey, browserToken));
      if (!pending || Date.parse(pending.expires_at) <= clock.now().getTime())
        throw new SsoLoginError('sso_expired');
      if (query.get('state') !== pending.state) throw new SsoLoginError('sso_expired');
      const { provider, isJitEnabled } = await effective();
      if (!provider || provider.issuer !== pending.issuer)
        throw new SsoLoginError('sso_unavailable');
      if (query.has('error')) throw new SsoLoginError('sso_denied');
      let claims: VerifiedClaims;
      try {
        claims = await completeLogin(provider, new URL(`${redirectUri}?${query.toString()}`), {
          state: pending.state,
          nonce: pending.nonce,
          codeVerifier: pending.code_verifier,
        });
      } catch (error) {
        logger.warn(
          { err: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' },
          'single sign-on answer rejected',
        );
        throw new SsoLoginError(isProviderRefusal(error) ? 'sso_denied' : 'sso_failed');
      }
      let personId: string;
      try {
        personId = await personFor(provider, claims, isJitEnabled);
      } catch (error) {
        const refusal = isUniqueViolation(error) ? new SsoLoginError('sso_already_linked') : error;
        if (refusal instanceof SsoLoginError) {
          await db.transaction().execute((trx) =>
            recordAuditEvent(
              trx,
              {
                actor: { kind: 'anonymous' },
                action: 'sign_in.sso',
                targetType: 'person',
                targetId: null,
                subjectPersonId: null,
                decision: 'deny',
                reason: refusal.id,
              },
              clock.now(),
            ),
          );
        }
        throw refusal;
      }
      return auth.openSessionFor(personId);
    },
  };
}

export type SsoService = ReturnType<typeof createSsoService>;
