import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  cancelConversationSchema,
  conversationListQuerySchema,
  conversationListSchema,
  conversationSchema,
  createConversationSchema,
  kindInfoListSchema,
  kindParamSchema,
  listeningGuideSchema,
  questionBankContentSchema,
  questionBankQuerySchema,
  questionBankSchema,
  updateConversationSchema,
} from '../../../shared/schemas/conversations.ts';
import type { ConversationService } from './conversations.service.ts';
import type { QuestionBankService } from './question-banks.service.ts';

const tags = ['Conversations'];
const ok = (description: string) => ({
  200: jsonContent(conversationSchema, description),
  ...signedInErrors,
});

/** Kinds, question banks, the listening guide, and scheduling conversations. */
export function conversationRoutes(services: {
  conversations: ConversationService;
  questionBanks: QuestionBankService;
}) {
  const { conversations, questionBanks } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversation-kinds',
      tags,
      summary: 'The conversation kinds with purpose and default length',
      security: cookieAuth,
      responses: { 200: jsonContent(kindInfoListSchema, 'The kinds'), ...signedInErrors },
    }),
    (c) => c.json(questionBanks.listKinds(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/listening-guide',
      tags,
      summary: 'Signals worth exploring and questions that bring them out',
      security: cookieAuth,
      responses: { 200: jsonContent(listeningGuideSchema, 'The guide'), ...signedInErrors },
    }),
    (c) => c.json(questionBanks.getListeningGuide(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/question-banks/{kind}',
      tags,
      summary: 'The question bank of a kind (newest, or ?version=)',
      security: cookieAuth,
      request: { params: kindParamSchema, query: questionBankQuerySchema },
      responses: { 200: jsonContent(questionBankSchema, 'The bank'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await questionBanks.getBank(
          c.var.actor,
          c.req.valid('param').kind,
          c.req.valid('query').version,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/question-banks/{kind}/versions',
      tags,
      summary: 'Publish a new version of a question bank (admins)',
      security: cookieAuth,
      request: { params: kindParamSchema, body: jsonBody(questionBankContentSchema) },
      responses: { 201: jsonContent(questionBankSchema, 'The new version'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await questionBanks.publishBank(
          c.var.actor,
          c.req.valid('param').kind,
          c.req.valid('json'),
        ),
        201,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations',
      tags,
      summary: 'Conversations you may see (content for the pair, metadata for leaders and admins)',
      security: cookieAuth,
      request: { query: conversationListQuerySchema },
      responses: { 200: jsonContent(conversationListSchema, 'Newest first'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await conversations.listConversations(c.var.actor, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/conversations',
      tags,
      summary: 'Propose a conversation (the engineer or their manager)',
      security: cookieAuth,
      request: { body: jsonBody(createConversationSchema) },
      responses: {
        201: jsonContent(conversationSchema, 'The proposed conversation'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(await conversations.scheduleConversation(c.var.actor, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}',
      tags,
      summary: 'One conversation',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok('The conversation'),
    }),
    async (c) =>
      c.json(await conversations.getConversation(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/conversations/{id}',
      tags,
      summary: 'Reschedule (history kept) or edit the agenda',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(updateConversationSchema) },
      responses: ok('The conversation after the change'),
    }),
    async (c) =>
      c.json(
        await conversations.updateConversation(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{id}/confirmation',
      tags,
      summary: 'Accept the proposed time (the other participant)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok('The confirmed conversation'),
    }),
    async (c) =>
      c.json(await conversations.confirmConversation(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{id}/cancellation',
      tags,
      summary: 'Cancel (the conversation and its history are kept)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(cancelConversationSchema) },
      responses: ok('The cancelled conversation'),
    }),
    async (c) =>
      c.json(
        await conversations.cancelConversation(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{id}/completion',
      tags,
      summary:
        'Mark the conversation as held; the summary is due within the summary window of the cadence policy',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok('The held conversation'),
    }),
    async (c) =>
      c.json(await conversations.completeConversation(c.var.actor, c.req.valid('param').id), 200),
  );

  return router;
}
