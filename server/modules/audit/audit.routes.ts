import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  accessLogQuerySchema,
  auditEventPageSchema,
  auditTrailQuerySchema,
  auditVerificationSchema,
} from '../../../shared/schemas/audit.ts';
import type { AccessLogService } from './access-log.service.ts';

const tags = ['Audit'];

export function auditRoutes(services: { accessLog: AccessLogService }) {
  const { accessLog } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/access-log',
      tags,
      summary: "Who has accessed a person's record (the person and admins)",
      security: cookieAuth,
      request: { params: idParamSchema, query: accessLogQuerySchema },
      responses: {
        200: jsonContent(auditEventPageSchema, 'Newest first; never any content'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await accessLog.getAccessLog(c.var.actor, c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/audit-events',
      tags,
      summary: "The organisation's audit trail (admins)",
      security: cookieAuth,
      request: { query: auditTrailQuerySchema },
      responses: {
        200: jsonContent(auditEventPageSchema, 'Newest first; never any content'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await accessLog.listAuditTrail(c.var.actor, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/audit-events/verification',
      tags,
      summary: 'Check the hash chain of the audit trail (admins)',
      security: cookieAuth,
      responses: {
        200: jsonContent(auditVerificationSchema, 'Whether every event is intact'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await accessLog.verifyTrail(c.var.actor), 200),
  );

  return router;
}
