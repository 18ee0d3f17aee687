import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { ADMIN, completeSetup, newPage, setPassword, signIn, signInApi } from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { useFreshServer } from './fixtures/server.ts';

/*
 * Privacy you can check: the engineer reads who opened their record and downloads everything
 * about themself; the admin reads the organisation's audit trail and verifies its chain.
 */
const SHOTS = '/tmp/shots-privacy';
const server = useFreshServer();

const MANAGER = {
  name: 'Rosa Lindqvist',
  email: 'rosa.lind@example.com',
  password: 'a kettle singing in the far kitchen',
};
const ENGINEER = {
  name: 'Tomas Bergman',
  email: 'tomas.berg@example.com',
  password: 'paper boats along the canal at dusk',
};
const AGENDA = 'How I want to grow into platform work';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test.beforeAll(async () => {
  const admin = await completeSetup(server.url);
  const manager = await admin.post<{ id: string }>('/api/people', {
    name: MANAGER.name,
    email: MANAGER.email,
    title: 'Engineering Manager',
  });
  const engineer = await admin.post<{ id: string }>('/api/people', {
    name: ENGINEER.name,
    email: ENGINEER.email,
    title: 'Backend Engineer',
    managerId: manager.id,
  });
  await setPassword(admin, manager.id, MANAGER.password);
  await setPassword(admin, engineer.id, ENGINEER.password);
  await admin.dispose();

  // The manager schedules a conversation and reads it back: a read the engineer will see.
  const asManager = await signInApi(server.url, MANAGER.email, MANAGER.password);
  const conversation = await asManager.post<{ id: string }>('/api/conversations', {
    engineerId: engineer.id,
    kind: 'quarterly',
    startsAt: '2030-03-10T14:00:00Z',
    agenda: AGENDA,
  });
  const read = await asManager.request.get(`/api/conversations/${conversation.id}/shared-notes`);
  expect(read.ok()).toBe(true);
  await asManager.dispose();
});

test('an engineer sees who read their record and downloads all of it', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url, {
    viewport: { width: 1280, height: 900 },
  });
  await signIn(page, ENGINEER.email, ENGINEER.password);
  await page.getByRole('link', { name: 'Privacy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Who can read what you write' })).toBeVisible();

  const log = page.getByRole('region', { name: 'Who has accessed your record' });
  await expect(
    log.getByRole('row', { name: /Rosa Lindqvist.*Read the shared notes/ }),
  ).toBeVisible();
  await expect(log.getByText(AGENDA)).toHaveCount(0);
  await log.getByText('Including yours').click();
  await expect(log.getByRole('row', { name: /You.*Signed in with a password/ })).toBeVisible();
  await expectAccessible(page, 'privacy page');
  await shot(page, 'privacy-page');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download everything (zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^trajectory-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const markdown = Object.entries(files).find(([name]) => name.endsWith('export.md'))?.[1];
  expect(markdown).toBeDefined();
  const text = strFromU8(markdown ?? new Uint8Array());
  expect(text).toContain(`# Your Trajectory record — ${ENGINEER.name}`);
  expect(text).toContain(AGENDA);

  // The download itself is on the log.
  await page.reload();
  await log.getByText('Including yours').click();
  await expect(log.getByRole('row', { name: /You.*Downloaded a personal export/ })).toBeVisible();
  await context.close();
});

test('an admin reads the audit trail, verifies it and opens one access log', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url, {
    viewport: { width: 1280, height: 900 },
  });
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await expect(
    page.getByRole('row', { name: /Tomas Bergman.*Downloaded a personal export/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The trail is intact' })).toBeVisible();
  await expectAccessible(page, 'audit trail');
  await shot(page, 'audit-trail');

  await page.getByRole('combobox', { name: 'Show' }).click();
  await page.getByRole('option', { name: 'Changes to people and roles' }).click();
  await expect(page.getByRole('row', { name: /You.*Added a person/ }).first()).toBeVisible();

  await page.goto('/people');
  await page.getByRole('link', { name: ENGINEER.name }).first().click();
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Access log' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Access log — ${ENGINEER.name}` }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /Rosa Lindqvist/ }).first()).toBeVisible();
  await expectAccessible(page, 'person access log');
  await shot(page, 'person-access-log');
  await context.close();
});

test('an admin sets how long private writing and leavers’ records are kept', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url, {
    viewport: { width: 1280, height: 900 },
  });
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('link', { name: 'Data retention' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Data retention' })).toBeVisible();
  await expect(page.getByText('Nothing is removed yet')).toBeVisible();

  await page.getByRole('switch', { name: /Remove what people who left wrote/ }).check();
  const months = page.getByRole('textbox', { name: 'Months' });
  // Out of bounds is brought back within them as the field is left.
  await months.fill('500');
  await months.blur();
  await expect(months).toHaveValue('120');
  await months.fill('18');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expectAccessible(page, 'data retention');
  await shot(page, 'data-retention');

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Months' })).toHaveValue('18');
  await expect(page.getByText(/Last changed .* by /)).toBeVisible();
  await context.close();
});

test('the privacy page reads well on a phone', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url, {
    viewport: { width: 390, height: 844 },
  });
  await signIn(page, MANAGER.email, MANAGER.password);
  await page.goto('/privacy');
  const log = page.getByRole('region', { name: 'Who has accessed your record' });
  // Only the admin's setup of the account so far: nobody has read anything of the manager's.
  await expect(log.getByRole('row', { name: /Ada Admin.*Added a person/ })).toBeVisible();
  await expectAccessible(page, 'privacy page, phone');
  await shot(page, 'privacy-phone');
  await context.close();
});
