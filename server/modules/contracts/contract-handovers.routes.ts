import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  commitmentListQuerySchema,
  commitmentListSchema,
  commitmentSchema,
  handoverListSchema,
  handoverSchema,
  takeOverCommitmentSchema,
  writeHandoverSchema,
} from '../../../shared/schemas/contracts.ts';
import type { ContractCommitmentService } from './contract-commitments.service.ts';
import type { ContractHandoverService } from './contract-handovers.service.ts';

const tags = ['Development contracts'];

/** Commitment lists across contracts, take-overs and handover notes on a manager change. */
export function contractHandoverRoutes(services: {
  contractCommitments: ContractCommitmentService;
  contractHandovers: ContractHandoverService;
}) {
  const { contractCommitments, contractHandovers } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/commitments',
      tags,
      summary: 'Your open commitments: "I owe" (view=owed) or "promised to me" (view=promised)',
      security: cookieAuth,
      request: { query: commitmentListQuerySchema },
      responses: { 200: jsonContent(commitmentListSchema, 'Overdue first'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await contractCommitments.listCommitments(c.var.actor, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/commitments/{id}/takeover',
      tags,
      summary:
        "Take over a previous manager's open commitment, as it is or renegotiated (the new manager)",
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(takeOverCommitmentSchema) },
      responses: { 200: jsonContent(commitmentSchema, 'Now yours'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await contractCommitments.takeOverCommitment(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/contract-handovers',
      tags,
      summary:
        'Handover notes you write as outgoing manager, notes about you, and released notes for your reports',
      security: cookieAuth,
      responses: { 200: jsonContent(handoverListSchema, 'Newest change first'), ...signedInErrors },
    }),
    async (c) => c.json(await contractHandovers.listHandovers(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/contract-handovers/{id}',
      tags,
      summary: 'One handover note',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(handoverSchema, 'The note'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await contractHandovers.getHandover(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/contract-handovers/{id}',
      tags,
      summary: 'Write or rewrite your handover note (the outgoing manager, before it is released)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(writeHandoverSchema) },
      responses: { 200: jsonContent(handoverSchema, 'The note'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await contractHandovers.writeHandover(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json').note,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/contract-handovers/{id}/release',
      tags,
      summary: 'Share the note with your new manager now (the engineer)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(handoverSchema, 'The note, released'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await contractHandovers.releaseHandover(c.var.actor, c.req.valid('param').id), 200),
  );

  return router;
}
