import { createRoute } from '@hono/zod-openapi';
import type { Config } from '../../config.ts';
import { clientIpOf } from '../../http/client-ip.ts';
import {
  cookieAuth,
  jsonBody,
  jsonContent,
  noAuth,
  publicErrors,
  signedInErrors,
} from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session.ts';
import { UnauthorizedError } from '../../errors.ts';
import { requirePerson } from '../../policies/authorize.ts';
import {
  passwordLinkSchema,
  passwordRequestSchema,
  passwordTokenInfoSchema,
  passwordTokenParamSchema,
  sessionSchema,
  setupRequestSchema,
  setupStatusSchema,
  signInRequestSchema,
} from '../../../shared/schemas/auth.ts';
import { errorSchema, idParamSchema } from '../../../shared/schemas/common.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import type { AuthService, IssuedSession } from './auth.service.ts';

const tags = ['Sign-in'];

export function authRoutes({
  auth,
  organization,
  config,
}: {
  auth: AuthService;
  organization: OrganizationService;
  config: Config;
}) {
  const router = createRouter();

  async function presentSession(
    session: IssuedSession,
    person: {
      id: string;
      name: string;
      email: string;
      isAdmin: boolean;
      isPeopleTeam: boolean;
      timezone: string;
    },
  ) {
    const org = await organization.getOrganization({
      kind: 'person',
      id: person.id,
      isAdmin: person.isAdmin,
      isPeopleTeam: person.isPeopleTeam,
    });
    const { id, name, email, isAdmin, isPeopleTeam, timezone } = person;
    const hasReports = await auth.hasReports(id);
    return {
      person: { id, name, email, isAdmin, isPeopleTeam, hasReports, timezone },
      organization: { name: org.name },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }

  async function signedInResponse(session: IssuedSession) {
    const resolved = await auth.resolveSession(session.token);
    if (!resolved) throw new Error('a session just issued must resolve');
    return presentSession(session, resolved.person);
  }

  router.openapi(
    createRoute({
      method: 'get',
      path: '/setup',
      tags,
      summary: 'Whether first-run setup is still open',
      security: noAuth,
      responses: { 200: jsonContent(setupStatusSchema, 'Setup status') },
    }),
    async (c) => c.json(await auth.getSetupStatus(), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      tags,
      summary: 'Create the organisation and its first admin (once)',
      security: noAuth,
      request: { body: jsonBody(setupRequestSchema) },
      responses: { 201: jsonContent(sessionSchema, 'Signed in as the new admin'), ...publicErrors },
    }),
    async (c) => {
      const session = await auth.completeSetup(c.req.valid('json'));
      setSessionCookie(c, config, session);
      return c.json(await signedInResponse(session), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/sessions',
      tags,
      summary: 'Sign in with email and password',
      security: noAuth,
      request: { body: jsonBody(signInRequestSchema) },
      responses: {
        201: jsonContent(sessionSchema, 'Signed in'),
        401: jsonContent(errorSchema, 'Wrong email or password'),
        ...publicErrors,
      },
    }),
    async (c) => {
      const session = await auth.signIn(c.req.valid('json'), clientIpOf(c, config.trustProxy));
      setSessionCookie(c, config, session);
      return c.json(await signedInResponse(session), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags,
      summary: 'The current session',
      security: cookieAuth,
      responses: { 200: jsonContent(sessionSchema, 'The signed-in person'), ...signedInErrors },
    }),
    async (c) => {
      const actor = requirePerson(c.var.actor);
      const session = c.var.session;
      if (!session) throw new UnauthorizedError();
      return c.json(
        await presentSession(
          {
            token: '',
            csrfToken: session.csrfToken,
            expiresAt: session.expiresAt,
            personId: actor.id,
          },
          session.person,
        ),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      tags,
      summary: 'Sign out',
      security: cookieAuth,
      responses: { 204: { description: 'Signed out' }, ...signedInErrors },
    }),
    async (c) => {
      await auth.signOut(c.var.actor, c.var.sessionToken ?? '');
      clearSessionCookie(c, config);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/invitations',
      tags: ['People'],
      summary: 'Create a one-time link for a person to choose a password (admins)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: {
        201: jsonContent(passwordLinkSchema, 'The link, emailed when mail is configured'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(await auth.createPasswordLink(c.var.actor, c.req.valid('param').id, 'invite'), 201),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/password-resets',
      tags: ['People'],
      summary: 'Create a one-time link for a person to choose a new password (admins)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: {
        201: jsonContent(passwordLinkSchema, 'The link, emailed when mail is configured'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(await auth.createPasswordLink(c.var.actor, c.req.valid('param').id, 'reset'), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/password-tokens/{token}',
      tags,
      summary: 'What a password link is for',
      security: noAuth,
      request: { params: passwordTokenParamSchema },
      responses: {
        200: jsonContent(passwordTokenInfoSchema, 'The link is usable'),
        404: jsonContent(errorSchema, 'Expired, used or unknown'),
        ...publicErrors,
      },
    }),
    async (c) => c.json(await auth.getPasswordToken(c.req.valid('param').token), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/passwords',
      tags,
      summary: 'Choose a password with a one-time link, and sign in',
      security: noAuth,
      request: { body: jsonBody(passwordRequestSchema) },
      responses: {
        201: jsonContent(sessionSchema, 'Password set; signed in'),
        404: jsonContent(errorSchema, 'Expired, used or unknown link'),
        ...publicErrors,
      },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json');
      const session = await auth.redeemPasswordToken(token, password);
      setSessionCookie(c, config, session);
      return c.json(await signedInResponse(session), 201);
    },
  );

  return router;
}
