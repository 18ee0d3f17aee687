import { createRoute, z } from '@hono/zod-openapi';
import { cookieAuth, jsonContent, noAuth, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { errorSchema } from '../../../shared/schemas/common.ts';
import { calendarFeedSchema, feedTokenParamSchema } from '../../../shared/schemas/cadence.ts';
import type { CalendarFeedService } from './calendar-feeds.service.ts';

const tags = ['Calendar'];

/** Each person's secret calendar feed: managing the address, and the feed itself. */
export function calendarRoutes({ calendarFeeds }: { calendarFeeds: CalendarFeedService }) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/calendar-feed',
      tags,
      summary: 'Your calendar feed address, if you have one',
      security: cookieAuth,
      responses: { 200: jsonContent(calendarFeedSchema, 'Your feed'), ...signedInErrors },
    }),
    async (c) => c.json(await calendarFeeds.getOwnFeed(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/calendar-feed',
      tags,
      summary: 'Create a new feed address (the old one stops working)',
      security: cookieAuth,
      responses: { 201: jsonContent(calendarFeedSchema, 'Your new feed'), ...signedInErrors },
    }),
    async (c) => c.json(await calendarFeeds.createOwnFeed(c.var.actor), 201),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/calendar-feed',
      tags,
      summary: 'Turn your feed off (the address stops working)',
      security: cookieAuth,
      responses: { 204: { description: 'Revoked' }, ...signedInErrors },
    }),
    async (c) => {
      await calendarFeeds.revokeOwnFeed(c.var.actor);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/calendar-feeds/{token}',
      tags,
      summary:
        'A person’s conversations and due dates as iCalendar (the secret address is the key)',
      security: noAuth,
      request: { params: feedTokenParamSchema },
      responses: {
        200: { content: { 'text/calendar': { schema: z.string() } }, description: 'The feed' },
        400: jsonContent(errorSchema, 'Not a feed address.'),
        404: jsonContent(errorSchema, 'No such feed, or it was revoked.'),
      },
    }),
    async (c) =>
      c.body(await calendarFeeds.getFeedContent(c.req.valid('param').token), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="trajectory.ics"',
      }),
  );

  return router;
}
