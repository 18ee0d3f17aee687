import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config.ts';
import { clientIpOf } from '../../http/client-ip.ts';
import { cookieAuth, jsonBody, jsonContent, noAuth, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import { setSessionCookie } from '../../http/session.ts';
import {
  ssoProvidersSchema,
  ssoSettingsSchema,
  updateSsoSettingsSchema,
} from '../../../shared/schemas/sso.ts';
import type { SsoService } from './sso.service.ts';
import { SsoLoginError } from './sso.service.ts';

const tags = ['Single sign-on'];
const COOKIE_PATH = '/api/sso';

/** The browser-binding cookie of a sign-in in flight. */
function pendingCookieName(config: Config): string {
  return config.baseUrl.startsWith('https://') ? '__Secure-trajectory_sso' : 'trajectory_sso';
}

export function ssoRoutes({ sso, config }: { sso: SsoService; config: Config }) {
  const router = createRouter();
  const isSecure = config.baseUrl.startsWith('https://');

  const failed = (c: Context, error: unknown) => {
    deleteCookie(c, pendingCookieName(config), { path: COOKIE_PATH, secure: isSecure });
    if (error instanceof SsoLoginError) return c.redirect(`/sign-in?error=${error.id}`, 302);
    throw error;
  };

  router.openapi(
    createRoute({
      method: 'get',
      path: '/sso/providers',
      tags,
      summary: 'Whether single sign-on is offered on the sign-in page',
      security: noAuth,
      responses: { 200: jsonContent(ssoProvidersSchema, 'Single sign-on status') },
    }),
    async (c) => c.json(await sso.getProviders(), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/sso/login',
      tags,
      summary: 'Start single sign-on: redirects to the identity provider',
      security: noAuth,
      responses: {
        302: { description: 'To the identity provider, or back to /sign-in?error=<id>' },
      },
    }),
    async (c) => {
      try {
        const start = await sso.startLogin(clientIpOf(c, config.trustProxy));
        setCookie(c, pendingCookieName(config), start.browserToken, {
          httpOnly: true,
          secure: isSecure,
          sameSite: 'Lax',
          path: COOKIE_PATH,
          expires: new Date(start.expiresAt),
        });
        return c.redirect(start.redirectUrl, 302);
      } catch (error) {
        return failed(c, error);
      }
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/sso/callback',
      tags,
      summary: 'Where the identity provider sends the browser back',
      security: noAuth,
      responses: {
        302: { description: 'Signed in: to /. Otherwise to /sign-in?error=<id>' },
      },
    }),
    async (c) => {
      try {
        const query = new URL(c.req.url).searchParams;
        const session = await sso.finishLogin(getCookie(c, pendingCookieName(config)), query);
        deleteCookie(c, pendingCookieName(config), { path: COOKIE_PATH, secure: isSecure });
        setSessionCookie(c, config, session);
        return c.redirect('/', 302);
      } catch (error) {
        return failed(c, error);
      }
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/sso/settings',
      tags,
      summary: 'Single sign-on settings (admins; the client secret is never returned)',
      security: cookieAuth,
      responses: { 200: jsonContent(ssoSettingsSchema, 'The settings'), ...signedInErrors },
    }),
    async (c) => c.json(await sso.getSettings(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/sso/settings',
      tags,
      summary: 'Change the single sign-on settings (admins)',
      description:
        'Send the version you started from as `baseVersion` or `If-Match` (0 before the first save); stale → 409 with the current settings, none → 428.',
      security: cookieAuth,
      request: { headers: ifMatchHeaderSchema, body: jsonBody(updateSsoSettingsSchema) },
      responses: {
        200: jsonContent(ssoSettingsSchema, 'The saved settings'),
        ...signedInErrors,
        ...preconditionResponses(ssoSettingsSchema),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await sso.updateSettings(c.var.actor, { ...body, baseVersion: baseVersionOf(c, body) }),
        200,
      );
    },
  );

  return router;
}
