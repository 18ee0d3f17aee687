import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
  setVersionTag,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import {
  retentionSettingsSchema,
  updateRetentionSettingsSchema,
} from '../../../shared/schemas/retention.ts';
import type { RetentionService } from './retention.service.ts';

const tags = ['Retention'];

export function retentionRoutes({ retention }: { retention: RetentionService }) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/retention-settings',
      tags,
      summary: 'How long private reflections and former employees’ content are kept (admins)',
      security: cookieAuth,
      responses: {
        200: jsonContent(retentionSettingsSchema, 'The retention periods; null keeps'),
        ...signedInErrors,
      },
    }),
    async (c) => {
      const settings = await retention.getSettings(c.var.actor);
      setVersionTag(c, settings.version);
      return c.json(settings, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/retention-settings',
      tags,
      summary: 'Set the retention periods (admins)',
      description:
        'Send the version you started from as `baseVersion` or `If-Match` (0 before the first save); stale → 409 with the current settings, none → 428.',
      security: cookieAuth,
      request: { headers: ifMatchHeaderSchema, body: jsonBody(updateRetentionSettingsSchema) },
      responses: {
        200: jsonContent(retentionSettingsSchema, 'The saved retention periods'),
        ...signedInErrors,
        ...preconditionResponses(retentionSettingsSchema),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const settings = await retention.updateSettings(c.var.actor, {
        ...body,
        baseVersion: baseVersionOf(c, body),
      });
      setVersionTag(c, settings.version);
      return c.json(settings, 200);
    },
  );

  return router;
}
