import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_PASSWORD } from './accounts';

// Keyboard only: no clicks, no fills. Tab moves focus, typing and Enter do the rest.
const LEARNER = 'keyboard.learner@e2e.example';

async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

test('sign in, open the worksheet from the menu and answer a question using only the keyboard', async ({ page }) => {
  await page.goto('/signin');
  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(LEARNER);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(E2E_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // The skip link is the first stop on a freshly loaded page (F5).
  await page.reload();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();

  const worksheetsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worksheets' });
  await tabTo(page, worksheetsLink);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/worksheets$/);

  const open = page.getByRole('main').getByRole('link', { name: /Keeping customers/ }).first();
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Keeping customers: customer service' })).toBeVisible();

  const answer = page.getByRole('textbox', { name: 'Ask your customers', exact: true });
  await tabTo(page, answer, 200);
  await page.keyboard.type('I will ask three regular customers what they would change.');
  await expect(page.getByText('Saved', { exact: true }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Ask your customers', exact: true })).toHaveValue('I will ask three regular customers what they would change.');
});
