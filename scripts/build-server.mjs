#!/usr/bin/env node
// Bundles the server into dist/server.mjs (esbuild, which Vite and tsx already bring), so a
// production start loads one file instead of transpiling ~200 TypeScript modules on the fly:
// cold start goes from about 3 s to under 1 s (docs/performance.md, ADR 096). Packages that read
// their own files at run time, or are native, stay in node_modules.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

export async function buildServer() {
  mkdirSync(outdir, { recursive: true });
  await build({
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
    ],
    // Bundled CommonJS packages call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
  });
  // Read at run time next to the module that loads it (frameworks.service.ts).
  copyFileSync(
    path.join(root, 'server', 'modules', 'frameworks', 'default-framework.yaml'),
    path.join(outdir, 'default-framework.yaml'),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
