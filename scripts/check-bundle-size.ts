// Fails when the JavaScript a browser must load before the first page renders — the entry
// script and the modules index.html preloads — is over the budget, gzipped. Run after
// `vite build` (npm test does): npm run check:bundle [-- dist/web [budget KB]]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 200;

export interface InitialJs {
  files: { src: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

/** The scripts index.html loads up front: module entries and modulepreload links. */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g))
    if (match[1]) found.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g))
    if (match[1]) found.add(match[1]);
  return [...found];
}

/** Gzipped size (level 9) of every initial script of a built web app. */
export function measureInitialJs(distDir: string): InitialJs {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = initialScripts(html).map((src) => {
    const content = readFileSync(path.join(distDir, src.replace(/^\//, '')));
    return { src, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Prints the sizes; returns false when the total is over the budget. */
export function checkBundle(distDir: string, budgetKb = BUDGET_KB): boolean {
  const { files, gzipBytes } = measureInitialJs(distDir);
  for (const f of files) console.log(`  ${kb(f.gzipBytes).padStart(7)} KB  ${f.src}`);
  const isWithin = gzipBytes <= budgetKb * 1024;
  console.log(
    `initial JavaScript: ${kb(gzipBytes)} KB gzipped, ${isWithin ? 'within' : 'OVER'} the ${budgetKb} KB budget`,
  );
  return isWithin;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2] ?? path.join('dist', 'web');
  if (!checkBundle(distDir, Number(process.argv[3] ?? BUDGET_KB))) process.exit(1);
}
