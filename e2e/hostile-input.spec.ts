import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { hostileStrings, injectionPayloads } from '../server/test/reliability/hostile-strings.ts';
import { completeSetup, newPage, setPassword, signIn, signInApi } from './fixtures/api.ts';
import { useFreshServer } from './fixtures/server.ts';

/*
 * Hostile input in the browser (issue 10 §3, security.md G6): the Big List of Naughty Strings and
 * our XSS/SQL payloads are written through the API into text fields — people's names, titles and
 * teams, a conversation's place and agenda, the shared notes, action items — then the pages that
 * show them are rendered in Chromium. No script may run (no dialog, no CSP violation) and every
 * text must be shown exactly as stored.
 */
const server = useFreshServer();
const SHOTS = '/tmp/shots-hostile';

const MANAGER = {
  name: 'Mira Holm',
  email: 'mira.holm@example.com',
  password: 'seven quiet lanterns over the bay',
};
const ENGINEER = {
  name: 'Jon Ekdahl',
  email: 'jon.ekdahl@example.com',
  password: 'a heron waiting by the cold river',
};

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What the API refuses (ADR 082): NUL and unpaired surrogates. */
const isUnstorable = (s: string) => s.includes('\u0000') || UNPAIRED_SURROGATE.test(s);
/** Tabs, line breaks and other control characters. */
const hasControl = (s: string) =>
  [...s].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f');
/** Strings a one-line field keeps as they are (the API trims ends; HTML collapses nothing in textContent). */
const oneLine = (max: number) =>
  [...new Set([...injectionPayloads, ...hostileStrings])]
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= max && !hasControl(s) && !isUnstorable(s));

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const names = oneLine(120).slice(0, 22);
const places = oneLine(200);
const storedNotes = hostileStrings
  .filter((s) => !isUnstorable(s))
  .join('\n')
  .trim();
let conversationId = '';
let managerId = '';
const actionTexts = oneLine(500)
  .filter((s) => injectionPayloads.includes(s))
  .slice(0, 8);

/** Records dialogs and CSP violations on a page; `problems()` lists them. */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text()))
      seen.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = store;
    document.addEventListener('securitypolicyviolation', (event) =>
      store.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => [
    ...seen,
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
  ];
}

async function textOf(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

test.beforeAll(async () => {
  const admin = await completeSetup(server.url);
  const manager = await admin.post<{ id: string }>('/api/people', {
    name: MANAGER.name,
    email: MANAGER.email,
    title: 'Engineering Manager',
  });
  managerId = manager.id;
  const engineer = await admin.post<{ id: string }>('/api/people', {
    name: ENGINEER.name,
    email: ENGINEER.email,
    managerId: manager.id,
  });
  await setPassword(admin, manager.id, MANAGER.password);
  await setPassword(admin, engineer.id, ENGINEER.password);
  for (const [i, name] of names.entries()) {
    await admin.post('/api/people', {
      name,
      email: `hostile-${i}@example.com`,
      title: names[(i + 1) % names.length],
      team: names[(i + 2) % names.length],
      managerId: manager.id,
    });
  }
  const managerApi = await signInApi(server.url, MANAGER.email, MANAGER.password);
  const conversation = await managerApi.post<{ id: string }>('/api/conversations', {
    engineerId: engineer.id,
    kind: 'quarterly',
    startsAt: '2030-06-04T15:00:00Z',
    place: places[0] ?? 'Room',
    agenda: places.slice(0, 30).join(' · ').slice(0, 1500),
  });
  conversationId = conversation.id;
  const notes = await managerApi.request.put(`/api/conversations/${conversationId}/shared-notes`, {
    data: { text: storedNotes, version: 0 },
    headers: { 'X-CSRF-Token': managerApi.csrfToken },
  });
  expect(notes.status(), await notes.text()).toBe(200);
  for (const text of actionTexts)
    await managerApi.post(`/api/conversations/${conversationId}/action-items`, {
      owner: 'manager',
      text,
    });
  await managerApi.dispose();
  await admin.dispose();
});

test('names, titles and teams render as text in the directory and on a person page', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url);
  const problems = await watch(page);
  await signIn(page, MANAGER.email, MANAGER.password);
  await page.goto(`/people/${managerId}`);
  await expect(page.getByRole('heading', { level: 1, name: MANAGER.name })).toBeVisible();
  const onPersonPage = await textOf(page);
  await page.goto('/people');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(MANAGER.name).first()).toBeVisible();
  const shown = `${onPersonPage}\n${await textOf(page)}`;
  const missing = names.filter((name) => !shown.includes(name));
  expect(missing, 'names not shown exactly (manager page and directory)').toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/directory.png`, fullPage: true });
  expect(await problems()).toEqual([]);
  await context.close();
});

test('conversation place, agenda, notes and action items render exactly, and nothing runs', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url);
  const problems = await watch(page);
  await signIn(page, ENGINEER.email, ENGINEER.password);
  await page.goto(`/conversations/${conversationId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const shown = await textOf(page);
  expect(shown).toContain(places[0]);
  await page.goto(`/conversations/${conversationId}/mode`);
  const notes = page.getByRole('textbox', { name: 'Shared notes' });
  await expect(notes).toBeVisible();
  expect(await notes.inputValue()).toBe(storedNotes);
  const modeText = await textOf(page);
  const missing = actionTexts.filter((text) => !modeText.includes(text));
  expect(missing, 'action items not shown exactly').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/conversation-mode.png`, fullPage: true });
  expect(await problems()).toEqual([]);
  console.warn(
    `hostile input in Chromium: ${names.length} names × 3 fields, ${places.length > 30 ? 30 : places.length} agenda items, ` +
      `${hostileStrings.length} strings in the shared notes, ${actionTexts.length} action items; 0 dialogs, 0 CSP violations`,
  );
  await context.close();
});
