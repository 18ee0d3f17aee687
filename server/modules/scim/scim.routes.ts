import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from '../../logger.ts';
import { runWithDecisionScope } from '../../policies/decisions.ts';
import {
  ENTERPRISE_SCHEMA,
  LIST_SCHEMA,
  ScimError,
  USER_SCHEMA,
  scimErrorBody,
} from './scim.resource.ts';
import type { ScimClient, ScimService } from './scim.service.ts';
import { resourceTypes, schemas, serviceProviderConfig } from './scim.discovery.ts';

interface ScimEnv {
  Variables: { scimClient: ScimClient; requestId: string };
}

const CONTENT_TYPE = 'application/scim+json; charset=utf-8';
const MAX_BODY_BYTES = 1024 * 1024;

function scimJson(c: Context, body: unknown, status: 200 | 201 = 200) {
  return c.body(JSON.stringify(body), status, { 'content-type': CONTENT_TYPE });
}

function scimError(c: Context, error: ScimError) {
  return c.body(JSON.stringify(scimErrorBody(error)), error.status, {
    'content-type': CONTENT_TYPE,
    ...(error.status === 401 && { 'www-authenticate': 'Bearer realm="scim"' }),
  });
}

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax');
  }
}

/**
 * SCIM 2.0 service provider at /scim/v2 (RFC 7644). Authenticated by SCIM bearer tokens only:
 * session cookies mean nothing here, and SCIM tokens mean nothing under /api.
 */
export function scimRoutes({
  scim,
  baseUrl,
  logger,
}: {
  scim: ScimService;
  baseUrl: string;
  logger: Logger;
}) {
  const app = new Hono<ScimEnv>();
  const scimBase = `${baseUrl}/scim/v2`;

  app.use('*', (c, next) => runWithDecisionScope(next));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => scimError(c, new ScimError(413, 'The request body is too large.')),
    }),
  );
  app.use('*', async (c, next) => {
    c.set('scimClient', await scim.authenticate(c.req.header('authorization')));
    await next();
  });

  app.get('/ServiceProviderConfig', (c) => scimJson(c, serviceProviderConfig(scimBase)));
  app.get('/ResourceTypes', (c) =>
    scimJson(c, {
      schemas: [LIST_SCHEMA],
      totalResults: 1,
      itemsPerPage: 1,
      startIndex: 1,
      Resources: resourceTypes(scimBase),
    }),
  );
  app.get('/ResourceTypes/User', (c) => scimJson(c, resourceTypes(scimBase)[0]));
  app.get('/Schemas', (c) => {
    const all = schemas(scimBase);
    return scimJson(c, {
      schemas: [LIST_SCHEMA],
      totalResults: all.length,
      itemsPerPage: all.length,
      startIndex: 1,
      Resources: all,
    });
  });
  app.get('/Schemas/:id', (c) => {
    const id = c.req.param('id');
    const found = schemas(scimBase).find((s) => s.id === id);
    if (!found || (id !== USER_SCHEMA && id !== ENTERPRISE_SCHEMA))
      throw new ScimError(404, `There is no schema ${id}.`);
    return scimJson(c, found);
  });

  app.get('/Users', async (c) =>
    scimJson(
      c,
      await scim.listUsers(c.var.scimClient, {
        filter: c.req.query('filter'),
        startIndex: c.req.query('startIndex'),
        count: c.req.query('count'),
      }),
    ),
  );
  app.post('/Users', async (c) => {
    const user = await scim.createUser(c.var.scimClient, await readJson(c));
    const meta = user.meta as { location: string };
    c.header('location', meta.location);
    return scimJson(c, user, 201);
  });
  app.get('/Users/:id', async (c) =>
    scimJson(c, await scim.getUser(c.var.scimClient, c.req.param('id'))),
  );
  app.put('/Users/:id', async (c) =>
    scimJson(c, await scim.replaceUser(c.var.scimClient, c.req.param('id'), await readJson(c))),
  );
  app.patch('/Users/:id', async (c) =>
    scimJson(c, await scim.patchUser(c.var.scimClient, c.req.param('id'), await readJson(c))),
  );
  app.delete('/Users/:id', async (c) => {
    await scim.deleteUser(c.var.scimClient, c.req.param('id'));
    return c.body(null, 204);
  });

  app.all('*', (c) =>
    scimError(c, new ScimError(404, `There is no SCIM endpoint ${c.req.method} ${c.req.path}.`)),
  );
  app.onError((error, c) => {
    if (error instanceof ScimError) return scimError(c, error);
    logger.error(
      { requestId: c.get('requestId'), err: error.name, stack: error.stack },
      'unexpected SCIM error',
    );
    return scimError(
      c,
      new ScimError(500, 'Something went wrong on our side; nothing was changed.'),
    );
  });
  return app;
}
