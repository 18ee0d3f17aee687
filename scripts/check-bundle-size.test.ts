import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { checkBundle, initialScripts, measureInitialJs } from './check-bundle-size.ts';

function fakeDist(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-check-'));
  mkdirSync(path.join(dir, 'assets'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

const html = `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/index-abc.js"></script>
<link rel="modulepreload" crossorigin href="/assets/shared-def.js">
<link rel="stylesheet" crossorigin href="/assets/index-xyz.css">
</head><body><div id="root"></div></body></html>`;

describe('the initial JavaScript budget', () => {
  it('counts the entry script and the preloaded modules, not styles or lazy pages', () => {
    expect(initialScripts(html)).toEqual(['/assets/index-abc.js', '/assets/shared-def.js']);
    const entry = 'console.log("entry");'.repeat(50);
    const shared = 'export const x = 1;'.repeat(20);
    const dir = fakeDist({
      'index.html': html,
      'assets/index-abc.js': entry,
      'assets/shared-def.js': shared,
      'assets/lazy-page.js': 'x'.repeat(100_000),
    });
    const measured = measureInitialJs(dir);
    expect(measured.files.map((f) => f.src)).toEqual([
      '/assets/index-abc.js',
      '/assets/shared-def.js',
    ]);
    expect(measured.gzipBytes).toBe(
      gzipSync(entry, { level: 9 }).length + gzipSync(shared, { level: 9 }).length,
    );
  });

  it('fails above the budget and passes within it', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // Random text barely compresses: about 3 KB gzipped.
    const noise = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 97).toString(36)).join('');
    const dir = fakeDist({
      'index.html': html,
      'assets/index-abc.js': noise,
      'assets/shared-def.js': '',
    });
    const size = measureInitialJs(dir).gzipBytes / 1024;
    expect(checkBundle(dir, Math.floor(size) - 1)).toBe(false);
    expect(checkBundle(dir, Math.ceil(size) + 1)).toBe(true);
  });
});
