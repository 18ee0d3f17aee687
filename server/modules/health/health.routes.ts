import { createRoute } from '@hono/zod-openapi';
import { jsonContent, noAuth } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { authorizePublic } from '../../policies/authorize.ts';
import { errorSchema, healthSchema } from '../../../shared/schemas/common.ts';

/** Liveness and readiness in one: answers 200 only when the database answers. */
export function healthRoutes({ ping }: { ping: () => Promise<void> }) {
  const router = createRouter();
  router.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['Operations'],
      summary: 'Whether this instance and its database answer',
      security: noAuth,
      responses: {
        200: jsonContent(healthSchema, 'Healthy'),
        503: jsonContent(errorSchema, 'The database does not answer'),
      },
    }),
    async (c) => {
      authorizePublic('health');
      try {
        await ping();
      } catch {
        return c.json({ error: 'unavailable', message: 'The database does not answer.' }, 503);
      }
      return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
    },
  );
  return router;
}
