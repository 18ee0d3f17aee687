import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { AppEnv } from '../../http/env.ts';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { calendarRoutes } from '../calendar/calendar.routes.ts';
import { createCalendarFeedService } from '../calendar/calendar-feeds.service.ts';
import { createReminderSettingsService } from './reminder-settings.service.ts';
import { reminderRoutes } from './reminders.routes.ts';
import { createReminderScheduler } from './reminders.service.ts';

/**
 * Reminders, invitations and calendar feeds: the scheduler (ticked by main.ts, or by tests), each
 * person's choices and feed, and the admin's mail setting and outbox page.
 */
export function createRemindersModule(deps: {
  database: Database;
  clock: Clock;
  config: Config;
  logger: Logger;
  mailer: Mailer;
}) {
  const services = {
    reminders: createReminderScheduler(deps),
    reminderSettings: createReminderSettingsService(deps),
    calendarFeeds: createCalendarFeedService(deps),
  };
  return {
    services,
    mount(app: OpenAPIHono<AppEnv>, prefix: string): void {
      app.route(prefix, reminderRoutes(services));
      app.route(prefix, calendarRoutes(services));
    },
  };
}
