import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import {
  mailSettingsSchema,
  outboxListSchema,
  outboxQuerySchema,
  reminderPreferencesSchema,
  updateMailSettingsSchema,
  updateReminderPreferencesSchema,
} from '../../../shared/schemas/cadence.ts';
import type { ReminderSettingsService } from './reminder-settings.service.ts';

const tags = ['Reminders'];

/** Reminder choices, the link-only mail setting and the admin outbox page. */
export function reminderRoutes({
  reminderSettings,
}: {
  reminderSettings: ReminderSettingsService;
}) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reminder-preferences',
      tags,
      summary: 'Which reminders you get',
      security: cookieAuth,
      responses: {
        200: jsonContent(reminderPreferencesSchema, 'Your choices'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await reminderSettings.getReminderPreferences(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/reminder-preferences',
      tags,
      summary: 'Turn reminders on or off, kind by kind',
      security: cookieAuth,
      request: { body: jsonBody(updateReminderPreferencesSchema) },
      responses: {
        200: jsonContent(reminderPreferencesSchema, 'Your choices after the change'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await reminderSettings.updateReminderPreferences(c.var.actor, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/mail-settings',
      tags,
      summary: 'Whether all mail is link-only, and whether SMTP is set up (admins)',
      security: cookieAuth,
      responses: { 200: jsonContent(mailSettingsSchema, 'The setting'), ...signedInErrors },
    }),
    async (c) => c.json(await reminderSettings.getMailSettings(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/mail-settings',
      tags,
      summary: 'Make all mail link-only, or not (admins)',
      description:
        'Send the version you started from as `baseVersion` or `If-Match` (0 before the first save); stale → 409 with the current setting, none → 428.',
      security: cookieAuth,
      request: { headers: ifMatchHeaderSchema, body: jsonBody(updateMailSettingsSchema) },
      responses: {
        200: jsonContent(mailSettingsSchema, 'The setting'),
        ...signedInErrors,
        ...preconditionResponses(mailSettingsSchema),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await reminderSettings.updateMailSettings(c.var.actor, {
          isLinkOnly: body.isLinkOnly,
          baseVersion: baseVersionOf(c, body),
        }),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/outbox-messages',
      tags,
      summary: 'Queued and sent mail, newest first (admins; private bodies withheld)',
      security: cookieAuth,
      request: { query: outboxQuerySchema },
      responses: { 200: jsonContent(outboxListSchema, 'The outbox'), ...signedInErrors },
    }),
    async (c) => c.json(await reminderSettings.listOutbox(c.var.actor, c.req.valid('query')), 200),
  );

  return router;
}
