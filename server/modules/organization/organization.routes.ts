import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import { organizationSchema, updateOrganizationSchema } from '../../../shared/schemas/people.ts';
import type { OrganizationService } from './organization.service.ts';

const tags = ['Organisation'];

export function organizationRoutes({ organization }: { organization: OrganizationService }) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/organization',
      tags,
      summary: 'The organisation',
      security: cookieAuth,
      responses: { 200: jsonContent(organizationSchema, 'The organisation'), ...signedInErrors },
    }),
    async (c) => c.json(await organization.getOrganization(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/organization',
      tags,
      summary: 'Rename the organisation (admins)',
      description:
        'Send the version you started from as `baseVersion` or `If-Match`; stale → 409 with the current organisation, none → 428.',
      security: cookieAuth,
      request: { headers: ifMatchHeaderSchema, body: jsonBody(updateOrganizationSchema) },
      responses: {
        200: jsonContent(organizationSchema, 'The organisation'),
        ...signedInErrors,
        ...preconditionResponses(organizationSchema),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await organization.updateOrganization(c.var.actor, {
          name: body.name,
          baseVersion: baseVersionOf(c, body),
        }),
        200,
      );
    },
  );

  return router;
}
