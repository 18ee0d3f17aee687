import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  createWhatMattersSchema,
  whatMattersListSchema,
  whatMattersSchema,
} from '../../../shared/schemas/what-matters.ts';
import type { WhatMattersService } from './what-matters.service.ts';

const tags = ['What Matters'];

export function whatMattersRoutes(services: { whatMatters: WhatMattersService }) {
  const { whatMatters } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/what-matters',
      tags,
      summary:
        "An engineer's exercises and chart data (all for them; shared ones for their manager)",
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(whatMattersListSchema, 'Newest first'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await whatMatters.listWhatMatters(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/what-matters',
      tags,
      summary: 'Record a new exercise for yourself (private until shared)',
      security: cookieAuth,
      request: { body: jsonBody(createWhatMattersSchema) },
      responses: { 201: jsonContent(whatMattersSchema, 'The exercise'), ...signedInErrors },
    }),
    async (c) => c.json(await whatMatters.createWhatMatters(c.var.actor, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/what-matters/{id}',
      tags,
      summary: 'One exercise',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(whatMattersSchema, 'The exercise'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await whatMatters.getWhatMatters(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/what-matters/{id}/share',
      tags,
      summary: 'Share this exercise with your current manager',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(whatMattersSchema, 'The exercise'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await whatMatters.shareWhatMatters(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/what-matters/{id}/share',
      tags,
      summary: 'Withdraw the share',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(whatMattersSchema, 'The exercise'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await whatMatters.withdrawWhatMatters(c.var.actor, c.req.valid('param').id), 200),
  );

  return router;
}
