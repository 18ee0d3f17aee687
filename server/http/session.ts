import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.ts';
import { ForbiddenError } from '../errors.ts';
import type { AuthService, IssuedSession } from '../modules/auth/auth.service.ts';
import { anonymousActor } from '../policies/actor.ts';
import type { AppEnv } from './env.ts';

export function sessionCookieName(config: Config): string {
  return config.baseUrl.startsWith('https://') ? '__Host-trajectory_session' : 'trajectory_session';
}

export function setSessionCookie(c: Context, config: Config, session: IssuedSession): void {
  setCookie(c, sessionCookieName(config), session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.baseUrl.startsWith('https://'),
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, sessionCookieName(config), {
    path: '/',
    secure: config.baseUrl.startsWith('https://'),
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host an Origin header names; null for an opaque ("null") or malformed origin. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

/**
 * Resolves the session cookie to an actor, and guards state-changing requests against CSRF: the
 * Origin, when sent, must be this site, and a signed-in request must echo its session's CSRF token.
 */
export function sessionMiddleware(config: Config, auth: AuthService): MiddlewareHandler<AppEnv> {
  const ownOrigin = new URL(config.baseUrl).origin;
  return async (c, next) => {
    c.set('actor', anonymousActor);
    c.set('session', null);
    c.set('sessionToken', null);
    const isUnsafe = !SAFE_METHODS.has(c.req.method);
    if (isUnsafe) {
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      if (origin && origin !== ownOrigin && (!host || hostOf(origin) !== host)) {
        throw new ForbiddenError('This request came from another site and was refused.');
      }
    }
    const token = getCookie(c, sessionCookieName(config));
    if (token) {
      const session = await auth.resolveSession(token);
      if (session) {
        if (isUnsafe && !auth.isValidCsrfToken(session, c.req.header('x-csrf-token'))) {
          throw new ForbiddenError(
            'The request is missing its CSRF token. Reload the page and try again.',
          );
        }
        c.set('session', session);
        c.set('sessionToken', token);
        c.set('actor', {
          kind: 'person',
          id: session.person.id,
          isAdmin: session.person.isAdmin,
          isPeopleTeam: session.person.isPeopleTeam,
        });
      } else {
        clearSessionCookie(c, config);
      }
    }
    await next();
  };
}
