import { createRoute, z } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import {
  assessmentDetailSchema,
  assessmentListSchema,
  competencySchema,
  criterionSchema,
  createAssessmentSchema,
  createPlacementSchema,
  exportQuerySchema,
  frameworkExportSchema,
  frameworkImportRequestSchema,
  frameworkListSchema,
  frameworkVersionDetailSchema,
  gapAnalysisQuerySchema,
  gapAnalysisSchema,
  importPreviewSchema,
  levelSchema,
  placementListSchema,
  saveRatingsSchema,
  updateCompetencySchema,
  updateCriterionSchema,
  updateLevelSchema,
} from '../../../shared/schemas/frameworks.ts';
import type { AssessmentsService } from './assessments.service.ts';
import type { FrameworksService } from './frameworks.service.ts';
import type { PlacementsService } from './placements.service.ts';

const frameworkTags = ['Frameworks'];
const careerTags = ['Career'];
const emptyBody = jsonBody(z.object({}).strict());

export function frameworksRoutes(services: {
  frameworks: FrameworksService;
  placements: PlacementsService;
  assessments: AssessmentsService;
}) {
  const { frameworks, placements, assessments } = services;
  const router = createRouter();
  const version = (summary: string, method: 'patch' | 'post', path: string, body: z.ZodType) =>
    createRoute({
      method,
      path,
      tags: frameworkTags,
      summary,
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(body) },
      responses: {
        200: jsonContent(frameworkVersionDetailSchema, 'The version after the change'),
        ...signedInErrors,
      },
    });

  router.openapi(
    createRoute({
      method: 'get',
      path: '/frameworks',
      tags: frameworkTags,
      summary: 'Frameworks with their versions and the active version',
      security: cookieAuth,
      responses: { 200: jsonContent(frameworkListSchema, 'Every framework'), ...signedInErrors },
    }),
    async (c) => c.json(await frameworks.listFrameworks(c.var.actor), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/framework-versions/{id}',
      tags: frameworkTags,
      summary: "A version's tracks, levels, competencies and criteria",
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: {
        200: jsonContent(frameworkVersionDetailSchema, 'The matrix'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await frameworks.getVersion(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/framework-versions/{id}/export',
      tags: frameworkTags,
      summary: 'A version in the native format (YAML or JSON)',
      security: cookieAuth,
      request: { params: idParamSchema, query: exportQuerySchema },
      responses: {
        200: jsonContent(frameworkExportSchema, 'The file to download'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await frameworks.exportVersion(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('query').format,
        ),
        200,
      ),
  );

  router.openapi(
    version(
      'Make a version the active framework (admins)',
      'post',
      '/framework-versions/{id}/activations',
      z.object({}).strict(),
    ),
    async (c) =>
      c.json(await frameworks.activateVersion(c.var.actor, c.req.valid('param').id), 200),
  );

  /** The three wording edits: compare-and-set on `baseVersion` or If-Match (ADR 080). */
  const wording = <T extends z.ZodType>(summary: string, path: string, body: T, item: z.ZodType) =>
    createRoute({
      method: 'patch',
      path,
      tags: frameworkTags,
      summary,
      description:
        'Send the item’s `version` as `baseVersion` or `If-Match`; stale → 409 with the item as it is now, none → 428.',
      security: cookieAuth,
      request: { params: idParamSchema, headers: ifMatchHeaderSchema, body: jsonBody(body) },
      responses: {
        200: jsonContent(frameworkVersionDetailSchema, 'The version after the change'),
        ...signedInErrors,
        ...preconditionResponses(item),
      },
    });

  router.openapi(
    wording(
      'Edit a criterion (admins)',
      '/framework-criteria/{id}',
      updateCriterionSchema,
      criterionSchema,
    ),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await frameworks.updateCriterion(c.var.actor, c.req.valid('param').id, {
          ...body,
          baseVersion: baseVersionOf(c, body),
        }),
        200,
      );
    },
  );

  router.openapi(
    wording(
      'Edit a competency (admins)',
      '/framework-competencies/{id}',
      updateCompetencySchema,
      competencySchema,
    ),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await frameworks.updateCompetency(c.var.actor, c.req.valid('param').id, {
          ...body,
          baseVersion: baseVersionOf(c, body),
        }),
        200,
      );
    },
  );

  router.openapi(
    wording('Edit a level (admins)', '/framework-levels/{id}', updateLevelSchema, levelSchema),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await frameworks.updateLevel(c.var.actor, c.req.valid('param').id, {
          ...body,
          baseVersion: baseVersionOf(c, body),
        }),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/framework-imports',
      tags: frameworkTags,
      summary: 'Preview or apply an import of framework files (admins)',
      security: cookieAuth,
      request: { body: jsonBody(frameworkImportRequestSchema) },
      responses: {
        200: jsonContent(importPreviewSchema, 'What the files contain (or what was created)'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await frameworks.importFramework(c.var.actor, c.req.valid('json')), 200),
  );

  const personParams = z.object({ id: idParamSchema.shape.id });

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/placements',
      tags: careerTags,
      summary: "A person's current track and level, with history",
      security: cookieAuth,
      request: { params: personParams },
      responses: { 200: jsonContent(placementListSchema, 'Placements'), ...signedInErrors },
    }),
    async (c) => c.json(await placements.listPlacements(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/placements',
      tags: careerTags,
      summary: 'Place a person on a level from a date (admins and the current manager)',
      security: cookieAuth,
      request: { params: personParams, body: jsonBody(createPlacementSchema) },
      responses: {
        201: jsonContent(placementListSchema, 'Placements after the change'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await placements.placePerson(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/gap-analysis',
      tags: careerTags,
      summary: 'What separates a person from a level (the person and their manager)',
      security: cookieAuth,
      request: { params: personParams, query: gapAnalysisQuerySchema },
      responses: { 200: jsonContent(gapAnalysisSchema, 'Gap analysis'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await placements.getGapAnalysis(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('query').targetLevelId,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/assessments',
      tags: careerTags,
      summary: "A person's ladder assessments (dates and status only)",
      security: cookieAuth,
      request: { params: personParams },
      responses: { 200: jsonContent(assessmentListSchema, 'Assessments'), ...signedInErrors },
    }),
    async (c) =>
      c.json(await assessments.listAssessments(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/assessments',
      tags: careerTags,
      summary: 'Start a ladder assessment (the engineer or their manager)',
      security: cookieAuth,
      request: { params: personParams, body: jsonBody(createAssessmentSchema) },
      responses: {
        201: jsonContent(assessmentDetailSchema, 'The new assessment'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await assessments.startAssessment(
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
      path: '/assessments/{id}',
      tags: careerTags,
      summary: 'An assessment: your side, and both sides once both are submitted',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(assessmentDetailSchema, 'The assessment'), ...signedInErrors },
    }),
    async (c) => c.json(await assessments.getAssessment(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/assessments/{id}/ratings',
      tags: careerTags,
      summary: 'Save ratings on your side (a draft until submitted)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(saveRatingsSchema) },
      responses: { 200: jsonContent(assessmentDetailSchema, 'The assessment'), ...signedInErrors },
    }),
    async (c) =>
      c.json(
        await assessments.saveRatings(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/assessments/{id}/submissions',
      tags: careerTags,
      summary: 'Submit your side; reveals both once both are in',
      security: cookieAuth,
      request: { params: idParamSchema, body: emptyBody },
      responses: { 200: jsonContent(assessmentDetailSchema, 'The assessment'), ...signedInErrors },
    }),
    async (c) => c.json(await assessments.submitSide(c.var.actor, c.req.valid('param').id), 200),
  );

  return router;
}
