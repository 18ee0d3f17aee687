import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

const swaggerDir = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Trajectory API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });`;

/** Readable API docs at /api/docs, served from the swagger-ui-dist package (no CDN, no inline script). */
export function mountApiDocs(app: Hono<AppEnv>): void {
  const asset = (file: string, type: string) => {
    const body = readFileSync(path.join(swaggerDir, file));
    return () =>
      new Response(body, {
        headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' },
      });
  };
  app.get('/api/docs', (c) => c.html(page));
  app.get('/api/docs/swagger-ui.css', asset('swagger-ui.css', 'text/css; charset=utf-8'));
  app.get(
    '/api/docs/swagger-ui-bundle.js',
    asset('swagger-ui-bundle.js', 'text/javascript; charset=utf-8'),
  );
  app.get(
    '/api/docs/init.js',
    () => new Response(init, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }),
  );
}
