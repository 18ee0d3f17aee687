import { createRoute, z } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
  setVersionTag,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema, idSchema } from '../../../shared/schemas/common.ts';
import {
  agreeContractSchema,
  contractMetaListSchema,
  contractOutcomeSchema,
  contractSchema,
  createCheckInSchema,
  createCommitmentSchema,
  createContractSchema,
  exportQuerySchema,
  saveContractSchema,
} from '../../../shared/schemas/contracts.ts';
import type { ContractCommitmentService } from './contract-commitments.service.ts';
import type { ContractExportService } from './contract-export.service.ts';
import type { ContractProgressService } from './contract-progress.service.ts';
import type { ContractService } from './contracts.service.ts';

const tags = ['Development contracts'];
const file = z.string().openapi({ format: 'binary' });
const contractOk = (description: string) => jsonContent(contractSchema, description);

export function contractRoutes(services: {
  contracts: ContractService;
  contractProgress: ContractProgressService;
  contractCommitments: ContractCommitmentService;
  contractExport: ContractExportService;
}) {
  const { contracts, contractProgress, contractCommitments, contractExport } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/contracts',
      tags,
      summary:
        "An engineer's contracts as metadata: status and review dates (the pair, leaders above, people team)",
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(contractMetaListSchema, 'Newest first'), ...signedInErrors },
    }),
    async (c) => c.json(await contracts.listContracts(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/contracts',
      tags,
      summary: 'Start a draft contract (the engineer or their current manager)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(createContractSchema) },
      responses: { 201: contractOk('The new draft, version 1'), ...signedInErrors },
    }),
    async (c) => {
      const created = await contracts.createContract(
        c.var.actor,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      setVersionTag(c, created.version);
      return c.json(created, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/contracts/{id}',
      tags,
      summary: 'The whole contract with every version (the engineer and their current manager)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: contractOk('The contract'), ...signedInErrors },
    }),
    async (c) => {
      const contract = await contracts.getContract(c.var.actor, c.req.valid('param').id);
      setVersionTag(c, contract.version);
      return c.json(contract, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/contracts/{id}',
      tags,
      summary: 'Save a new version (both sides must then agree again)',
      description:
        'Send the version you started from as `If-Match: "<version>"` or `baseVersion` (ADR 080). A stale version answers 409 with the contract as it is now; none answers 428.',
      security: cookieAuth,
      request: {
        params: idParamSchema,
        headers: ifMatchHeaderSchema,
        body: jsonBody(saveContractSchema),
      },
      responses: {
        200: contractOk('The contract with its new version'),
        ...signedInErrors,
        ...preconditionResponses(contractSchema),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const saved = await contracts.saveContract(c.var.actor, c.req.valid('param').id, {
        ...body,
        baseVersion: baseVersionOf(c, body),
      });
      setVersionTag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/contracts/{id}/agreements',
      tags,
      summary: 'Agree to the current version, as the engineer or as their manager',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(agreeContractSchema) },
      responses: {
        200: contractOk('The contract with the agreement recorded'),
        ...signedInErrors,
        409: preconditionResponses(contractSchema)[409],
      },
    }),
    async (c) =>
      c.json(
        await contracts.agreeContract(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json').version,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/contracts/{id}/check-ins',
      tags,
      summary: 'Record a monthly check-in: on track, at risk or off track, with a note',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(createCheckInSchema) },
      responses: { 201: contractOk('The contract with the check-in'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await contractProgress.addCheckIn(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/contracts/{id}/outcomes',
      tags,
      summary: 'Complete, pause or supersede the contract with a note, or resume a paused one',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(contractOutcomeSchema) },
      responses: { 200: contractOk('The contract after the change'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await contractProgress.setOutcome(
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
      path: '/contracts/{id}/commitments',
      tags,
      summary: "Add a tracked commitment (the manager's or the engineer's) with a due date",
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(createCommitmentSchema) },
      responses: { 201: contractOk('The contract with the new commitment'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await contractCommitments.createCommitment(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/contracts/{id}/conversations',
      tags,
      summary: 'Link a conversation of the pair that reviewed the contract',
      security: cookieAuth,
      request: {
        params: idParamSchema,
        body: jsonBody(z.object({ conversationId: idSchema }).strict()),
      },
      responses: { 200: contractOk('The contract with the link'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await contractProgress.linkConversation(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json').conversationId,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/contracts/{id}/export',
      tags,
      summary: 'Download the contract with all versions as Markdown or PDF (the engineer only)',
      security: cookieAuth,
      request: { params: idParamSchema, query: exportQuerySchema },
      responses: {
        200: {
          description: 'The contract, as an attachment',
          content: { 'text/markdown': { schema: file }, 'application/pdf': { schema: file } },
        },
        ...signedInErrors,
      },
    }),
    async (c) => {
      const exported = await contractExport.exportContract(
        c.var.actor,
        c.req.valid('param').id,
        c.req.valid('query').format,
      );
      return c.body(exported.body as never, 200, {
        'content-type': exported.contentType,
        'content-disposition': `attachment; filename="${exported.filename}"`,
      });
    },
  );

  return router;
}
