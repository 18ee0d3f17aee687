import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { ADMIN, completeSetup, createPerson, newPage, setPassword } from './fixtures/api.ts';
import type { SignedInApi } from './fixtures/api.ts';
import { useFreshServer } from './fixtures/server.ts';

/**
 * Screenshots of every page, light and dark, desktop and phone, for reviewing the design by eye.
 * Opt-in: `SHOTS_DIR=/tmp/shots npx playwright test e2e/screenshots.spec.ts`.
 */
const SHOTS_DIR = process.env.SHOTS_DIR ?? '';
test.skip(!SHOTS_DIR, 'set SHOTS_DIR to take screenshots');

const server = useFreshServer();
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'a quiet river under seven bridges';

type Step = (page: Page) => Promise<void>;

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await page.screenshot({ path: path.join(SHOTS_DIR, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function visit(
  browser: Browser,
  name: string,
  step: Step,
  signedInAs: { email: string; password: string } | null,
): Promise<void> {
  for (const [suffix, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const { context, page } = await newPage(browser, server.url, { viewport });
    if (signedInAs) {
      const response = await page.request.post('/api/sessions', { data: signedInAs });
      expect(response.ok()).toBe(true);
    }
    await step(page);
    await shoot(page, `${name}-${suffix}`);
    await context.close();
  }
}

test('screenshots of every page', async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(SHOTS_DIR, { recursive: true });

  await visit(
    browser,
    '01-setup',
    async (page) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Set up Trajectory' })).toBeVisible();
    },
    null,
  );

  const admin: SignedInApi = await completeSetup(server.url);
  const director = await createPerson(admin, {
    name: 'Priya Raman',
    email: 'priya@example.com',
    title: 'Director of Engineering',
    team: 'Engineering',
    managerId: admin.personId,
  });
  const manager = await createPerson(admin, {
    name: 'Maya Okafor',
    email: 'maya@example.com',
    title: 'Engineering Manager',
    team: 'Payments',
    managerId: director,
  });
  const report = await createPerson(admin, {
    name: 'Leo Brandt',
    email: 'leo@example.com',
    title: 'Senior Engineer',
    team: 'Payments',
    managerId: manager,
  });
  for (const [name, title] of [
    ['Sam Whitfield', 'Engineer'],
    ['Noor Haddad', 'Staff Engineer'],
  ] as const) {
    await createPerson(admin, {
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}@example.com`,
      title,
      team: 'Payments',
      managerId: manager,
    });
  }
  await setPassword(admin, report, PASSWORD);
  const invite = await admin.post<{ url: string }>(`/api/people/${manager}/invitations`, {});
  const adminLogin = { email: ADMIN.email, password: ADMIN.password };
  const engineerLogin = { email: 'leo@example.com', password: PASSWORD };

  await visit(
    browser,
    '02-sign-in',
    async (page) => {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
    },
    null,
  );
  await visit(
    browser,
    '03-set-password',
    async (page) => {
      await page.goto(new URL(invite.url).pathname + new URL(invite.url).hash);
      await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
    },
    null,
  );
  await visit(
    browser,
    '04-home-admin',
    async (page) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: /Hello/ })).toBeVisible();
    },
    adminLogin,
  );
  await visit(
    browser,
    '05-home-engineer',
    async (page) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: /Hello/ })).toBeVisible();
    },
    engineerLogin,
  );
  await visit(
    browser,
    '06-directory',
    async (page) => {
      await page.goto('/people');
      await expect(
        page.getByRole('link', { name: 'Noor Haddad' }).locator('visible=true'),
      ).toBeVisible();
    },
    engineerLogin,
  );
  await visit(
    browser,
    '07-directory-empty-search',
    async (page) => {
      await page.goto('/people?q=zzz');
      await expect(page.getByText('Nobody matches')).toBeVisible();
    },
    engineerLogin,
  );
  await visit(
    browser,
    '08-person-engineer',
    async (page) => {
      await page.goto(`/people/${report}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
    engineerLogin,
  );
  await visit(
    browser,
    '09-person-admin',
    async (page) => {
      await page.goto(`/people/${manager}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
    adminLogin,
  );
  await visit(
    browser,
    '10-org-chart',
    async (page) => {
      await page.goto('/org-chart');
      await page.getByRole('button', { name: /Show Ada Admin's reports/ }).click();
      await page.getByRole('button', { name: /Show Priya Raman's reports/ }).click();
      await page.getByRole('button', { name: /Show Maya Okafor's reports/ }).click();
      await expect(page.getByRole('link', { name: 'Leo Brandt' })).toBeVisible();
    },
    engineerLogin,
  );
  await visit(
    browser,
    '11-manage-people',
    async (page) => {
      await page.goto('/admin/people');
      await expect(page.getByRole('table')).toBeVisible();
    },
    adminLogin,
  );
  await visit(
    browser,
    '12-edit-person',
    async (page) => {
      await page.goto(`/people/${report}`);
      await page.getByRole('button', { name: 'Edit' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expect(page.getByLabel('Name')).toHaveValue('Leo Brandt');
    },
    adminLogin,
  );
  await visit(
    browser,
    '13-change-manager',
    async (page) => {
      await page.goto(`/people/${report}`);
      await page.getByRole('button', { name: 'More' }).click();
      await page.getByRole('menuitem', { name: 'Change manager' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
    adminLogin,
  );
  await visit(
    browser,
    '14-invite-link',
    async (page) => {
      await page.goto(`/people/${report}`);
      await page.getByRole('button', { name: 'Reset password' }).click();
      await expect(page.getByRole('dialog').getByRole('textbox')).toHaveValue(/set-password/);
    },
    adminLogin,
  );
  await visit(
    browser,
    '15-import-preview',
    async (page) => {
      await page.goto('/admin/people/import');
      await page.locator('input[type="file"]').setInputFiles({
        name: 'people.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [
            'email,name,title,team,manager_email,start_date,timezone',
            'jo@example.com,Jo Park,Engineer,Payments,maya@example.com,2025-02-03,Europe/London',
            'leo@example.com,Leo Brandt,Staff Engineer,Payments,,,',
            'bad-email,Someone,,,,,',
            'kai@example.com,Kai Moreno,Engineer,Payments,ghost@example.com,2025-13-01,Mars/Base',
          ].join('\n'),
        ),
      });
      await expect(page.getByRole('table', { name: 'Rejected rows' })).toBeVisible();
    },
    adminLogin,
  );
  await visit(
    browser,
    '16-add-person',
    async (page) => {
      await page.goto('/admin/people');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Add person' }).click();
      await expect(page.getByText('Name is required')).toBeVisible();
    },
    adminLogin,
  );
  await visit(
    browser,
    '17-not-found',
    async (page) => {
      await page.goto('/nowhere');
      await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
    },
    engineerLogin,
  );
  await visit(
    browser,
    '18-person-missing',
    async (page) => {
      await page.goto('/people/00000000-0000-4000-8000-000000000000');
      await expect(page.getByRole('heading', { name: 'Person not found' })).toBeVisible();
    },
    engineerLogin,
  );
  await admin.dispose();
});
