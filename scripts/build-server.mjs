#!/usr/bin/env node
// Bundles the server into dist/server.mjs (esbuild, which Vite and tsx already bring), so a
// production start loads one file instead of transpiling ~200 TypeScript modules on the fly:
// cold start goes from about 3 s to under 1 s (docs/performance.md, ADR 096). Packages that read
// their own files at run time, or are native, stay in node_modules.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

export async function buildServer() {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(root, 'server', 'main.ts')],
    outfile: path.join(outdir, 'server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    external: [
      'better-sqlite3',
      '@node-rs/argon2',
      'pg-native',
      'pdfkit',
      'swagger-ui-dist',
      'dejavu-fonts-ttf',
      // Reads its zone files next to itself (calendar invitations and feeds).
      '@touch4it/ical-timezones',
    ],
    metafile: true,
    // Bundled CommonJS packages call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
  });
  refuseFileReadingPackages(result.metafile);
  // Read at run time next to the module that loads it (frameworks.service.ts).
  copyFileSync(
    path.join(root, 'server', 'modules', 'frameworks', 'default-framework.yaml'),
    path.join(outdir, 'default-framework.yaml'),
  );
}

/**
 * Bundled packages that find files through `__dirname` break in the ES module bundle, and only
 * when that code path runs (a reminder tick, an invitation). Such packages must be external.
 * pino and thread-stream use it only to start transport workers, which Trajectory does not use.
 */
const DIRNAME_ALLOWED = ['/node_modules/pino/', '/node_modules/thread-stream/'];

function refuseFileReadingPackages(metafile) {
  const offenders = Object.keys(metafile.inputs).filter(
    (input) =>
      input.includes('node_modules/') &&
      !DIRNAME_ALLOWED.some((allowed) => `/${input}`.includes(allowed)) &&
      /\b__dirname\b/.test(readFileSync(path.join(root, input), 'utf8')),
  );
  if (offenders.length > 0)
    throw new Error(
      `these bundled files use __dirname, which the server bundle cannot provide; add their package to "external" in scripts/build-server.mjs:\n  ${offenders.join('\n  ')}`,
    );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
