import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { as, DEMO, expectNoAxeViolations, SHOTS, shoot } from './helpers';

const LEARNER = 'progress.learner@e2e.example';
const LEARNER_NAME = 'Paul Progress';
const COHORT = 'Start-up programme, spring intake';
const FEEDBACK = 'Your survey shows clearly who your customers are.';

const ee2Card = (page: Page) => page.getByTestId('module-ee2-win-keep-customers');

test.describe.configure({ mode: 'serial' });

let learnerId = '';

test('the learner\u2019s home says what to do next; evidence and a hand-in show up as waiting', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await as(browser, LEARNER);
  await expect(page.getByRole('heading', { level: 1, name: /Welcome, Paul/ })).toBeVisible();
  await expect(page.getByText('Next step', { exact: true })).toBeVisible();
  await expect(ee2Card(page)).toContainText('0 of 26 met');
  await shoot(page, 'learner-home-empty');

  // Nothing recorded yet: the next step is to record evidence for a criterion, and its link says which.
  await expect(page.getByRole('link', { name: 'Record evidence' }).first()).toHaveAttribute(
    'href',
    /\/learner\/evidence\/new\?criterion=/,
  );
  await page.goto('/learner/evidence/new?criterion=ee2/pc/1');
  await expect(page.getByRole('heading', { level: 1, name: 'Record evidence' })).toBeVisible();
  await page.getByLabel('Title').fill('Customer survey at the craft fair');
  await page
    .getByLabel('Your account')
    .fill('I asked 30 visitors to my stall what they buy, how often and why they came back.');
  await expect(page.getByRole('button', { name: 'Remove EE2 PC 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Save evidence' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customer survey at the craft fair' })).toBeVisible();

  // A worksheet answer, handed in to the coach.
  await page.goto('/worksheets/ws-2-8-keeping-customers');
  await page
    .getByRole('textbox', { name: 'Ask your customers', exact: true })
    .fill('They want to know when new stock arrives: a monthly email.');
  await expect(page.locator('[data-save-status]')).toHaveText(/^Saved/);
  await page.getByRole('button', { name: /^Hand in to / }).click();
  await expect(page.getByRole('region', { name: 'Hand in to your Enterprise Coach' })).toContainText('Handed in');

  await page.goto('/learner');
  await expect(ee2Card(page)).toContainText('0 of 26 met · 1 awaiting judgement');
  learnerId = (await page.getByRole('link', { name: 'Printable record of EE2' }).getAttribute('href'))!.split('/')[2];
  expect(learnerId).toMatch(/^[0-9a-f-]{36}$/);
  await page.context().close();
});

test('the assessor clears one item from the queue, and the learner\u2019s progress bar moves', async ({ browser }) => {
  test.setTimeout(120_000);
  const staff = await as(browser, DEMO.assessor);
  await expect(staff.getByRole('heading', { level: 1, name: 'Assessment queue' })).toBeVisible();
  const item = staff.getByRole('link', { name: new RegExp(`${LEARNER_NAME}.*1 criterion`) });
  await expect(item).toBeVisible();
  await expect(item).toContainText('EE2 PC 1');
  await shoot(staff, 'assessor-home');
  await expectNoAxeViolations(staff);

  await item.click();
  await expect(staff).toHaveURL(new RegExp(`:\\d+/learners/${learnerId}`));
  const row = staff.locator('li#ee2-pc-1');
  await row
    .locator('label')
    .filter({ hasText: /^\W*Met$/ })
    .click();
  await row.getByLabel(/Feedback for the learner/).fill(FEEDBACK);
  await row.getByRole('button', { name: 'Save judgement' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Saved: EE2 PC 1 judged met.' })).toBeVisible();

  await staff.goto('/assessor');
  await expect(staff.getByRole('link', { name: new RegExp(`${LEARNER_NAME}.*criteri`) })).toHaveCount(0);
  await staff.context().close();

  const page = await as(browser, LEARNER);
  await expect(ee2Card(page)).toContainText('1 of 26 met · 0 awaiting judgement');
  await expect(ee2Card(page).getByRole('img')).toHaveAttribute('aria-label', /1 of 26 criteria met/);
  const feedback = page.getByRole('region', { name: 'Recent feedback' });
  await expect(feedback.getByText(FEEDBACK)).toBeVisible();
  await shoot(page, 'learner-home');
  await expectNoAxeViolations(page);
  await page.context().close();
});

test('the coach filters by cohort, opens a learner and reads their worksheet', async ({ browser }) => {
  test.setTimeout(120_000);
  const coach = await as(browser, DEMO.coach);
  await expect(coach.getByRole('heading', { level: 1, name: 'Your caseload' })).toBeVisible();
  const table = coach.getByRole('region', { name: 'Caseload table' });
  await expect(table.getByRole('link', { name: LEARNER_NAME })).toBeVisible();
  await shoot(coach, 'coach-home');
  await expectNoAxeViolations(coach);

  await coach.getByLabel('Cohort', { exact: true }).selectOption({ label: COHORT });
  await coach.getByRole('button', { name: 'Apply' }).click();
  await expect(coach).toHaveURL(/cohort=/);
  await expect(table.getByRole('link', { name: 'Amira Khan' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'Ben Carter' })).toBeVisible();
  await expect(table.getByRole('link', { name: LEARNER_NAME })).toHaveCount(0);
  await expect(coach.getByRole('heading', { level: 2, name: /Learners \(2\)/ })).toBeVisible();

  // The matrix for that cohort: a real table, every cell in words for screen readers.
  await coach.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Criteria matrix' }).click();
  // The caseload has Cohort and Module fields too: choose only once the matrix page is there.
  await expect(coach).toHaveURL(/\/coach\/matrix$/);
  await expect(coach.getByRole('button', { name: 'Show' })).toBeVisible();
  await coach.getByLabel('Cohort', { exact: true }).selectOption({ label: COHORT });
  await coach.getByLabel('Module', { exact: true }).selectOption({ label: 'EE2 Win and keep customers' });
  await coach.getByRole('button', { name: 'Show' }).click();
  // The chosen module's page has loaded (the first module's page also has a "PC 1" column).
  await expect(coach).toHaveURL(/module=ee2-win-keep-customers/);
  const matrix = coach.getByRole('table');
  await expect(matrix.getByRole('rowheader', { name: 'Amira Khan' })).toBeVisible();
  await expect(matrix.getByRole('columnheader', { name: 'PC 1', exact: true })).toBeVisible();
  // A cohort of two fits one page: no page links; the whole matrix also downloads as CSV (streamed, every page).
  await expect(coach.getByText(/^\d+ learners?, by name$/)).toBeVisible();
  await expect(coach.getByRole('navigation', { name: 'Pages of the matrix' })).toHaveCount(0);
  const csvHref = await coach.getByRole('link', { name: 'Download all pages (CSV)' }).getAttribute('href');
  const csv = await coach.request.get(csvHref!);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const lines = (await csv.text()).split('\r\n');
  expect(lines[0]).toMatch(/^Learner,EE2 PC 1,EE2 PC 2,/);
  expect(lines.filter((l) => /^(Amira Khan|Ben Carter),/.test(l))).toHaveLength(2);
  expect(lines.at(-2)).toMatch(/^Learners who met it,/);
  await shoot(coach, 'coach-matrix');
  await expectNoAxeViolations(coach);

  await coach.goto('/coach');
  await coach.getByRole('region', { name: 'Caseload table' }).getByRole('link', { name: LEARNER_NAME }).click();
  await expect(coach.getByRole('heading', { level: 1, name: LEARNER_NAME })).toBeVisible();
  await expect(coach.getByText(FEEDBACK)).toBeVisible();
  await shoot(coach, 'coach-learner');
  await expectNoAxeViolations(coach);
  await coach.getByRole('link', { name: /^Hand-in 1/ }).click();
  await expect(coach.getByRole('heading', { level: 1 })).toContainText(`${LEARNER_NAME} — Keeping customers`);
  await expect(coach.getByText('They want to know when new stock arrives: a monthly email.')).toBeVisible();
  await coach.context().close();
});

test('the portfolio record opens, prints, downloads as JSON, and is refused to an unassigned coach', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await as(browser, LEARNER);
  await page.getByRole('link', { name: 'Printable record of EE2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: LEARNER_NAME })).toBeVisible();
  const pc1 = page.getByRole('region', { name: 'EE2 PC 1', exact: true });
  await expect(pc1).toContainText('Customer survey at the craft fair');
  await expect(pc1).toContainText(FEEDBACK);
  await expect(pc1).toContainText('Priya Shah');
  await shoot(page, 'export');
  await expectNoAxeViolations(page);

  const json = await page.request.get(`/api/export/${learnerId}/ee2-win-keep-customers`);
  expect(json.status()).toBe(200);
  expect(json.headers()['content-disposition']).toMatch(
    /^attachment; filename="criterion-paul-progress-ee2-\d{4}-\d{2}-\d{2}\.json"$/,
  );
  const record = await json.json();
  expect(record.criteria[0]).toMatchObject({ id: 'ee2/pc/1', status: 'met' });

  // Print preview: the print stylesheet hides the app's header and the buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/export-print-preview.png`, fullPage: true });
  const pdf = `${SHOTS}/export.pdf`;
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, `${SHOTS}/export-print`]);
  expect(
    fs.readdirSync(SHOTS).filter((f) => f.startsWith('export-print-') && f.endsWith('.png')).length,
  ).toBeGreaterThanOrEqual(2);
  await page.context().close();

  const outsider = await as(browser, 'other.coach@e2e.example');
  expect((await outsider.goto(`/export/${learnerId}/ee2-win-keep-customers`))?.status()).toBe(403);
  expect((await outsider.request.get(`/api/export/${learnerId}/ee2-win-keep-customers`)).status()).toBe(403);
  expect((await outsider.goto(`/coach/learners/${learnerId}`))?.status()).toBe(403);
  await outsider.context().close();
});
