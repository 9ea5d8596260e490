import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, shoot, signIn } from './helpers';

test('anyone finds the glossary and the accessibility statement from any page, and both pass axe', async ({ page }) => {
  await page.goto('/modules');
  const help = page.getByRole('navigation', { name: 'Help' });
  await help.getByRole('link', { name: 'Glossary of statuses' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  // One state, one name: the criterion state the badges and dashboards both call "Awaiting judgement".
  const criteria = page.getByRole('region', { name: 'Criteria' });
  await expect(criteria.getByRole('term')).toHaveText(['No evidence', 'Awaiting judgement', 'Not yet met', 'Met']);
  await expect(page.getByText('Evidence submitted', { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shoot(page, 'glossary');

  await page.getByRole('navigation', { name: 'Help' }).getByRole('link', { name: 'Accessibility statement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeVisible();
  await expect(page.getByText('WCAG) 2.2 at level AA')).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, 'accessibility-statement');
});

test('signing in needs no puzzle and lets a password manager fill both fields (WCAG 3.3.8)', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByLabel('Email address')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Password')).toHaveAttribute('autocomplete', 'current-password');
  // Pasting is not blocked: a pasted password signs in like a typed one.
  await page.getByLabel('Email address').fill(DEMO.learner);
  await page.getByLabel('Password').focus();
  await page.evaluate(() => {
    const field = document.activeElement as HTMLInputElement;
    const data = new DataTransfer();
    data.setData('text/plain', 'pasted');
    const allowed = field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, cancelable: true }));
    field.dataset.pasteAllowed = String(allowed);
  });
  await expect(page.getByLabel('Password')).toHaveAttribute('data-paste-allowed', 'true');
  await signIn(page, DEMO.learner);
  await expect(page.getByRole('navigation', { name: 'Help' })).toBeVisible();
  await expectNoAxeViolations(page);
});
