import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, shoot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

test('an admin creates an account with a one-time password; disabling it locks the person out at once', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.admin);
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Needs your attention' })).toBeVisible();
  await shoot(page, 'admin-home');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'New account' }).first().click();
  await page.getByLabel('Full name').fill('Nina Newcomer');
  await page.getByLabel('Email address').fill('Nina.Newcomer@e2e.example');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Account created for Nina Newcomer.')).toBeVisible();
  const password = (await page.getByTestId('one-time-password').textContent())!.trim();
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await shoot(page, 'admin-new-account');
  await expectNoAxeViolations(page);

  // The new learner signs in with it, and must choose her own password before anything else (ASVS 2.1.5).
  const nina = await (await browser.newContext()).newPage();
  await signIn(nina, 'nina.newcomer@e2e.example', password);
  await expect(nina).toHaveURL(/\/account$/);
  await expect(nina.getByText('Your password was set by an administrator')).toBeVisible();
  await expectNoAxeViolations(nina);
  await nina.getByLabel('Current password').fill(password);
  await nina.getByLabel('New password', { exact: true }).fill('password123456');
  await nina.getByLabel('New password again').fill('password123456');
  await nina.getByRole('button', { name: 'Change password' }).click();
  // Once, at the field (not again in the form's message), and focus is taken there so it is announced.
  await expect(nina.getByText(/too common/)).toHaveCount(1);
  await expect(nina.getByLabel('New password', { exact: true })).toBeFocused();
  await expect(nina.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await nina.goto('/learner');
  await expect(nina).toHaveURL(/\/account$/);
  await nina.getByLabel('Current password').fill(password);
  await nina.getByLabel('New password', { exact: true }).fill('violet tram under 9 bridges');
  await nina.getByLabel('New password again').fill('violet tram under 9 bridges');
  await nina.getByRole('button', { name: 'Change password' }).click();
  await expect(nina.getByText('Password changed.')).toBeVisible();
  await nina.goto('/learner');
  await expect(nina.getByRole('heading', { level: 1, name: /Welcome, Nina/ })).toBeVisible();
  await expect(nina.getByText('You are not enrolled on a module yet')).toBeVisible();

  // Assign an assessor and enrol her, then disable the account.
  await page.getByRole('link', { name: /Open Nina Newcomer/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nina Newcomer' })).toBeVisible();
  await page.getByLabel('Assign an assessor or coach').selectOption({ label: 'Priya Shah (assessor@example.com)' });
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Priya Shah' }).getByRole('button', { name: 'Remove' }),
  ).toBeVisible();
  await page.getByRole('checkbox', { name: 'EE2 Win and keep customers' }).check();
  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Take off' })).toBeVisible();
  await shoot(page, 'admin-account');
  await expectNoAxeViolations(page);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Disable account' }).click();
  await expect(page.getByText('Account disabled.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enable account' })).toBeVisible();

  // Her open session ends on her next click.
  await nina.goto('/learner');
  await expect(nina).toHaveURL(/\/signin/);
  await nina.context().close();

  await page.goto('/admin');
  await expect(page.getByRole('list').filter({ hasText: 'disabled an account' }).first()).toBeVisible();
});

test('a CSV import shows every row\u2019s problem first, then imports all rows together', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.admin);
  await page.goto('/admin/import');
  const csv = page.getByLabel('Or paste the rows');
  await csv.fill(
    'name,email,cohort,modules\nOla Importer,ola.importer@e2e.example,E2E import cohort,EE2;306/696\nBad Address,not-an-email,,\nNo Module,no.module@e2e.example,,XYZ',
  );
  await page.getByRole('button', { name: 'Check the file' }).click();
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('Row 3: email \u2018not-an-email\u2019 is not a valid address.');
  await expect(problems).toContainText('Row 4: module \u2018XYZ\u2019 does not exist.');
  await expect(page.getByRole('button', { name: /^Import / })).toHaveCount(0);
  await shoot(page, 'admin-import-errors');
  await expectNoAxeViolations(page);

  // The third name is a spreadsheet formula: the passwords file must hand it back as text (lib/csv.ts).
  await csv.fill(
    'name,email,cohort,modules\nOla Importer,ola.importer@e2e.example,E2E import cohort,EE2;306/696\nPiotr Importer,piotr.importer@e2e.example,E2E import cohort,EE2\n' +
      '"=HYPERLINK(""https://evil.example"",""Click"")",formula.name@e2e.example,E2E import cohort,EE2',
  );
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { name: 'Ready to import 3 learners' })).toBeVisible();
  await page.getByRole('button', { name: 'Import 3 learners' }).click();
  await expect(page.getByText(/3 learners imported; new cohort: E2E import cohort/)).toBeVisible();
  const download = page.getByRole('link', { name: 'Download passwords (CSV)' });
  await expect(download).toHaveAttribute('download', 'criterion-new-passwords.csv');
  const file = decodeURIComponent((await download.getAttribute('href'))!.replace(/^data:text\/csv;charset=utf-8,/, ''));
  expect(file).toMatch(
    /^"'=HYPERLINK\(""https:\/\/evil\.example"",""Click""\)",formula\.name@e2e\.example,E2E import cohort,[a-z2-9-]{19}\r$/m,
  );
  expect(file).toMatch(/^Ola Importer,ola\.importer@e2e\.example,E2E import cohort,[a-z2-9-]{19}\r$/m);
  await shoot(page, 'admin-import');

  await page.goto('/admin/cohorts');
  await page.getByRole('link', { name: 'E2E import cohort' }).click();
  await expect(page.getByRole('rowheader', { name: 'Ola Importer' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Piotr Importer' })).toBeVisible();
  await shoot(page, 'admin-cohort');
  await expectNoAxeViolations(page);

  await page.goto('/admin/accounts?q=importer');
  await expect(page.getByRole('status')).toHaveText('2 accounts');
  await shoot(page, 'admin-accounts');
  await expectNoAxeViolations(page);
});

test('admin pages are for admins only', async ({ page }) => {
  await signIn(page, DEMO.coach);
  for (const path of ['/admin', '/admin/accounts', '/admin/import', '/admin/cohorts']) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
});

test('an admin checks the audit chain from the portal and sees it intact', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByTestId('audit-check')).toHaveCount(0);
  await page.getByRole('button', { name: 'Check the whole chain now' }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?check=1$/);
  await expect(page.getByTestId('audit-check')).toContainText('The audit chain is intact');
  await expectNoAxeViolations(page);
  await shoot(page, 'admin-audit');
});
