import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { newPage, signIn } from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { useFreshServer } from './fixtures/server.ts';

/*
 * Cadence in the browser, on an organisation with a year of history (seeded before the server
 * starts): the manager's home and team view, the leader's home and coverage dashboard with its
 * drill-down, an engineer's home, notification choices and the calendar feed, and the admin's
 * cadence policy and outbox.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = '/tmp/shots-cadence';

let password = '';
const server = useFreshServer({
  prepare: (dataDir) => {
    const seeded = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'e2e/fixtures/cadence-seed.ts', dataDir],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
    password = (JSON.parse(seeded.stdout) as { password: string }).password;
  },
});

test.describe.configure({ mode: 'serial', timeout: 240_000 });

async function shots(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a manager’s home puts what is late first, with what they owe', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url, {
    viewport: { width: 1366, height: 900 },
  });
  await signIn(page, 'aisha@example.com', password);
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Aisha' })).toBeVisible();
  const reports = page.getByRole('list', { name: 'What your reports’ conversations need' });
  await expect(reports.getByRole('listitem').first()).toBeVisible();
  // Most overdue first; yesterday's conversation with Mei still needs its summary.
  await expect(reports.getByRole('listitem').first()).toContainText('Overdue');
  await expect(
    reports.getByRole('listitem').filter({ hasText: 'Send Mei Tanaka the summary' }).last(),
  ).toContainText('Overdue');
  await page.getByRole('button', { name: /^Show all/ }).click();
  await expect(reports).toContainText('Prepare for your conversation with Sofia Lindgren');
  await expect(page.getByRole('heading', { name: 'What I owe' })).toBeVisible();
  await expect(page.getByText('Find Sofia a mentor on the platform team')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Coming up' })).toContainText(
    'Quarterly review with Sofia Lindgren',
  );
  await shots(page, '01-manager-home');
  await expectAccessible(page, 'manager home');

  await page.getByRole('link', { name: 'Team view', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your team' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Your reports' });
  await expect(table.getByRole('row')).toHaveCount(8);
  await expect(table).toContainText('Jonas Weber');
  await expect(table).toContainText('Not referenced lately');
  await shots(page, '02-team-view');
  await expectAccessible(page, 'team view');
  await page.locator('label', { hasText: 'Needs attention' }).click();
  await expect(page.getByRole('radio', { name: /Needs attention/ })).toBeChecked();
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await context.close();
});

test('a leader sees coverage across their organisation, without anyone’s words', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url, {
    viewport: { width: 1366, height: 900 },
  });
  await signIn(page, 'hannah@example.com', password);
  await expect(page.getByRole('region', { name: 'Your part of the organisation' })).toContainText(
    'people are on cadence',
  );
  await shots(page, '03-leader-home');
  await expectAccessible(page, 'leader home');

  await page.getByRole('link', { name: 'Open the coverage dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Coverage' })).toBeVisible();
  await expect(page.getByText('On cadence', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'The last 12 months' })).toBeVisible();
  const teams = page.getByRole('table', { name: 'Teams' });
  await expect(teams).toContainText('Platform · Ben Carter');
  // Diego's team of three is hidden from the leader: counted with other teams, never shown alone.
  await expect(teams.getByRole('row', { name: /Payments · Diego Alvarez/ })).toContainText(
    'Hidden: shown to its own manager only',
  );
  await expect(page.locator('body')).not.toContainText('Lead one design review this quarter');
  await shots(page, '04-coverage');
  await expectAccessible(page, 'coverage dashboard');

  await page.locator('label', { hasText: /^Table$/ }).click();
  await expect(
    page.getByRole('table', { name: 'Share of each team on cadence by month' }),
  ).toBeVisible();
  await expectAccessible(page, 'coverage heatmap as a table');

  await teams.getByRole('button', { name: 'People in Mobile · Aisha Rahman' }).click();
  const drawer = page.getByRole('dialog', { name: 'People in Mobile · Aisha Rahman' });
  await expect(drawer.getByRole('row')).toHaveCount(8);
  await expect(drawer).toContainText('Sofia Lindgren');
  await expect(drawer).not.toContainText('Find Sofia a mentor');
  await shots(page, '05-coverage-drill-down');
  await expectAccessible(page, 'coverage drill-down');
  await context.close();
});

test('an engineer sees what is next for them, and chooses their reminders', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, 'sofia@example.com', password);
  const mine = page.getByRole('list', { name: 'What is next for you' });
  await expect(mine).toContainText('Prepare for your conversation with Aisha Rahman');
  await expect(page.getByRole('heading', { name: 'Promised to me' })).toBeVisible();
  await shots(page, '06-engineer-home');
  await expectAccessible(page, 'engineer home');

  await page.getByRole('link', { name: 'Notifications' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Notifications and calendar' }),
  ).toBeVisible();
  const digest = page.getByRole('switch', { name: 'Weekly digest' });
  await expect(digest).toBeChecked();
  await digest.focus();
  await page.keyboard.press('Space');
  await expect(digest).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Weekly digest' })).not.toBeChecked();

  await page.getByRole('button', { name: 'Create my feed address' }).click();
  const address = page.getByRole('textbox', { name: 'Feed address' });
  await expect(address).toHaveValue(/\/api\/calendar-feeds\/.+\.ics$/);
  const feed = await page.request.get(await address.inputValue());
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  await shots(page, '07-notifications');
  await expectAccessible(page, 'notifications');
  await context.close();
});

test('an admin sets the cadence policy and sees the outbox', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, 'marta@example.com', password);
  await page.getByRole('link', { name: 'Cadence policy' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Cadence and reminders' }),
  ).toBeVisible();
  const quarterly = page.getByRole('textbox', { name: 'Quarterly review' });
  await expect(quarterly).toHaveValue('91');
  await quarterly.fill('0');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('must be at least 1 day')).toBeVisible();
  await quarterly.fill('90');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('The cadence policy is saved.')).toBeVisible();
  await shots(page, '08-cadence-policy');
  await expectAccessible(page, 'cadence policy');

  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  await expect(page.getByText('Mail is not being sent')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Outbox messages' })).toBeVisible();
  await shots(page, '09-outbox');
  await expectAccessible(page, 'outbox');
  await context.close();
});
