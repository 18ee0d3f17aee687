import { expect, test } from '@playwright/test';
import { ADMIN, completeSetup, createPerson, newPage, signIn } from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { useFreshServer } from './fixtures/server.ts';

const server = useFreshServer();

// The second test signs in as the admin the first one set up.
test.describe.configure({ mode: 'serial' });

test('the directory pages through a large organisation, and the skip link works', async ({
  browser,
}) => {
  const admin = await completeSetup(server.url);
  for (let index = 1; index <= 30; index += 1) {
    const number = String(index).padStart(2, '0');
    await createPerson(admin, {
      name: `Person ${number}`,
      email: `person${number}@example.com`,
      title: 'Engineer',
      managerId: admin.personId,
    });
  }
  await admin.dispose();

  const { context, page } = await newPage(browser, server.url);
  await signIn(page, ADMIN.email, ADMIN.password);

  // Keyboard users can jump past the header and menu.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  await page.goto('/people');
  const rows = page.getByRole('table', { name: 'Everyone in the directory' }).getByRole('row');
  await expect(rows).toHaveCount(26); // header + the first page of 25
  await expect(page.getByText('Showing the first 25 people')).toBeVisible();
  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(rows).toHaveCount(32); // header + everyone: 30 people and the admin
  await expect(page.getByText('Showing all 31 people')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show more' })).toHaveCount(0);
  await context.close();
});

test('on a phone the menu opens from the burger and stays out of the way when closed', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, server.url, {
    viewport: { width: 390, height: 844 },
  });
  await signIn(page, ADMIN.email, ADMIN.password);
  const menu = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(menu.getByRole('link', { name: 'Directory' })).not.toBeInViewport();
  await expectAccessible(page, 'home on a phone');

  // The closed menu is not in the tab order: after the skip link comes the burger.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Open navigation' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu.getByRole('link', { name: 'Directory' })).toBeInViewport();
  await menu.getByRole('link', { name: 'Directory' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Directory' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Directory' })).not.toBeInViewport();
  await expectAccessible(page, 'directory on a phone');
  await context.close();
});
