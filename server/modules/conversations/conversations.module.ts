import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { AppEnv } from '../../http/env.ts';
import { actionItemRoutes } from '../action-items/action-items.routes.ts';
import { createActionItemService } from '../action-items/action-items.service.ts';
import { timelineRoutes } from '../timeline/timeline.routes.ts';
import { createTimelineService } from '../timeline/timeline.service.ts';
import { whatMattersRoutes } from '../what-matters/what-matters.routes.ts';
import { createWhatMattersService } from '../what-matters/what-matters.service.ts';
import { createConversationNotesService } from './conversation-notes.service.ts';
import { createConversationPrepService } from './conversation-prep.service.ts';
import { conversationRecordRoutes } from './conversation-record.routes.ts';
import { createConversationSummaryService } from './conversation-summary.service.ts';
import { conversationRoutes } from './conversations.routes.ts';
import { createConversationService } from './conversations.service.ts';
import type { ConversationChangeHook } from './conversations.service.ts';
import { createQuestionBankService } from './question-banks.service.ts';

/**
 * Career conversations and the modules that hang off them (action items, What Matters, the
 * timeline): builds their services and mounts their routes, so app.ts wires them in one place.
 */
export function createConversationsModule(deps: {
  database: Database;
  clock: Clock;
  /** Invitations and reminders that follow a change (see ConversationChangeHook). */
  onConversationChanged?: ConversationChangeHook;
}) {
  const services = {
    conversations: createConversationService(deps),
    questionBanks: createQuestionBankService(deps),
    conversationPrep: createConversationPrepService(deps),
    conversationNotes: createConversationNotesService(deps),
    conversationSummary: createConversationSummaryService(deps),
    actionItems: createActionItemService(deps),
    whatMatters: createWhatMattersService(deps),
    timeline: createTimelineService(deps),
  };
  return {
    services,
    mount(app: OpenAPIHono<AppEnv>, prefix: string): void {
      app.route(prefix, conversationRoutes(services));
      app.route(
        prefix,
        conversationRecordRoutes({
          prep: services.conversationPrep,
          notes: services.conversationNotes,
          summary: services.conversationSummary,
        }),
      );
      app.route(prefix, actionItemRoutes(services));
      app.route(prefix, whatMattersRoutes(services));
      app.route(prefix, timelineRoutes(services));
    },
  };
}
