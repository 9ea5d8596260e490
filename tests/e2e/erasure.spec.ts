import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, shoot, signIn } from './helpers';

/**
 * Data protection (issue 22): an administrator offers a learner their signed record (a subject-access request) and
 * erases their personal data from the learner's account page, typing the learner's email to confirm. The learner's
 * session ends at once, they cannot sign in again, and lists show the pseudonym. A learner made for the test, so the
 * demo learners other journeys use are untouched.
 */
test('an administrator erases a learner: typed confirmation, session ended, pseudonym shown', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.admin);
  await page.goto('/admin/accounts/new');
  await page.getByLabel('Full name').fill('Esme Erasable');
  await page.getByLabel('Email address').fill('esme.erasable@e2e.example');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Account created for Esme Erasable.')).toBeVisible();
  const password = (await page.getByTestId('one-time-password').textContent())!.trim();

  const esme = await (await browser.newContext()).newPage();
  await signIn(esme, 'esme.erasable@e2e.example', password);
  await expect(esme).toHaveURL(/\/account$/);

  await page.getByRole('link', { name: /Open Esme Erasable/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Esme Erasable' })).toBeVisible();
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Data protection' }) });
  await expect(card.getByRole('link', { name: 'Download signed record (.zip)' })).toHaveAttribute(
    'href',
    /\/api\/record\/[0-9a-f-]{36}$/,
  );
  const erase = card.getByRole('button', { name: 'Erase personal data' });
  await expect(erase).toBeEnabled();

  // Without the right address nothing happens, and the field says what to type.
  await card.getByLabel('Why').fill('The learner asked us to, by email on 3 December.');
  await card.getByLabel(/to confirm/).fill('someone.else@e2e.example');
  await erase.click();
  await expect(card.getByText(/Type the learner’s email address, esme\.erasable@e2e\.example/)).toBeVisible();
  await expect(card.getByLabel(/to confirm/)).toHaveAttribute('aria-invalid', 'true');
  await shoot(page, 'admin-erasure-refused');
  await expectNoAxeViolations(page);

  await card.getByLabel(/to confirm/).fill('esme.erasable@e2e.example');
  await erase.click();
  // The form's own "Erased: the account is now …" lasts only until the page refreshes into the erased account's view
  // (which no longer has the form), so the test reads what stays: the pseudonym and the erasure's record.
  await expect(page.getByRole('heading', { level: 1, name: /^Erased learner [0-9a-f]{6}$/ })).toBeVisible();
  await expect(page.getByText(/Personal data erased on .* by Sam Okafor/)).toBeVisible();
  await shoot(page, 'admin-erasure-done');
  await expectNoAxeViolations(page);

  // Her session ends on her next click, and her address no longer signs in.
  await esme.goto('/account');
  await expect(esme).toHaveURL(/\/signin/);
  await esme.getByLabel('Email address').fill('esme.erasable@e2e.example');
  await esme.getByLabel('Password').fill(password);
  await esme.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(esme.getByText(/do not match an account/)).toBeVisible();
  await esme.context().close();

  // Lists show the pseudonym, never her name.
  await page.goto('/admin/accounts?q=erased');
  await expect(page.getByRole('link', { name: /^Erased learner [0-9a-f]{6}$/ })).toBeVisible();
  await page.goto('/admin/accounts?q=esme');
  await expect(page.getByRole('link', { name: /Esme Erasable/ })).toHaveCount(0);
});
