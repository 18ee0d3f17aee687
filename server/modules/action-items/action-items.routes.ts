import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  actionItemListQuerySchema,
  actionItemListSchema,
  actionItemSchema,
  createActionItemSchema,
  updateActionItemSchema,
} from '../../../shared/schemas/conversations.ts';
import type { ActionItemService } from './action-items.service.ts';

const tags = ['Action items'];

export function actionItemRoutes(services: { actionItems: ActionItemService }) {
  const { actionItems } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/action-items',
      tags,
      summary: 'Your action items (as engineer or as manager), open first',
      security: cookieAuth,
      request: { query: actionItemListQuerySchema },
      responses: { 200: jsonContent(actionItemListSchema, 'The items'), ...signedInErrors },
    }),
    async (c) => c.json(await actionItems.listActionItems(c.var.actor, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{id}/action-items',
      tags,
      summary: 'Capture an action item during a conversation (the pair)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(createActionItemSchema) },
      responses: { 201: jsonContent(actionItemSchema, 'The new item'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await actionItems.createActionItem(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/action-items/{id}',
      tags,
      summary: 'One action item',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(actionItemSchema, 'The item'), ...signedInErrors },
    }),
    async (c) => c.json(await actionItems.getActionItem(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/action-items/{id}',
      tags,
      summary: 'Edit or tick off an action item',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(updateActionItemSchema) },
      responses: {
        200: jsonContent(actionItemSchema, 'The item after the change'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await actionItems.updateActionItem(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

  return router;
}
