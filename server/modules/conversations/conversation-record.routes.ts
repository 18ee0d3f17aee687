import { createRoute, z } from '@hono/zod-openapi';
import { cookieAuth, jsonBody, jsonContent, signedInErrors } from '../../http/openapi.ts';
import {
  baseVersionOf,
  ifMatchHeaderSchema,
  preconditionResponses,
} from '../../http/preconditions.ts';
import { createRouter } from '../../http/router.ts';
import { ValidationError } from '../../errors.ts';
import { errorSchema, idParamSchema } from '../../../shared/schemas/common.ts';
import {
  conversationGuideSchema,
  managerPrepSchema,
  prepKeyParamSchema,
  prepSchema,
  privateNoteSchema,
  saveSummaryDraftSchema,
  savePrepAnswerSchema,
  sharedNotesSchema,
  sharePrepSchema,
  staleNotesSchema,
  summaryResponseInputSchema,
  summarySchema,
  updateManagerPrepSchema,
  updatePrivateNoteSchema,
  updateSharedNotesSchema,
} from '../../../shared/schemas/conversations.ts';
import type { ConversationNotesService } from './conversation-notes.service.ts';
import type { ConversationPrepService } from './conversation-prep.service.ts';
import type { ConversationSummaryService } from './conversation-summary.service.ts';

const tags = ['Conversation record'];
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: jsonContent(schema, description),
  ...signedInErrors,
});

/** `If-Match: "3"`, `W/"3"` or `3` → 3; absent → undefined; anything else is a 400. */
function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match?.[1])
    throw new ValidationError('If-Match must be a notes version such as "3"', 'If-Match');
  return Number(match[1]);
}

/** Prep, the manager's prep and context, the guide, notes and the summary of one conversation. */
export function conversationRecordRoutes(services: {
  prep: ConversationPrepService;
  notes: ConversationNotesService;
  summary: ConversationSummaryService;
}) {
  const { prep, notes, summary } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}/prep',
      tags,
      summary: 'Prep answers: all drafts for the engineer, shared answers for the manager',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok(prepSchema, 'The prep'),
    }),
    async (c) => c.json(await prep.getPrep(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/conversations/{id}/prep/answers/{key}',
      tags,
      summary: 'Save one prep answer as a private draft (the engineer)',
      security: cookieAuth,
      request: { params: prepKeyParamSchema, body: jsonBody(savePrepAnswerSchema) },
      responses: ok(prepSchema, 'The prep after saving'),
    }),
    async (c) => {
      const { id, key } = c.req.valid('param');
      return c.json(
        await prep.savePrepAnswer(c.var.actor, id, key, c.req.valid('json').answer),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{id}/prep/shares',
      tags,
      summary: 'Share prep answers with the manager: some (keys) or all',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(sharePrepSchema) },
      responses: ok(prepSchema, 'The prep after sharing'),
    }),
    async (c) =>
      c.json(await prep.sharePrep(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}/manager-prep',
      tags,
      summary: "The manager's checklist, talking points and context panel (the manager only)",
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok(managerPrepSchema, 'The manager prep'),
    }),
    async (c) => c.json(await prep.getManagerPrep(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/conversations/{id}/manager-prep',
      tags,
      summary: 'Tick checklist items or edit talking points (the manager only)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(updateManagerPrepSchema) },
      responses: ok(managerPrepSchema, 'The manager prep after the change'),
    }),
    async (c) =>
      c.json(
        await prep.updateManagerPrep(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}/guide',
      tags,
      summary: 'The guide for the conversation (its bank version) and the listening guide',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok(conversationGuideSchema, 'The guide'),
    }),
    async (c) => c.json(await prep.getGuide(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}/shared-notes',
      tags,
      summary: 'The shared notes with their version (use it as If-Match when saving)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok(sharedNotesSchema, 'The notes'),
    }),
    async (c) => {
      const result = await notes.getSharedNotes(c.var.actor, c.req.valid('param').id);
      c.header('ETag', `"${result.version}"`);
      return c.json(result, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/conversations/{id}/shared-notes',
      tags,
      summary: 'Save the shared notes if nobody saved since your version',
      description:
        'Send the version you started from as `If-Match: "<version>"` or as `version` in the body. A stale version answers 409 with the current text and version; none answers 428.',
      security: cookieAuth,
      request: {
        params: idParamSchema,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: jsonBody(updateSharedNotesSchema),
      },
      responses: {
        200: jsonContent(sharedNotesSchema, 'Saved'),
        ...signedInErrors,
        409: jsonContent(staleNotesSchema, 'Someone saved first: the current text and version'),
        428: jsonContent(errorSchema, 'No version was sent'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const version = versionFromIfMatch(c.req.header('if-match')) ?? body.version;
      const result = await notes.saveSharedNotes(
        c.var.actor,
        c.req.valid('param').id,
        body.text,
        version,
      );
      if (!result.isSaved) return c.json(result.stale, 409);
      c.header('ETag', `"${result.notes.version}"`);
      return c.json(result.notes, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}/private-note',
      tags,
      summary: 'Your own private note in this conversation (nobody else can read it)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok(privateNoteSchema, 'Your note'),
    }),
    async (c) => c.json(await notes.getConversationNote(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/conversations/{id}/private-note',
      tags,
      summary: 'Save your own private note in this conversation',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(updatePrivateNoteSchema) },
      responses: ok(privateNoteSchema, 'Your note'),
    }),
    async (c) =>
      c.json(
        await notes.saveConversationNote(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json').body,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/private-note',
      tags,
      summary: "Your private notes about a report (the manager's own; nobody else can read them)",
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok(privateNoteSchema, 'Your note'),
    }),
    async (c) => c.json(await notes.getPersonNote(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/people/{id}/private-note',
      tags,
      summary: 'Save your private notes about a report (while you manage them)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(updatePrivateNoteSchema) },
      responses: ok(privateNoteSchema, 'Your note'),
    }),
    async (c) =>
      c.json(
        await notes.savePersonNote(c.var.actor, c.req.valid('param').id, c.req.valid('json').body),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}/summary',
      tags,
      summary: 'The summary: status, sent versions, responses, and the draft for the manager',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: ok(summarySchema, 'The summary'),
    }),
    async (c) => c.json(await summary.getSummary(c.var.actor, c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/conversations/{id}/summary/draft',
      tags,
      summary: "Save the manager's draft",
      description:
        'Send the `draftVersion` you started from as `baseVersion` or `If-Match`; stale → 409 with the current summary, none → 428.',
      security: cookieAuth,
      request: {
        params: idParamSchema,
        headers: ifMatchHeaderSchema,
        body: jsonBody(saveSummaryDraftSchema),
      },
      responses: {
        ...ok(summarySchema, 'The summary with the saved draft'),
        ...preconditionResponses(summarySchema.extend({ version: z.number().int() })),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await summary.saveDraft(c.var.actor, c.req.valid('param').id, {
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
      path: '/conversations/{id}/summary/versions',
      tags,
      summary: 'Send the draft as the next version (the manager)',
      security: cookieAuth,
      request: { params: idParamSchema },
      responses: {
        201: jsonContent(summarySchema, 'The summary with the new version'),
        ...signedInErrors,
      },
    }),
    async (c) => c.json(await summary.sendSummary(c.var.actor, c.req.valid('param').id), 201),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{id}/summary/responses',
      tags,
      summary: 'Acknowledge the latest version or ask for an amendment (the engineer)',
      security: cookieAuth,
      request: { params: idParamSchema, body: jsonBody(summaryResponseInputSchema) },
      responses: {
        201: jsonContent(summarySchema, 'The summary with the response'),
        ...signedInErrors,
      },
    }),
    async (c) =>
      c.json(
        await summary.respondToSummary(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  return router;
}
