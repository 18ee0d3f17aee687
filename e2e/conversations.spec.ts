import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ADMIN, completeSetup, newPage, setPassword, signIn } from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { useFreshServer } from './fixtures/server.ts';

/*
 * The whole career-conversation journey in Chromium: schedule a quarterly → the engineer prepares
 * and shares one answer → the manager opens the prep context → notes and action items in
 * conversation mode → summary sent → acknowledged → the timeline shows it all.
 */
const SHOTS = '/tmp/shots-conv';
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

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let conversationId = '';

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
    timezone: 'America/New_York',
  });
  const engineer = await admin.post<{ id: string }>('/api/people', {
    name: ENGINEER.name,
    email: ENGINEER.email,
    title: 'Backend Engineer',
    timezone: 'Europe/Stockholm',
    managerId: manager.id,
  });
  await setPassword(admin, manager.id, MANAGER.password);
  await setPassword(admin, engineer.id, ENGINEER.password);
  await admin.dispose();
});

test('the manager proposes a quarterly review', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, MANAGER.email, MANAGER.password);
  await page.getByRole('link', { name: 'Conversations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
  await page.getByRole('button', { name: 'Propose a conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Propose a conversation' });
  await dialog.getByRole('combobox', { name: 'With' }).click();
  await page.getByRole('option', { name: ENGINEER.name }).click();
  await expect(dialog.getByRole('combobox', { name: 'Kind' })).toHaveValue('Quarterly review');
  await dialog.getByRole('textbox', { name: 'Date' }).fill('2030-06-04');
  await dialog.getByLabel('Start time').fill('15:00');
  await dialog.getByRole('textbox', { name: 'Place or link' }).fill('Room Aurora');
  await dialog.getByRole('textbox', { name: /Agenda/ }).fill('Progress on the migration goal');
  await shot(page, '01-schedule-modal');
  await dialog.getByRole('button', { name: 'Propose' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: `Quarterly review with ${ENGINEER.name}` }),
  ).toBeVisible();
  conversationId = page.url().split('/conversations/')[1]?.split('?')[0] ?? '';
  // 15:00 in New York is 21:00 in Stockholm on 4 June 2030.
  await expect(page.getByText('Tue 4 Jun 2030, 15:00 UTC-4 (America/New_York)')).toBeVisible();
  await expect(page.getByText('Tue 4 Jun 2030, 21:00 UTC+2 (Europe/Stockholm)')).toBeVisible();
  await page.getByRole('button', { name: 'Move' }).click();
  const move = page.getByRole('dialog', { name: 'Move the conversation' });
  await move.getByLabel('Start time').fill('16:00');
  await move.getByRole('textbox', { name: /^Why/ }).fill('Clashes with the planning meeting');
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(move).toBeHidden();
  await expect(page.getByText('Tue 4 Jun 2030, 22:00 UTC+2 (Europe/Stockholm)')).toBeVisible();
  const history = page.getByRole('region', { name: 'Schedule history' });
  await expect(history).toContainText(`Moved by ${MANAGER.name}`);
  await expect(history).toContainText('Clashes with the planning meeting');
  await shot(page, '02-conversation-overview-manager');
  await expectAccessible(page, 'conversation overview');
  await context.close();
});

test('the engineer confirms, prepares privately and shares one answer', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, ENGINEER.email, ENGINEER.password);
  await page.goto(`/conversations/${conversationId}`);
  await page.getByRole('button', { name: 'Confirm the time' }).click();
  await expect(page.getByText('Confirmed', { exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'My prep' }).click();
  const first = page.getByRole('textbox', { name: /^1\. / });
  await first.fill('I am privately worried about the on-call load.');
  await first.blur();
  const second = page.getByRole('textbox', { name: /^2\. / });
  await second.fill('The migration shipped two weeks early.');
  await second.blur();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(2);
  await page.getByRole('button', { name: 'Share answer 2' }).click();
  await expect(page.getByText('Shared', { exact: true })).toHaveCount(1);
  await shot(page, '03-engineer-prep');
  await expectAccessible(page, 'engineer prep');
  await context.close();
});

test('the manager opens the prep context and sees only what was shared', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, MANAGER.email, MANAGER.password);
  await page.goto(`/conversations/${conversationId}?tab=manager-prep`);
  const sharedPrep = page.getByRole('region', { name: 'Shared prep' });
  await expect(sharedPrep).toContainText('The migration shipped two weeks early.');
  await expect(page.getByText('privately worried')).toHaveCount(0);
  await page.getByRole('checkbox', { name: /Review recent work/ }).click();
  await expect(page.getByRole('checkbox', { name: /Review recent work/ })).toBeChecked();
  await shot(page, '04-manager-prep');
  await expectAccessible(page, 'manager prep');
  await context.close();
});

test('notes and action items in conversation mode', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, MANAGER.email, MANAGER.password);
  await page.goto(`/conversations/${conversationId}`);
  await page.getByRole('link', { name: 'Conversation mode' }).click();
  await expect(page.getByRole('region', { name: 'Guide', exact: true })).toContainText(
    '1. Self-assessment',
  );
  await expect(page.getByRole('region', { name: 'Guide', exact: true })).toContainText(
    'about 15 min',
  );
  const notes = page.getByRole('textbox', { name: 'Shared notes' });
  await notes.fill('Migration done early. Next: lead the on-call redesign.');
  await notes.blur();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();

  const items = page.getByRole('region', { name: 'Action items' });
  await items.getByRole('textbox', { name: 'Action item' }).fill('Draft the on-call proposal');
  await items.getByRole('textbox', { name: 'Due' }).fill('2030-06-20');
  await items.getByRole('button', { name: 'Add' }).click();
  await expect(items.getByText('Draft the on-call proposal')).toBeVisible();
  await items.getByText(MANAGER.name, { exact: true }).first().click();
  await items
    .getByRole('textbox', { name: 'Action item' })
    .fill('Book a session with the SRE lead');
  await items.getByRole('button', { name: 'Add' }).click();
  await expect(items.getByText('Book a session with the SRE lead')).toBeVisible();

  const privateNote = page.getByRole('textbox', { name: 'My private notes' });
  await privateNote.fill('Seemed tired; check load next time.');
  await privateNote.blur();
  await shot(page, '05-conversation-mode');
  await expectAccessible(page, 'conversation mode');
  await context.close();
});

test('the manager marks it held and sends the summary', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, MANAGER.email, MANAGER.password);
  await page.goto(`/conversations/${conversationId}`);
  await page.getByRole('button', { name: 'Mark as held' }).click();
  await expect(page.getByText('Held', { exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Summary' }).click();
  const draft = page.getByRole('region', { name: 'Draft summary' });
  await expect(draft.getByRole('textbox', { name: 'What we discussed' })).toHaveValue(
    'Migration done early. Next: lead the on-call redesign.',
  );
  await expect(draft.getByRole('textbox', { name: 'Engineer’s actions' })).toHaveValue(
    '- Draft the on-call proposal (by 2030-06-20)',
  );
  await draft
    .getByRole('textbox', { name: /^Goals/ })
    .fill('Lead the on-call redesign; success = a rota the team agrees to.');
  await shot(page, '06-summary-draft');
  await draft.getByRole('button', { name: 'Send summary' }).click();
  await expect(page.getByRole('region', { name: 'Sent summary' })).toContainText('Version 1');
  await expect(page.getByText('Summary sent', { exact: true }).first()).toBeVisible();
  await shot(page, '07-summary-sent');
  await page.getByRole('main').getByRole('link', { name: 'Timeline', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Timeline of ${ENGINEER.name}` }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Summary sent' })).toBeVisible();
  await context.close();
});

test('the engineer acknowledges and the timeline shows it all', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, ENGINEER.email, ENGINEER.password);
  await page.goto(`/conversations/${conversationId}?tab=summary`);
  await expect(page.getByRole('region', { name: 'Sent summary' })).toContainText(
    'Lead the on-call redesign',
  );
  await expect(page.getByText('Seemed tired')).toHaveCount(0);
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByText('Acknowledged', { exact: true }).first()).toBeVisible();
  await shot(page, '08-summary-acknowledged');
  await expectAccessible(page, 'summary');

  await page.getByRole('link', { name: 'My timeline' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My timeline' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: `Quarterly review with ${MANAGER.name}` }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Summary sent' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Summary version 1 acknowledged' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Last summary' })).toContainText(
    'Book a session with the SRE lead',
  );
  await shot(page, '09-timeline');
  await expectAccessible(page, 'timeline');

  await page.getByRole('link', { name: 'What Matters' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What Matters' })).toBeVisible();
  const points = ['30', '25', '20', '10', '10', '0'];
  for (const [index, label] of [
    'Impact',
    'Promotion / title',
    'Compensation',
    'Learning',
    'Work-life balance',
    'Culture / team',
  ].entries())
    await page.getByRole('textbox', { name: `Points for ${label}` }).fill(points[index] ?? '0');
  await page.getByRole('button', { name: 'Save exercise' }).click();
  await expect(page.getByRole('alert')).toContainText('points must add up to 100 (got 95)');
  await page.getByRole('textbox', { name: 'Points for Culture / team' }).fill('5');
  await page.getByRole('button', { name: 'Save exercise' }).click();
  await expect(page.getByText('1. Impact — 30 points')).toBeVisible();
  await shot(page, '10-what-matters');
  await expectAccessible(page, 'what matters');
  await context.close();
});

test('an admin sees only metadata', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/conversations/${conversationId}`);
  await expect(page.getByText('what is said stays with the pair')).toBeVisible();
  await expect(page.getByText('Migration done early')).toHaveCount(0);
  await shot(page, '11-admin-metadata');
  await page.getByRole('link', { name: 'Question banks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Question banks' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Part 1 title' })).toHaveValue(
    '1. Self-assessment',
  );
  await shot(page, '12-question-banks');
  await expectAccessible(page, 'question banks');
  await context.close();
});
