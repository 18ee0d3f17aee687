#!/usr/bin/env node
// `npm start`: builds the web app once when no build exists, then runs the server.
// `npm run demo`: the same on a separate data folder, filled with a demo organisation first.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isDemo = process.argv.includes('--demo');
const env = { ...process.env };
if (isDemo) {
  env.DATA_DIR ??= path.join(root, 'data', 'demo');
  delete env.DATABASE_URL;
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
  console.log('Building the web app (first start only)…');
  run([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
}
if (isDemo) run(['--import', 'tsx', path.join(root, 'server', 'demo', 'seed.ts')]);
// The server runs as one bundled file (built in well under a second, every start, so it is never
// stale): it starts in about a second where transpiling each module on the fly took three. Source
// maps sit beside it; NODE_OPTIONS=--enable-source-maps maps stack traces (it slows the start).
run([path.join(root, 'scripts', 'build-server.mjs')]);

const server = spawn(process.execPath, [path.join(root, 'dist', 'server.mjs')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
