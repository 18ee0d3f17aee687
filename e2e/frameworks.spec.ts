import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  ADMIN,
  completeSetup,
  createPerson,
  newPage,
  setPassword,
  signIn,
} from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { useFreshServer } from './fixtures/server.ts';

const server = useFreshServer();

/** The public framework files live beside the repository (CI clones them there too). */
const MONZO_WEB = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'frameworks',
  'monzo',
  'web.md',
);

const MANAGER = {
  name: 'Ines Duarte',
  email: 'ines.duarte@example.com',
  password: 'a lantern over the quiet harbour',
};
const ENGINEER = {
  name: 'Omar Haddad',
  email: 'omar.haddad@example.com',
  password: 'seven bridges over a slow river',
};

// Axe runs on several pages in both colour schemes, so these journeys need more than the default.
test.describe.configure({ mode: 'serial', timeout: 150_000 });

let engineerId = '';

test.beforeAll(async () => {
  const admin = await completeSetup(server.url);
  const managerId = await createPerson(admin, {
    name: MANAGER.name,
    email: MANAGER.email,
    title: 'Engineering Manager',
  });
  engineerId = await createPerson(admin, {
    name: ENGINEER.name,
    email: ENGINEER.email,
    title: 'Web Engineer',
    managerId,
  });
  await setPassword(admin, managerId, MANAGER.password);
  await setPassword(admin, engineerId, ENGINEER.password);
  await admin.dispose();
});

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Rates every criterion: `overrides[n]` for the n-th one, otherwise the default rating. */
async function rateAll(page: Page, rating: string, overrides: Record<number, string> = {}) {
  const groups = page.getByRole('radiogroup');
  await expect(groups.first()).toBeVisible();
  const count = await groups.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i += 1) {
    await groups
      .nth(i)
      .getByText(overrides[i] ?? rating, { exact: true })
      .click();
  }
  return count;
}

test('an admin imports the Monzo web framework and activates it', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('link', { name: 'Career framework' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Career framework' })).toBeVisible();
  await expect(page.getByText('Trajectory engineering framework')).toBeVisible();
  await expectAccessible(page, 'frameworks');

  await page.getByRole('link', { name: 'Import a framework' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a framework' })).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'web.md',
    mimeType: 'text/markdown',
    buffer: readFileSync(MONZO_WEB),
  });
  await expect(
    page.getByRole('strong').filter({ hasText: 'Web Engineering Framework' }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Competencies' })).toContainText('Mastery');
  await expect(page.getByText(/sparse levels/).first()).toBeVisible();
  await expectAccessible(page, 'framework import preview');
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByText('Import applied')).toBeVisible();

  await page.getByRole('link', { name: 'Open the new version' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Web Engineering Framework' }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: /competencies by level/ })).toContainText('Level 6');
  await page.getByRole('button', { name: 'Make active' }).click();
  await expect(page.getByText('Active', { exact: true })).toBeVisible();
  await expectAccessible(page, 'framework matrix');

  // Place the engineer at level 1 of the new framework.
  await page.goto(`/people/${engineerId}/career`);
  await expect(
    page.getByRole('heading', { level: 1, name: `${ENGINEER.name}: career` }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Change placement' }).click();
  await choose(page, 'Track and level', 'Level 1 (L1)');
  await page.getByRole('button', { name: 'Save placement' }).click();
  await expect(
    page.getByText(/Level 1.*\(L1\) on the Web Engineering Framework track/),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Placement history' })).toContainText('Ada Admin');
  await expectAccessible(page, 'career (admin)');
  await context.close();
});

let assessmentUrl = '';

test('the manager assesses blind, then waits for the engineer', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, MANAGER.email, MANAGER.password);
  await page.goto(`/people/${engineerId}/career`);
  await page.getByRole('button', { name: 'New assessment' }).click();
  await choose(page, 'Target level', 'Level 1 (L1)');
  await page.getByRole('button', { name: 'Start assessment' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Ladder sync-up: Level 1' }),
  ).toBeVisible();
  assessmentUrl = new URL(page.url()).pathname;
  await expectAccessible(page, 'assessment (rating)');

  // The manager sees a gap in the first criterion; everything else is demonstrated.
  await rateAll(page, 'Demonstrating consistently', { 0: 'Gap' });
  await page
    .getByRole('textbox', { name: 'Evidence' })
    .first()
    .fill('Status updates were missing in May.');
  await page.getByRole('button', { name: 'Submit my ratings' }).click();
  await expect(page.getByText('Waiting for the other side')).toBeVisible();
  await expect(page.getByText('Status updates were missing in May.')).toHaveCount(0);
  await context.close();
});

test('the engineer assesses and the reveal shows the disagreement first', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, ENGINEER.email, ENGINEER.password);
  await page.getByRole('link', { name: 'My career' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `${ENGINEER.name}: career` }),
  ).toBeVisible();
  await page
    .getByRole('table', { name: 'Assessments' })
    .getByRole('link', { name: 'Level 1' })
    .click();
  await expect(page).toHaveURL(new RegExp(`${assessmentUrl}$`));
  // Blind: nothing of the manager's side is on the page.
  await expect(page.getByText('Status updates were missing in May.')).toHaveCount(0);
  const count = await rateAll(page, 'Demonstrating consistently');
  await page.getByRole('button', { name: 'Submit my ratings' }).click();

  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await expect(page.getByText(`You disagree on 1 of ${count} criteria`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Disagreements' })).toBeVisible();
  const first = page.getByText('Disagreement', { exact: true }).first();
  await expect(first).toBeVisible();
  await expect(page.getByText('Status updates were missing in May.')).toBeVisible();
  await expectAccessible(page, 'assessment (revealed)');

  // The gap analysis on the career page now counts the criterion as still to work on.
  await page.getByRole('link', { name: `${ENGINEER.name}: career` }).click();
  await choose(page, 'Level to compare with', 'Level 1 (L1)');
  await expect(page.getByText('1 to work on')).toBeVisible();
  await context.close();
});
