import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import { timelineQuerySchema, timelineSchema } from '../../../shared/schemas/conversations.ts';
import type { TimelineService } from './timeline.service.ts';

export function timelineRoutes(services: { timeline: TimelineService }) {
  const { timeline } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/timeline',
      tags: ['Timeline'],
      summary: "An engineer's career timeline (the engineer and their current manager)",
      security: cookieAuth,
      request: { params: idParamSchema, query: timelineQuerySchema },
      responses: { 200: jsonContent(timelineSchema, 'Newest first'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await timeline.getTimeline(c.var.actor, c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  );

  return router;
}
