import { expect, test, type Page } from '@playwright/test';
import { DEMO, as, expectNoAxeViolations, shoot } from './helpers';

test.describe.configure({ mode: 'serial' });

const EQA = 'eqa@example.com';
const NEW_EQA = { name: 'Nadia Visit', email: 'nadia.eqa@e2e.example', password: 'walnut ferry after 7 lanterns' };
const ukDay = (offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offset * 86_400_000));

async function refused(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'This page is not open to your account' })).toBeVisible();
}

/**
 * The external quality assurer (issue 20). Grace, the demo's EQA, is on an open visit with the winter intake's sample
 * shared: she reads the sample, an item (read-only), a learner's record and the pack, and nothing else. Then an
 * administrator sets up a visit for a new assurer, shares the sample, and ends the visit while she is signed in: her
 * next request sends her to sign in, and signing in again is refused. Every page is checked with axe.
 */
test('the EQA reads only the shared sample, read-only', async ({ browser }) => {
  test.setTimeout(300_000);
  const eqa = await as(browser, EQA);
  await expect(eqa).toHaveURL(/\/eqa$/);
  await expect(eqa.getByRole('heading', { level: 1, name: 'Skills CFA visit' })).toBeVisible();
  const sample = eqa.getByRole('region', { name: /^Start-up programme, winter intake: sample drawn/ });
  await expect(sample).toBeVisible();
  await expect(sample).toContainText('Sampling plan: Centre sampling plan 2026, version 1');
  await expect(sample.getByText('Why it was drawn').first()).toBeVisible();
  await expect(sample).toContainText('Snapshot SHA-256');
  // Only the shared (winter) sample: the spring intake's learners are not there.
  await expect(eqa.getByText('spring intake')).toHaveCount(0);
  await expect(eqa.getByText('Amira Khan')).toHaveCount(0);
  await expectNoAxeViolations(eqa);
  await shoot(eqa, 'eqa-home');

  await sample.getByRole('link', { name: /^EE2 PC 1:/ }).click();
  await expect(eqa.getByRole('heading', { level: 1, name: 'Sampled decision' })).toBeVisible();
  await expect(eqa.getByRole('region', { name: 'As sampled (frozen at the draw)' })).toContainText(
    'Customer survey at the farmers',
  );
  await expect(eqa.getByRole('button', { name: /Record verdict|Close action/ })).toHaveCount(0);
  await expectNoAxeViolations(eqa);
  await shoot(eqa, 'eqa-item');

  await eqa.getByRole('link', { name: 'Chloe Patel’s record of this unit' }).click();
  await expect(eqa.getByRole('heading', { level: 1, name: 'Chloe Patel' })).toBeVisible();
  await expectNoAxeViolations(eqa);
  await shoot(eqa, 'eqa-learner-record');

  await eqa.goto('/eqa');
  await eqa.getByRole('link', { name: 'Pack to print' }).click();
  await expect(eqa.getByRole('heading', { level: 1, name: 'Skills CFA visit' })).toBeVisible();
  await expect(eqa.getByText('External quality assurance pack')).toBeVisible();
  await expect(eqa.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await expectNoAxeViolations(eqa);
  await shoot(eqa, 'eqa-pack');
  const json = await eqa.request.get(
    await eqa.getByRole('link', { name: 'Download as JSON' }).getAttribute('href').then(String),
  );
  expect(json.status()).toBe(200);
  const pack = (await json.json()) as { format: string; samples: { plan: { version: number }; items: unknown[] }[] };
  expect(pack.format).toBe('criterion-eqa-pack/1');
  expect(pack.samples[0]!.plan.version).toBe(1);
  expect(pack.samples[0]!.items.length).toBeGreaterThan(0);

  // Nothing outside the visit: staff and admin pages, the quality pages.
  for (const url of ['/quality', '/admin', '/assessor', '/coach', '/learner']) await refused(eqa, url);
});

test('an administrator sets up a visit and ends it: the assurer is refused at once', async ({ browser }) => {
  test.setTimeout(300_000);
  const admin = await as(browser, DEMO.admin);
  await admin.goto('/admin/eqa');
  await expect(admin.getByRole('heading', { level: 1, name: 'External quality assurance' })).toBeVisible();
  await expectNoAxeViolations(admin);
  // The server checks the dates.
  await admin.getByLabel('Assurer’s full name').fill(NEW_EQA.name);
  await admin.getByLabel('Email address').fill(NEW_EQA.email);
  await admin.getByLabel('Awarding body').fill('Skills CFA');
  await admin.getByLabel('First day of the visit').fill(ukDay(0));
  await admin.getByLabel('Last day of the visit').fill(ukDay(-1));
  await admin.getByRole('button', { name: 'Create the visit' }).click();
  await expect(admin.getByText('The last day cannot be before the first day.')).toBeVisible();
  await admin.getByLabel('Last day of the visit').fill(ukDay(2));
  await admin.getByRole('button', { name: 'Create the visit' }).click();
  await expect(admin.getByText(`Visit created for ${NEW_EQA.name}.`)).toBeVisible();
  const password = (await admin.getByTestId('one-time-password').textContent())!.trim();
  await shoot(admin, 'eqa-admin-list');
  await admin.getByRole('link', { name: 'Choose the samples to share with the visit' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Skills CFA visit' })).toBeVisible();
  const winter = admin.getByRole('listitem').filter({ hasText: 'Start-up programme, winter intake' }).first();
  await winter.getByRole('button', { name: 'Share' }).click();
  await expect(winter.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
  await expectNoAxeViolations(admin);
  await shoot(admin, 'eqa-admin-visit');

  // The new assurer signs in, replaces the password she was given, and reads the shared sample.
  const ctx = await browser.newContext();
  const nadia = await ctx.newPage();
  await nadia.goto('/signin');
  await nadia.getByLabel('Email address').fill(NEW_EQA.email);
  await nadia.getByLabel('Password').fill(password);
  await nadia.getByRole('button', { name: 'Sign in', exact: true }).click();
  await nadia.getByLabel('Current password').fill(password);
  await nadia.getByLabel('New password', { exact: true }).fill(NEW_EQA.password);
  await nadia.getByLabel('New password again').fill(NEW_EQA.password);
  await nadia.getByRole('button', { name: 'Change password' }).click();
  await expect(nadia.getByText(/password (is )?changed/i).first()).toBeVisible();
  await nadia.goto('/eqa');
  await expect(nadia.getByRole('heading', { level: 1, name: 'Skills CFA visit' })).toBeVisible();
  await expect(nadia.getByRole('region', { name: /^Start-up programme, winter intake: sample drawn/ })).toBeVisible();

  // The administrator ends the visit: her open session stops working at its next request.
  admin.once('dialog', (d) => void d.accept());
  await admin.getByRole('button', { name: 'End the visit now' }).click();
  await expect(admin.getByText('Ended', { exact: true })).toBeVisible();
  await nadia.reload();
  await expect(nadia).toHaveURL(/\/signin/);
  const api = await nadia.request.get('/api/eqa/visits/00000000-0000-4000-8000-000000000000/pack');
  expect(api.status()).toBe(401);
  await nadia.getByLabel('Email address').fill(NEW_EQA.email);
  await nadia.getByLabel('Password').fill(NEW_EQA.password);
  await nadia.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(
    nadia.getByText('Your access as external quality assurer is open only during your visit.', { exact: false }),
  ).toBeVisible();
  await expectNoAxeViolations(nadia);
  await shoot(nadia, 'eqa-refused');
});
