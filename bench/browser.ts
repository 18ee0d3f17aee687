import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import config from '../playwright.config.ts';

/**
 * Time until a page is usable in Chromium (Debian's, launched as the end-to-end tests launch
 * it): from starting navigation to the moment its data has arrived and is on screen. The first
 * visit starts with an empty cache; later visits reuse the cached scripts, as a returning user.
 */
export interface PageTiming {
  firstMs: number;
  /** Median of the later, warm visits. */
  warmMs: number;
  visits: number;
}

export async function timePageReady(input: {
  baseUrl: string;
  cookie: string;
  path: string;
  /** Resolves once the page shows its data. */
  isReady: (page: Page) => Promise<void>;
  visits?: number;
  /** Where to save a full-page screenshot after the last visit, to look at the page at scale. */
  screenshotPath?: string;
}): Promise<PageTiming> {
  const launch = config.use?.launchOptions ?? {};
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const [name, value] = input.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: input.baseUrl }]);
    const times: number[] = [];
    const visits = input.visits ?? 4;
    const page = await context.newPage();
    for (let i = 0; i < visits; i += 1) {
      if (i > 0) await page.goto('about:blank');
      const started = performance.now();
      await page.goto(`${input.baseUrl}${input.path}`, { waitUntil: 'commit' });
      await input.isReady(page);
      times.push(performance.now() - started);
    }
    if (input.screenshotPath) await page.screenshot({ path: input.screenshotPath, fullPage: true });
    const warm = times.slice(1).sort((a, b) => a - b);
    return {
      firstMs: times[0] ?? NaN,
      warmMs: warm[Math.floor(warm.length / 2)] ?? NaN,
      visits,
    };
  } finally {
    await browser.close();
  }
}
