import { createRoute } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  peopleImportRequestSchema,
  peopleImportResultSchema,
} from '../../../shared/schemas/people-imports.ts';
import {
  createPersonSchema,
  createReportingLineSchema,
  personDetailSchema,
  personListQuerySchema,
  personListSchema,
  updatePersonSchema,
} from '../../../shared/schemas/people.ts';
import type { PeopleImportService } from './people-import.service.ts';
import type { PeopleService } from './people.service.ts';

const tags = ['People'];

export function peopleRoutes(services: {
  people: PeopleService;
  peopleImport: PeopleImportService;
}) {
  const { people, peopleImport } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags,
      summary: 'The directory, by name',
      security: cookieAuth,
      request: { query: personListQuerySchema },
      responses: { 200: jsonContent(personListSchema, 'A page of people'), ...signedInErrors },
    }),
    async (c) => c.json(await people.listPeople(c.var.actor, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people',
      tags,
      summary: 'Add a person (admins)',
      security: cookieAuth,
      request: { body: jsonBody(createPersonSchema) },
      responses: { 201: jsonContent(personDetailSchema, 'The new person'), ...signedInErrors },
    }),
    async (c) => c.json(await people.createPerson(c.var.actor, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}',
      tags,
      summary: 'One person with manager, reports and reporting history',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(personDetailSchema, 'The person'), ...signedInErrors },
    }),
    async (c) => c.json(await people.getPerson(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/people/{id}',
      tags,
      summary: 'Edit, deactivate or reactivate a person (admins)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(updatePersonSchema) },
      responses: {
        200: jsonContent(personDetailSchema, 'The person after the change'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await people.updatePerson(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/reporting-lines',
      tags,
      summary: 'Set who a person reports to from a date (admins)',
      security: cookieAuth,
      request: { body: jsonBody(createReportingLineSchema) },
      responses: {
        201: jsonContent(personDetailSchema, 'The report after the change'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await people.setReportingLine(c.var.actor, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people-imports',
      tags,
      summary: 'Preview or apply a people CSV (admins)',
      security: cookieAuth,
      request: { body: jsonBody(peopleImportRequestSchema) },
      responses: {
        200: jsonContent(peopleImportResultSchema, 'What the file does (or did)'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await peopleImport.importPeople(c.var.actor, c.req.valid('json')), 200),
  );

  return router;
}
