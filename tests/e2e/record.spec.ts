import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { DEMO, as, expectNoAxeViolations, shoot } from './helpers';

/**
 * The signed learner record in the browser (issue 22): the learner downloads hers from her home page and it verifies
 * offline against the centre's published keys; her assessor has the same link on her page, her coach none; an
 * administrator imports it on the records page (a record of this Criterion brings nothing twice) and sees it listed.
 */
test('a learner downloads her signed record, which verifies; an administrator imports it', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-record-e2e-'));
  const page = await as(browser, DEMO.learner);
  await page.goto('/learner');
  const section = page.getByRole('region', { name: 'Your signed record' });
  await expect(section).toContainText('Anyone can check it is genuine');
  await section.scrollIntoViewIfNeeded();
  await shoot(page, 'record-learner-home');
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download signed record (.zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^criterion-record-.+-\d{4}-\d{2}-\d{2}\.zip$/);
  const file = path.join(dir, 'record.zip');
  await download.saveAs(file);

  // Offline, with nothing but the file and the centre's published keys.
  const out = execFileSync(
    'npx',
    ['tsx', 'scripts/record.ts', 'verify', file, '--jwks', `${BASE_URL}/.well-known/criterion-keys.json`],
    {
      encoding: 'utf8',
    },
  );
  expect(out).toContain('Record verified');
  expect(out).toMatch(/EE2 Win and keep customers: \d+ of \d+ criteria met/);
  const me = (await page.request.get('/api/me').then((r) => r.json())) as { id: string; name: string };
  const learnerId = me.id;
  await page.context().close();

  // Her assessor has the same link on her page; her coach may not download it.
  const assessor = await as(browser, DEMO.assessor);
  await assessor.goto(`/learners/${learnerId}`);
  await expect(assessor.getByRole('region', { name: 'Signed record' })).toBeVisible();
  const fromAssessor = await assessor.request.get(`/api/record/${learnerId}`);
  expect(fromAssessor.status()).toBe(200);
  expect(fromAssessor.headers()['content-type']).toBe('application/zip');
  await assessor.context().close();
  const coach = await as(browser, DEMO.coach);
  expect((await coach.request.get(`/api/record/${learnerId}`)).status()).toBe(403);
  await coach.context().close();

  const admin = await as(browser, DEMO.admin);
  await admin.goto('/admin/records');
  await expect(admin.getByRole('heading', { name: 'Learner records', level: 1 })).toBeVisible();
  await admin.getByLabel('Signed learner record (.zip)').setInputFiles(file);
  await admin.getByRole('button', { name: 'Check and import' }).click();
  await expect(admin.getByRole('status')).toContainText(
    'Brought in: 0 piece(s) of evidence, 0 recognised prior decision(s)',
  );
  await shoot(admin, 'record-admin-import');
  await expectNoAxeViolations(admin);
  // A changed record is refused, naming what changed.
  const changed = fs.readFileSync(file);
  await admin.getByLabel('Signed learner record (.zip)').setInputFiles({
    name: 'changed.zip',
    mimeType: 'application/zip',
    buffer: Buffer.concat([changed.subarray(0, 100), Buffer.from('x'), changed.subarray(101)]),
  });
  await admin.getByRole('button', { name: 'Check and import' }).click();
  await expect(admin.locator('#main').getByRole('alert')).toContainText('Nothing was imported');
  await admin.reload();
  await expect(admin.getByRole('row', { name: new RegExp(me.name) })).toBeVisible();
  await admin.context().close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Open Badges (issue 22): Bea has completed unit 306/696 (tests/e2e/seed.ts), so opening her badges issues its badge.
 * She downloads it and it verifies offline against the published keys; its public page, opened by someone not signed
 * in, shows the achievement, her name and the date, and that the signature verifies.
 */
test('a learner with a completed unit opens her badge, which verifies, and its public page', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-badge-e2e-'));
  const page = await as(browser, 'badge.learner@e2e.example');
  await page.goto('/learner');
  await page.getByRole('link', { name: 'My badges', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My badges', level: 1 })).toBeVisible();
  const badge = page.getByTestId('badge');
  await expect(badge).toHaveCount(1);
  await expect(badge.getByRole('heading')).toContainText('306/696');
  await expect(badge).toContainText('Valid');
  await shoot(page, 'badges-learner');
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    badge.getByRole('link', { name: /^Download badge \(\.jwt\)/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^criterion-badge-u306-customers-retention-[0-9a-f]{8}\.jwt$/);
  const file = path.join(dir, 'badge.jwt');
  await download.saveAs(file);
  const out = execFileSync(
    'npx',
    ['tsx', 'scripts/record.ts', 'verify', file, '--jwks', `${BASE_URL}/.well-known/criterion-keys.json`, '--status'],
    { encoding: 'utf8' },
  );
  expect(out).toContain('Badge verified');
  expect(out).toContain('Status: not revoked');
  expect(out).toContain('Awarded to: Bea Badge');

  const json = await page.request.get((await badge.getByRole('link', { name: /^View as JSON/ }).getAttribute('href'))!);
  expect(json.status()).toBe(200);
  expect(((await json.json()) as { type: string[] }).type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);

  // The public page, for someone who is not signed in.
  const publicPath = (await badge.getByRole('link', { name: /^Public page/ }).getAttribute('href'))!;
  await page.context().close();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(publicPath);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText('306/696');
  await expect(visitor.getByTestId('badge-signature')).toContainText('The signature verifies');
  await expect(visitor.getByTestId('badge-learner')).toHaveText('Bea Badge');
  await expect(visitor.getByTestId('badge-revoked')).toHaveCount(0);
  await shoot(visitor, 'badges-public');
  await expectNoAxeViolations(visitor);
  await visitor.context().close();

  // An administrator finds it among the badges issued, with the form to revoke it (revoking: tests/integration).
  const admin = await as(browser, DEMO.admin);
  await admin.goto('/admin/badges');
  const row = admin.getByTestId('admin-badge').filter({ hasText: 'Bea Badge' });
  await expect(row.getByRole('link', { name: /306\/696/ })).toHaveAttribute('href', publicPath);
  await expect(row.getByLabel('Why revoke Bea Badge’s 306/696 badge?')).toBeVisible();
  await shoot(admin, 'badges-admin');
  await expectNoAxeViolations(admin);
  await admin.context().close();
  fs.rmSync(dir, { recursive: true, force: true });
});
