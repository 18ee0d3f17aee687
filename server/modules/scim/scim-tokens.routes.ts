import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  createScimTokenSchema,
  createdScimTokenSchema,
  scimTokenListSchema,
} from '../../../shared/schemas/scim.ts';
import type { ScimService } from './scim.service.ts';

const tags = ['Provisioning'];

/** Admin management of SCIM bearer tokens, under /api (cookie sessions). */
export function scimTokenRoutes({ scim }: { scim: ScimService }) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/scim-tokens',
      tags,
      summary: 'SCIM tokens, without their secrets (admins)',
      security: cookieAuth,
      responses: {
        200: jsonContent(scimTokenListSchema, 'Tokens, newest first'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await scim.listTokens(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/scim-tokens',
      tags,
      summary: 'Create a SCIM token; the secret is shown only in this response (admins)',
      security: cookieAuth,
      request: { body: jsonBody(createScimTokenSchema) },
      responses: {
        201: jsonContent(createdScimTokenSchema, 'The token, with its secret this once'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await scim.createToken(c.var.actor, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/scim-tokens/{id}',
      tags,
      summary: 'Revoke a SCIM token (admins)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 204: { description: 'Revoked' }, ...signedInErrors },
    }),
    async (c) => {
      await scim.revokeToken(c.var.actor, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return router;
}
