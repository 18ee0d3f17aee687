import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../errors.ts';
import { recordDecision } from '../policies/decisions.ts';
import type { AppEnv } from './env.ts';

interface Operation {
  method: string;
  pattern: RegExp;
  isPublic: boolean;
}

/** `/api/people/{id}` → a regular expression matching concrete paths. */
function patternOf(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * Default deny: an anonymous request for any documented operation that does not declare
 * `security: []` answers 401 before its input is validated, so nothing about a protected
 * operation is revealed to someone who has not signed in. Which operations are public is read
 * from the route declarations themselves (the OpenAPI registry), never from a second list.
 */
export function signInGate(app: OpenAPIHono<AppEnv>): MiddlewareHandler<AppEnv> {
  let operations: Operation[] | null = null;
  const load = (): Operation[] =>
    app.openAPIRegistry.definitions.flatMap((definition) =>
      definition.type === 'route'
        ? [
            {
              method: definition.route.method.toUpperCase(),
              pattern: patternOf(definition.route.path),
              isPublic:
                Array.isArray(definition.route.security) && definition.route.security.length === 0,
            },
          ]
        : [],
    );
  return async (c, next) => {
    if (c.var.actor.kind === 'anonymous') {
      operations ??= load();
      const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
      const matches = operations.filter(
        (op) => op.method === method && op.pattern.test(c.req.path),
      );
      if (matches.length > 0 && !matches.some((op) => op.isPublic)) {
        recordDecision({ policy: 'session', action: 'signed-in', isAllowed: false });
        throw new UnauthorizedError();
      }
    }
    await next();
  };
}
