import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import {
  cadenceSettingsSchema,
  coverageGroupPeopleSchema,
  coverageQuerySchema,
  coverageSchema,
  groupKeyParamSchema,
  homeSchema,
  teamSchema,
  updateCadencePolicySchema,
} from '../../../shared/schemas/cadence.ts';
import type { CadenceSettingsService } from './cadence-settings.service.ts';
import type { CoverageService } from './coverage.service.ts';
import type { HomeService } from './home.service.ts';
import type { TeamService } from './team.service.ts';

const tags = ['Cadence'];

/** The cadence policy, "what's next", the team view and the coverage dashboard. */
export function cadenceRoutes(services: {
  cadenceSettings: CadenceSettingsService;
  home: HomeService;
  team: TeamService;
  coverage: CoverageService;
}) {
  const { cadenceSettings, home, team, coverage } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/cadence-policy',
      tags,
      summary: 'The organisation’s cadence policy and its defaults',
      security: cookieAuth,
      responses: { 200: jsonContent(cadenceSettingsSchema, 'The policy'), ...signedInErrors },
    }),
    async (c) => c.json(await cadenceSettings.getCadenceSettings(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/cadence-policy',
      tags,
      summary: 'Replace the cadence policy (people team and admins)',
      description:
        'Send the version you started from as `baseVersion` or `If-Match` (0 before the first save); stale → 409 with the current policy, none → 428.',
      security: cookieAuth,
      request: { headers: ifMatchHeaderSchema, body: jsonBody(updateCadencePolicySchema) },
      responses: {
        200: jsonContent(cadenceSettingsSchema, 'The new policy'),
        ...signedInErrors,
        ...preconditionResponses(cadenceSettingsSchema),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await cadenceSettings.updateCadencePolicy(c.var.actor, {
          ...body,
          baseVersion: baseVersionOf(c, body),
        }),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/home',
      tags,
      summary: 'What is next for you, your reports and your part of the organisation',
      security: cookieAuth,
      responses: { 200: jsonContent(homeSchema, 'Your home page'), ...signedInErrors },
    }),
    async (c) => c.json(await home.getHome(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/team',
      tags,
      summary: 'Your direct reports with their cadence, plan status and open commitments',
      security: cookieAuth,
      responses: { 200: jsonContent(teamSchema, 'Your team'), ...signedInErrors },
    }),
    async (c) => c.json(await team.getTeam(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/coverage',
      tags,
      summary: 'Coverage dashboard for your subtree or the organisation (metadata only)',
      security: cookieAuth,
      request: { query: coverageQuerySchema },
      responses: { 200: jsonContent(coverageSchema, 'The dashboard'), ...signedInErrors },
    }),
    async (c) => c.json(await coverage.getCoverage(c.var.actor, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/coverage/groups/{key}/people',
      tags,
      summary: 'The people of one dashboard group: names, dates and statuses only',
      security: cookieAuth,
      request: { params: groupKeyParamSchema, query: coverageQuerySchema },
      responses: {
        200: jsonContent(coverageGroupPeopleSchema, 'The group’s people'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await coverage.listGroupPeople(c.var.actor, c.req.valid('param').key, c.req.valid('query')),
        200,
      ),
  );

  return router;
}
