import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { completeSetup, newPage, setPassword, signIn, signInApi } from './fixtures/api.ts';
import type { SignedInApi } from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { useFreshServer } from './fixtures/server.ts';

/*
 * The development contract in Chromium: written from a closing-the-gap conversation, agreed by
 * both, a monthly check-in, a change that asks both to agree again, then a manager change: the
 * outgoing manager's handover note, read first by the engineer, then by the new manager, who
 * takes over the open promise.
 */
const SHOTS = '/tmp/shots-contracts';
const server = useFreshServer();

const OLD = {
  name: 'Rosa Lindqvist',
  email: 'rosa.lind@example.com',
  password: 'a kettle singing in the far kitchen',
};
const NEW = {
  name: 'Jonas Ek',
  email: 'jonas.ek@example.com',
  password: 'lanterns drifting over the harbour',
};
const ENGINEER = {
  name: 'Tomas Bergman',
  email: 'tomas.berg@example.com',
  password: 'paper boats along the canal at dusk',
};
const GOAL = 'Lead the design of the on-call platform from proposal to launch.';
const CAVEAT = 'A staff title depends on next year’s budget, which is not decided yet.';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let admin: SignedInApi;
let engineerId = '';
let newManagerId = '';
let conversationId = '';
let contractId = '';

const today = () => new Date().toISOString().slice(0, 10);

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test.beforeAll(async () => {
  admin = await completeSetup(server.url);
  const old = await admin.post<{ id: string }>('/api/people', {
    name: OLD.name,
    email: OLD.email,
    title: 'Engineering Manager',
  });
  const next = await admin.post<{ id: string }>('/api/people', {
    name: NEW.name,
    email: NEW.email,
    title: 'Engineering Manager',
  });
  newManagerId = next.id;
  const engineer = await admin.post<{ id: string }>('/api/people', {
    name: ENGINEER.name,
    email: ENGINEER.email,
    title: 'Backend Engineer',
  });
  engineerId = engineer.id;
  // Tomas has reported to Rosa since the spring, so a change today is a real handover.
  await admin.post('/api/reporting-lines', {
    reportId: engineerId,
    managerId: old.id,
    startsOn: '2026-04-01',
  });
  for (const [id, password] of [
    [old.id, OLD.password],
    [next.id, NEW.password],
    [engineerId, ENGINEER.password],
  ] as const)
    await setPassword(admin, id, password);
  const rosa = await signInApi(server.url, OLD.email, OLD.password);
  const conversation = await rosa.post<{ id: string }>('/api/conversations', {
    engineerId,
    kind: 'close_gap',
    startsAt: '2030-06-04T13:00:00Z',
    place: 'Room Aurora',
  });
  conversationId = conversation.id;
  await rosa.dispose();
});

test.afterAll(async () => {
  await admin.dispose();
});

test('the manager writes the contract from a closing-the-gap conversation', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, OLD.email, OLD.password);
  await page.goto(`/conversations/${conversationId}`);
  await page.getByRole('link', { name: 'Write the contract from this conversation' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `A development contract for ${ENGINEER.name}` }),
  ).toBeVisible();
  await expect(page.getByText('Written from a conversation')).toBeVisible();

  // Saving too early explains what is missing, on the fields.
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByText('Some parts need attention before this can be saved.')).toBeVisible();
  await expect(page.getByText('Development goal is required')).toBeVisible();

  await page
    .getByRole('textbox', { name: 'Development goal' })
    .fill('Lead the design. Also mentor.');
  await page
    .getByRole('textbox', { name: 'What the manager and the organisation commit to' })
    .fill('The on-call redesign as a stretch project, and an introduction to the SRE guild.');
  await page
    .getByRole('textbox', { name: 'What the engineer commits to' })
    .fill('Write the proposal by July and run two design reviews.');
  await page
    .getByRole('textbox', { name: 'Evidence of success' })
    .fill('The proposal is accepted and the new rota runs for a month.');
  await page.getByRole('textbox', { name: 'Next review' }).fill('2030-09-01');
  await page.getByRole('radio', { name: /There are limits/ }).check();
  await page.getByRole('textbox', { name: 'Honest caveat' }).fill(CAVEAT);
  await page
    .getByRole('textbox', { name: 'Goal 1', exact: true })
    .fill('Write the on-call proposal');
  await page
    .getByRole('textbox', { name: 'Success criteria (goal 1)' })
    .fill('Accepted by the SRE guild');
  await page
    .getByRole('textbox', { name: 'Support needed (goal 1)' })
    .fill('Two review slots a month');
  await page.getByRole('textbox', { name: 'Due (goal 1)' }).fill('2030-07-31');
  await page.getByRole('textbox', { name: 'Goal 2', exact: true }).fill('Run two design reviews');
  await page
    .getByRole('textbox', { name: 'Success criteria (goal 2)' })
    .fill('Both held, outcomes written');
  await page
    .getByRole('textbox', { name: 'Support needed (goal 2)' })
    .fill('An invitation to the guild');
  await page.getByRole('textbox', { name: 'Due (goal 2)' }).fill('2030-08-31');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(
    page.getByText('Development goal must be one sentence naming the capability'),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Development goal' }).fill(GOAL);
  await shot(page, '01-new-contract-form');
  await expectAccessible(page, 'new contract');
  await page.getByRole('button', { name: 'Save the draft' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: `Development contract — ${ENGINEER.name}` }),
  ).toBeVisible();
  contractId = page.url().split('/contracts/')[1]?.split('?')[0] ?? '';
  await expect(page.getByRole('heading', { level: 2, name: GOAL })).toBeVisible();
  await expect(page.getByText('Not agreed yet')).toBeVisible();
  await page.getByRole('button', { name: 'I agree to version 1' }).click();
  await expect(page.getByText(/Rosa Lindqvist \(manager\):\s*agreed/)).toBeVisible();

  await page.getByRole('tab', { name: /Commitments/ }).click();
  await page.getByRole('textbox', { name: 'Commitment' }).fill('Introduce Tomas to the SRE guild');
  await page.getByRole('textbox', { name: 'Due' }).fill('2030-06-30');
  await page.getByRole('button', { name: 'Add the commitment' }).click();
  await expect(page.getByText('Introduce Tomas to the SRE guild')).toBeVisible();
  await shot(page, '02-contract-manager-agreed');
  await expectAccessible(page, 'contract commitments');
  await context.close();
});

test('the engineer agrees, checks in, and sees a change ask both to agree again', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url);
  await signIn(page, ENGINEER.email, ENGINEER.password);
  await page.getByRole('link', { name: 'Development contract', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'My development contract' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Continue the draft' }).click();
  await page.getByRole('button', { name: 'I agree to version 1' }).click();
  await expect(page.getByText('Agreed by both — version 1')).toBeVisible();
  await expect(page.getByText('Active', { exact: true })).toBeVisible();
  await shot(page, '03-contract-agreed-engineer');
  await expectAccessible(page, 'contract plan');

  await page.getByRole('tab', { name: /Check-ins/ }).click();
  await expect(page.getByText('Next monthly check-in')).toBeVisible();
  await page.getByRole('radio', { name: 'At risk' }).check();
  await page
    .getByRole('textbox', { name: 'Note' })
    .fill('The proposal slipped a week: the incident review took priority.');
  await page.getByRole('button', { name: 'Save the check-in' }).click();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'The proposal slipped a week' }),
  ).toContainText('At risk');
  await shot(page, '04-check-in');
  await expectAccessible(page, 'check-ins');

  // A change after agreement is a new version; both must agree again.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page
    .getByRole('textbox', { name: 'Evidence of success' })
    .fill('The proposal is accepted and the new rota has run for two months.');
  await page.getByRole('textbox', { name: 'What changed' }).fill('Longer trial of the rota');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByText('Version 2 needs both of you to agree again')).toBeVisible();
  await page.getByRole('tab', { name: /Versions/ }).click();
  const changes = page.getByRole('table', { name: 'Changes from version 1 to version 2' });
  await expect(changes).toContainText('Evidence of success');
  await expect(changes).toContainText('has run for two months');
  await shot(page, '05-versions-compare');
  await expectAccessible(page, 'versions compare');
  await page.getByRole('button', { name: 'I agree to version 2' }).click();
  await expect(page.getByText(/Tomas Bergman \(engineer\):\s*agreed/)).toBeVisible();
  await context.close();
});

test('a manager change: handover note to the engineer first, then the new manager', async ({
  browser,
}) => {
  await admin.post('/api/reporting-lines', {
    reportId: engineerId,
    managerId: newManagerId,
    startsOn: today(),
  });

  // The outgoing manager can no longer open the contract, but writes the handover note.
  const outgoing = await newPage(browser, server.url);
  await signIn(outgoing.page, OLD.email, OLD.password);
  await outgoing.page.goto(`/contracts/${contractId}`);
  await expect(outgoing.page.getByText(/does not exist or you do not have access/)).toBeVisible();
  await outgoing.page.goto('/contract');
  await outgoing.page
    .getByRole('textbox', { name: 'Your handover note' })
    .fill(
      'Tomas is two weeks from a strong proposal. Keep the Thursday design slot; the guild intro is still owed.',
    );
  await outgoing.page.getByRole('button', { name: 'Save the note' }).click();
  await expect(outgoing.page.getByText('Written', { exact: true })).toBeVisible();
  await shot(outgoing.page, '06-handover-write');
  await expectAccessible(outgoing.page, 'handover write');
  await outgoing.context.close();

  // Before the engineer shares it, the new manager sees the contract but not the note.
  const incoming = await newPage(browser, server.url);
  await signIn(incoming.page, NEW.email, NEW.password);
  await incoming.page.goto(`/contracts/${contractId}`);
  await expect(incoming.page.getByRole('heading', { level: 2, name: GOAL })).toBeVisible();
  await expect(incoming.page.getByText('Thursday design slot')).toHaveCount(0);

  const engineer = await newPage(browser, server.url);
  await signIn(engineer.page, ENGINEER.email, ENGINEER.password);
  await engineer.page.goto(`/contracts/${contractId}`);
  await expect(engineer.page.getByText(/Keep the Thursday design slot/)).toBeVisible();
  await expect(engineer.page.getByText(/Only you can read this for now/)).toBeVisible();
  await shot(engineer.page, '07-handover-engineer');
  await engineer.page.getByRole('button', { name: `Share with ${NEW.name} now` }).click();
  await expect(engineer.page.getByText(/You shared it with Jonas Ek/)).toBeVisible();
  await engineer.context.close();

  await incoming.page.reload();
  await expect(incoming.page.getByText(/Keep the Thursday design slot/)).toBeVisible();
  await incoming.page.getByRole('tab', { name: /Commitments/ }).click();
  await expect(
    incoming.page.getByText(/Made by Rosa Lindqvist, who no longer manages/),
  ).toBeVisible();
  await shot(incoming.page, '08-new-manager-takeover');
  await incoming.page.getByRole('button', { name: 'Take it over as it is' }).click();
  await expect(incoming.page.getByText('Taken over from Rosa Lindqvist')).toBeVisible();
  await incoming.page.getByRole('tab', { name: 'Plan' }).click();
  await incoming.page.emulateMedia({ colorScheme: 'dark' });
  await shot(incoming.page, '09-contract-dark');
  await incoming.page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(incoming.page, 'contract, new manager');
  await incoming.context.close();
});
