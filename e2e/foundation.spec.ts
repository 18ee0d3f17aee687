import { expect, test } from '@playwright/test';
import { ADMIN, newPage } from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { useFreshServer } from './fixtures/server.ts';

const server = useFreshServer();

const MANAGER = { name: 'Maya Okafor', email: 'maya.okafor@example.com' };
const REPORT = { name: 'Leo Brandt', email: 'leo.brandt@example.com' };
const REPORT_PASSWORD = 'a quiet river under seven bridges';

const GOOD_CSV = [
  'email,name,title,team,manager_email,start_date,timezone',
  `${MANAGER.email},${MANAGER.name},Engineering Manager,Payments,,2023-04-03,Europe/London`,
  `${REPORT.email},${REPORT.name},Senior Engineer,Payments,${MANAGER.email},2024-01-15,Europe/Berlin`,
].join('\n');

const BAD_CSV = [
  'email,name,title,team,manager_email,start_date,timezone',
  `${MANAGER.email},${MANAGER.name},Engineering Manager,Payments,,2023-04-03,Europe/London`,
  `${REPORT.email},${REPORT.name},Senior Engineer,Payments,nobody@example.com,2024-01-15,Europe/Berlin`,
].join('\n');

const csvFile = (content: string) => ({
  name: 'people.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(content),
});

// One journey in order: each test continues from the state the previous one left.
test.describe.configure({ mode: 'serial' });

let inviteUrl = '';

test('setup, CSV import with a dry run, and an invitation', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);

  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Trajectory' })).toBeVisible();
  await expect(page).toHaveTitle('Set up Trajectory · Trajectory');
  await expectAccessible(page, 'setup');

  // Inline validation before anything is sent.
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByText('Organisation name is required')).toBeVisible();
  await expectAccessible(page, 'setup with errors');

  await page.getByLabel('Organisation name').fill(ADMIN.organizationName);
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Your work email').fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create organisation' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Ada' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(ADMIN.organizationName);
  await expectAccessible(page, 'home (admin)');

  await page.getByRole('link', { name: 'Import a CSV file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import people' })).toBeVisible();
  await expectAccessible(page, 'import');

  // A file with an unknown manager: the rejection names row, column and reason; Apply stays off.
  await page.locator('input[type="file"]').setInputFiles(csvFile(BAD_CSV));
  const rejections = page.getByRole('table', { name: 'Rejected rows' });
  await expect(rejections).toBeVisible();
  await expect(rejections.getByRole('row').nth(1)).toContainText('3');
  await expect(rejections.getByRole('row').nth(1)).toContainText('manager_email');
  await expect(page.getByRole('button', { name: 'Apply import' })).toBeDisabled();
  await expectAccessible(page, 'import preview with rejections');

  await page.locator('input[type="file"]').setInputFiles(csvFile(GOOD_CSV));
  const creates = page.getByRole('table', { name: 'Will be created' });
  await expect(creates).toContainText(MANAGER.name);
  await expect(creates).toContainText(REPORT.name);
  await expect(page.getByRole('table', { name: 'Rejected rows' })).toHaveCount(0);
  await expectAccessible(page, 'import preview');
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByRole('table', { name: 'Created' })).toContainText(REPORT.name);
  await expectAccessible(page, 'import applied');

  await page.getByRole('link', { name: 'Go to Manage people' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Manage people' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'People' })).toContainText(REPORT.email);
  await expectAccessible(page, 'manage people');

  await page.getByRole('link', { name: REPORT.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: REPORT.name })).toBeVisible();
  await expectAccessible(page, 'person (admin view)');

  await page.getByRole('button', { name: 'Invite' }).click();
  const dialog = page.getByRole('dialog', { name: `Invite ${REPORT.name}` });
  const link = dialog.getByLabel('Invitation link');
  await expect(link).toHaveValue(/\/set-password#/);
  inviteUrl = await link.inputValue();
  await expectAccessible(page, 'invitation dialog');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await context.close();
});

test('the report opens the link, chooses a password and sees their manager', async ({
  browser,
}) => {
  expect(inviteUrl).not.toBe('');
  const { context, page } = await newPage(browser, server.url);

  await page.goto(inviteUrl);
  await expect(
    page.getByRole('heading', { level: 1, name: `Welcome, ${REPORT.name}` }),
  ).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(REPORT.email);
  await expectAccessible(page, 'set password');

  await page.getByRole('textbox', { name: 'New password' }).fill('too short');
  await page.getByRole('button', { name: 'Save password and sign in' }).click();
  await expect(page.getByText('New password must be at least 15 characters')).toBeVisible();

  await page.getByRole('textbox', { name: 'New password' }).fill(REPORT_PASSWORD);
  await page.getByRole('textbox', { name: 'Repeat the password' }).fill(REPORT_PASSWORD);
  await page.getByRole('button', { name: 'Save password and sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Leo' })).toBeVisible();
  // Not an admin: no administration menu.
  await expect(page.getByRole('link', { name: 'Manage people' })).toHaveCount(0);
  await expectAccessible(page, 'home (engineer)');

  await page.getByRole('button', { name: `Account menu for ${REPORT.name}` }).click();
  await page.getByRole('menuitem', { name: 'My page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: REPORT.name })).toBeVisible();
  const manager = page.getByRole('region', { name: 'Manager' });
  await expect(manager.getByRole('link', { name: MANAGER.name })).toBeVisible();
  await expect(
    page.getByRole('table', { name: `Who ${REPORT.name} has reported to` }),
  ).toContainText(MANAGER.name);
  // Engineers see no admin actions.
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expectAccessible(page, 'own person page');

  // The link worked once.
  const reused = await context.newPage();
  await reused.goto(inviteUrl);
  await expect(
    reused.getByRole('heading', { level: 1, name: 'This link cannot be used' }),
  ).toBeVisible();
  await context.close();
});

test('directory search, org chart and the 404 page', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(REPORT.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(REPORT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Leo' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Directory' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Directory' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Everyone in the directory' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expectAccessible(page, 'directory');

  await page.getByLabel('Search people').fill('okaf');
  await expect(page).toHaveURL(/[?&]q=okaf/);
  const results = page.getByRole('table', { name: 'People matching "okaf"' });
  await expect(results.getByRole('row')).toHaveCount(2);
  await expect(results).toContainText(MANAGER.name);

  await page.getByLabel('Search people').fill('nobody-by-this-name');
  await expect(page.getByText('Nobody matches "nobody-by-this-name"')).toBeVisible();
  await expectAccessible(page, 'directory, no results');
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await expect(page.getByRole('table', { name: 'Everyone in the directory' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Org chart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Org chart' })).toBeVisible();
  const top = page.getByRole('list', { name: 'Top of the organisation' });
  await expect(top.getByRole('link', { name: MANAGER.name })).toBeVisible();
  await expect(top.getByRole('link', { name: REPORT.name })).toHaveCount(0);
  const toggle = page.getByRole('button', { name: `Show ${MANAGER.name}'s reports` });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('button', { name: `Hide ${MANAGER.name}'s reports` }),
  ).toHaveAttribute('aria-expanded', 'true');
  await expect(
    page
      .getByRole('list', { name: `Reports of ${MANAGER.name}` })
      .getByRole('link', { name: REPORT.name }),
  ).toBeVisible();
  await expectAccessible(page, 'org chart, expanded');

  await page.goto('/no-such-page');
  await expect(
    page.getByRole('heading', { level: 1, name: 'This page does not exist' }),
  ).toBeVisible();
  await expectAccessible(page, '404');
  await context.close();
});

test('signing in with a wrong password shows the error, then signing out', async ({ browser }) => {
  const { context, page } = await newPage(browser, server.url);
  await page.goto('/people');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpeople$/);
  await expectAccessible(page, 'sign in');

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not sign in');
  await expectAccessible(page, 'sign in with error');

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back where they were going.
  await expect(page.getByRole('heading', { level: 1, name: 'Directory' })).toBeVisible();

  await page.getByRole('button', { name: `Account menu for ${ADMIN.name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});

test('an admin adds a person, edits them, changes their manager and deactivates them', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Ada' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Manage people' }).click();
  await page.getByRole('button', { name: 'Add person' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add a person' });
  await addDialog.getByRole('button', { name: 'Add person' }).click();
  await expect(addDialog.getByText('Name is required')).toBeVisible();
  await expect(addDialog.getByText('Email is required')).toBeVisible();
  await expectAccessible(page, 'add person dialog with errors');

  // The server's answer lands on the field it names.
  await addDialog.getByLabel('Name').fill('Duplicate Maya');
  await addDialog.getByLabel('Email').fill(MANAGER.email);
  await addDialog.getByRole('button', { name: 'Add person' }).click();
  await expect(addDialog.getByText('Someone already has this email address.')).toBeVisible();

  await addDialog.getByLabel('Name').fill('Sam Whitfield');
  await addDialog.getByLabel('Email').fill('sam.whitfield@example.com');
  await addDialog.getByLabel('Job title').fill('Engineer');
  await addDialog.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sam Whitfield' })).toBeVisible();

  await page.getByRole('button', { name: 'Edit' }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit Sam Whitfield' });
  await expect(editDialog.getByLabel('Job title')).toHaveValue('Engineer');
  await editDialog.getByLabel('Team', { exact: true }).fill('Payments');
  await expectAccessible(page, 'edit person dialog');
  await editDialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(editDialog).toBeHidden();
  await expect(page.getByText('Engineer · Payments')).toBeVisible();

  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Change manager' }).click();
  const managerDialog = page.getByRole('dialog', { name: "Change Sam Whitfield's manager" });
  await managerDialog.getByLabel('New manager').fill('Maya');
  await page.getByRole('option', { name: /Maya Okafor/ }).click();
  await expectAccessible(page, 'change manager dialog');
  await managerDialog.getByRole('button', { name: 'Change manager' }).click();
  await expect(managerDialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Manager' })).toContainText(MANAGER.name);

  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate Sam Whitfield?' });
  await expectAccessible(page, 'deactivate dialog');
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByText('Deactivated', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite' })).toHaveCount(0);

  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Reactivate' }).click();
  await page
    .getByRole('dialog', { name: 'Reactivate Sam Whitfield?' })
    .getByRole('button', { name: 'Reactivate' })
    .click();
  await expect(page.getByText('Deactivated', { exact: true })).toHaveCount(0);
  await context.close();
});
