import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { mountApiDocs } from './http/api-docs.ts';
import type { AppEnv } from './http/env.ts';
import { createErrorHandler } from './http/errors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { sessionMiddleware } from './http/session.ts';
import { signInGate } from './http/sign-in-gate.ts';
import { storableTextGuard } from './http/text-guard.ts';
import { mountWebApp } from './http/static.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail/mailer.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { organizationRoutes } from './modules/organization/organization.routes.ts';
import { createOrganizationService } from './modules/organization/organization.service.ts';
import { createPeopleImportService } from './modules/people/people-import.service.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { createConversationsModule } from './modules/conversations/conversations.module.ts';
import { createCadenceModule } from './modules/cadence/cadence.module.ts';
import { createRemindersModule } from './modules/reminders/reminders.module.ts';
import { createContractsModule } from './modules/contracts/contracts.module.ts';
import { createAssessmentsService } from './modules/frameworks/assessments.service.ts';
import { frameworksRoutes } from './modules/frameworks/frameworks.routes.ts';
import { createFrameworksService } from './modules/frameworks/frameworks.service.ts';
import { createPlacementsService } from './modules/frameworks/placements.service.ts';
import { createPeopleService } from './modules/people/people.service.ts';
import { scimTokenRoutes } from './modules/scim/scim-tokens.routes.ts';
import { scimRoutes } from './modules/scim/scim.routes.ts';
import { createScimService } from './modules/scim/scim.service.ts';
import { ssoRoutes } from './modules/sso/sso.routes.ts';
import { createSsoService } from './modules/sso/sso.service.ts';
import { decisionsInScope, runWithDecisionScope } from './policies/decisions.ts';
import { anonymousActor } from './policies/actor.ts';
import { auditDenials } from './modules/audit/audit-denials.ts';
import { clientIpOf } from './http/client-ip.ts';
import { createAccessLogService } from './modules/audit/access-log.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { personalExportRoutes } from './modules/export/personal-export.routes.ts';
import { createPersonalExportService } from './modules/export/personal-export.service.ts';
import { retentionRoutes } from './modules/retention/retention.routes.ts';
import { createRetentionService } from './modules/retention/retention.service.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  /** Folder of the built web app; null serves the API only. */
  webRoot: string | null;
  /** Tests: fail any successful API response for which no authorization decision was made. */
  isDecisionRequired?: boolean;
}

const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Builds the HTTP application without listening, so tests and main.ts share it. */
export function createApp(deps: AppDeps) {
  const { config, database, clock, logger, mailer } = deps;
  const organization = createOrganizationService({ database, clock });
  const auth = createAuthService({ database, clock, config, mailer, logger });
  const people = createPeopleService({ database, clock });
  const peopleImport = createPeopleImportService({ database, clock });
  const sso = createSsoService({ database, clock, config, logger, auth });
  const scim = createScimService({ database, clock, config, logger });
  const frameworks = createFrameworksService({ database, clock });
  const placements = createPlacementsService({ database, clock, frameworks });
  const assessments = createAssessmentsService({ database, clock, frameworks });
  const remindersModule = createRemindersModule({ database, clock, config, logger, mailer });
  const conversationsModule = createConversationsModule({
    database,
    clock,
    onConversationChanged: (id) => remindersModule.services.reminders.syncConversation(id),
  });
  const cadenceModule = createCadenceModule({ database, clock });
  const contractsModule = createContractsModule({ database, clock });
  const accessLog = createAccessLogService({ database, clock });
  const personalExport = createPersonalExportService({ database, clock });
  const retention = createRetentionService({ database, clock });
  const services = {
    ...conversationsModule.services,
    ...cadenceModule.services,
    ...remindersModule.services,
    ...contractsModule.services,
    auth,
    organization,
    people,
    peopleImport,
    sso,
    scim,
    frameworks,
    placements,
    assessments,
    accessLog,
    personalExport,
    retention,
  };

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestId());
  app.use('*', ...securityHeaders(config.baseUrl.startsWith('https://')));
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.var.requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use('/api/*', (c, next) =>
    runWithDecisionScope(
      async () => {
        await next();
        await auditDenials(
          { database, clock },
          {
            actor: c.var.actor ?? anonymousActor,
            status: c.res.status,
            decisions: decisionsInScope(),
            targetId: c.req.param('id') ?? null,
          },
        );
        if (
          deps.isDecisionRequired &&
          c.res.status < 300 &&
          decisionsInScope().length === 0 &&
          !c.req.path.startsWith('/api/docs') &&
          c.req.path !== '/api/openapi.json'
        ) {
          throw new Error(
            `no authorization decision was made for ${c.req.method} ${c.req.routePath}`,
          );
        }
      },
      { ip: clientIpOf(c, config.trustProxy), requestId: c.var.requestId },
    ),
  );
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json(
        {
          error: 'too_large',
          message: `The request body must be at most ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
        },
        413,
      ),
  });
  // A GET or HEAD body is never read; asking for it would build a full fetch Request per read.
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  app.use('/api/*', sessionMiddleware(config, auth));
  app.use('/api/*', signInGate(app));
  app.use('/api/*', storableTextGuard());

  app.route('/api', healthRoutes({ ping: database.ping }));
  app.route('/api', authRoutes({ auth, organization, config }));
  app.route('/api', organizationRoutes({ organization }));
  app.route('/api', peopleRoutes({ people, peopleImport }));
  conversationsModule.mount(app, '/api');
  cadenceModule.mount(app, '/api');
  remindersModule.mount(app, '/api');
  contractsModule.mount(app, '/api');
  app.route('/api', frameworksRoutes({ frameworks, placements, assessments }));
  app.route('/api', ssoRoutes({ sso, config }));
  app.route('/api', scimTokenRoutes({ scim }));
  app.route('/api', auditRoutes({ accessLog }));
  app.route('/api', personalExportRoutes({ personalExport }));
  app.route('/api', retentionRoutes({ retention }));
  // SCIM sits outside /api: bearer tokens only, no cookies, its own error format.
  app.route('/scim/v2', scimRoutes({ scim, baseUrl: config.baseUrl, logger }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'trajectory_session',
    description:
      'Session cookie from POST /api/sessions. State-changing requests also send X-CSRF-Token.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Trajectory API',
      version: '0.1.0',
      description: 'Career conversations as infrastructure.',
    },
    servers: [{ url: config.baseUrl }],
  });
  mountApiDocs(app);
  app.all('/api/*', (c) =>
    c.json(
      { error: 'not_found', message: `There is no API route ${c.req.method} ${c.req.path}.` },
      404,
    ),
  );
  if (deps.webRoot) mountWebApp(app, deps.webRoot);

  app.onError(createErrorHandler(logger));
  return { app, services };
}

export type App = ReturnType<typeof createApp>['app'];
