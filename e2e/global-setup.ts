import { existsSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error -- a plain ES module script without type declarations
import { buildServer } from '../scripts/build-server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Browser tests run the server as production does: the bundled `dist/server.mjs`. Bundling takes
 * under a second, so it is done before every run and the bundle never lags behind the source.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('Build the web app first: npx vite build');
  }
  await (buildServer as () => Promise<void>)();
}
