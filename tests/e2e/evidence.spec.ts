import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, shoot, signIn } from './helpers';
import { learnerForAttempt } from './accounts';

const LEARNER = 'evidence.learner@e2e.example';
const FIXTURES = path.resolve(__dirname, '../fixtures/files');

/** Ticks a criterion in the picker by finding it through the search box. */
async function tick(page: Page, label: string) {
  await page.getByLabel('Find criteria').fill(label);
  await page.getByRole('checkbox', { name: new RegExp(`^${label} `) }).check();
  await page.getByLabel('Find criteria').fill('');
}

const chosen = (page: Page, label: string) =>
  page.locator('li', { has: page.getByRole('button', { name: `Remove ${label}` }) });

async function judge(row: Locator, outcome: 'Met' | 'Not yet met', feedback: string) {
  await row
    .locator('label')
    .filter({ hasText: new RegExp(`^\\W*${outcome}$`) })
    .click();
  await row.getByLabel(/Feedback for the learner/).fill(feedback);
  await row.getByRole('button', { name: 'Save judgement' }).click();
}

test.describe.configure({ mode: 'serial' });

test('a learner records evidence against criteria, the assessor judges each one, and the learner sees the outcome', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const eddie = learnerForAttempt(LEARNER, testInfo.retry);
  const learnerCtx = await browser.newContext();
  const page = await learnerCtx.newPage();
  await signIn(page, eddie.email);

  // A written account mapped to two EE2 items plus the NOS equivalent the crosswalk offers.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My evidence' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My evidence' })).toBeVisible();
  await page.getByRole('link', { name: 'Record evidence' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record evidence' })).toBeVisible();
  await page.getByLabel('Title').fill('Customer survey at the Saturday market');
  await page
    .getByLabel('Your account')
    .fill(
      'I asked 40 customers at my stall who they are, what they buy and what they would like next season.\nI grouped them into regulars, tourists and trade buyers.',
    );
  await page.getByLabel(/^Description/).fill('Saturday market, March.');
  await tick(page, 'EE2 PC 1');
  await tick(page, 'EE2 PC 2');
  const pc2 = chosen(page, 'EE2 PC 2');
  await expect(pc2.getByText('The same requirement appears in WRC PC 3.')).toBeVisible();
  await pc2.getByRole('button', { name: 'Add WRC PC 3' }).click();
  await expect(chosen(page, 'WRC PC 3')).toBeVisible();
  await chosen(page, 'EE2 PC 1')
    .getByLabel(/Why does this evidence meet it/)
    .fill('I found out who my customers are and grouped them.');
  await pc2.getByLabel(/Why does this evidence meet it/).fill('I asked what they would like next season.');
  await shoot(page, 'evidence-form');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save evidence' }).click();

  await expect(page).toHaveURL(/\/evidence\/[0-9a-f-]{36}\?saved=1$/);
  const accountUrl = page.url().replace(/\?.*$/, '');
  await expect(page.getByRole('heading', { level: 1, name: 'Customer survey at the Saturday market' })).toBeVisible();
  for (const id of ['ee2-pc-1', 'ee2-pc-2', 'wrc-pc-3']) {
    await expect(page.locator(`li#${id}`).locator('[data-status="evidence_submitted"]')).toHaveText(
      'Awaiting judgement',
    );
  }

  // A text file dressed up as a PDF is refused with a clear message; a real PDF is accepted.
  await page.goto('/learner/evidence/new?kind=file&criterion=ee2/k/feedback/1');
  await expect(chosen(page, 'EE2 K 1')).toBeVisible();
  await page.getByLabel('Title').fill('Feedback log');
  await page.getByLabel('File', { exact: true }).setInputFiles(path.join(FIXTURES, 'fake.pdf'));
  await page.getByRole('button', { name: 'Save evidence' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('not one of the file types we take');
  await expect(page).toHaveURL(/\/learner\/evidence\/new/);
  await page.getByLabel('File', { exact: true }).setInputFiles(path.join(FIXTURES, 'feedback-log.pdf'));
  await page.getByRole('button', { name: 'Save evidence' }).click();
  await expect(page).toHaveURL(/\/evidence\/[0-9a-f-]{36}\?saved=1$/);
  const download = page.getByRole('link', { name: 'Download' });
  await expect(page.getByText('feedback-log.pdf')).toBeVisible();
  const fileUrl = await download.getAttribute('href');
  const res = await page.request.get(fileUrl!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toBe(
    `attachment; filename="feedback-log.pdf"; filename*=UTF-8''feedback-log.pdf`,
  );
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The assessor works through the learner's portfolio on one page.
  const assessorCtx = await browser.newContext();
  const staff = await assessorCtx.newPage();
  await signIn(staff, DEMO.assessor);
  await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My learners' }).click();
  await expect(staff.getByRole('link', { name: new RegExp(`${eddie.name}.*4 awaiting judgement`) })).toBeVisible();
  await shoot(staff, 'assessor-learners');
  await staff.getByRole('link', { name: eddie.name }).click();
  await expect(staff.getByRole('heading', { level: 1, name: eddie.name })).toBeVisible();
  const row1 = staff.locator('li#ee2-pc-1');
  const row2 = staff.locator('li#ee2-pc-2');
  await expect(row1.getByRole('link', { name: 'Customer survey at the Saturday market' })).toBeVisible();
  await expect(row1.getByText('“I found out who my customers are and grouped them.”')).toBeVisible();
  await shoot(staff, 'assessor-learner');
  await expectNoAxeViolations(staff);
  await judge(row1, 'Met', 'A clear picture of your customer groups.');
  await expect(staff.getByRole('status').filter({ hasText: 'Saved: EE2 PC 1 judged met.' })).toBeVisible();
  await judge(row2, 'Not yet met', 'Say how their needs are likely to change, not only what they want now.');
  await expect(staff.getByRole('status').filter({ hasText: 'Saved: EE2 PC 2 judged not yet met.' })).toBeVisible();
  await expect(row2.locator('[data-status]').first()).toHaveText('Not yet met');
  await expect(staff).toHaveURL(/:\d+\/learners\/[0-9a-f-]{36}/);
  await staff.reload();
  await expect(row2.getByText('Say how their needs are likely to change, not only what they want now.')).toBeVisible();
  await shoot(staff, 'assessor-learner-judged');
  // An unassigned assessor cannot open the portfolio or download the file.
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  await signIn(other, 'other.assessor@e2e.example');
  expect((await other.goto(staff.url()))?.status()).toBe(403);
  expect((await other.request.get(fileUrl!)).status()).toBe(403);
  expect((await other.goto(accountUrl))?.status()).toBe(403);

  // The learner sees both statuses and the feedback.
  await page.goto(accountUrl);
  await expect(page.locator('li#ee2-pc-1 [data-status]')).toHaveText('Met');
  await expect(page.locator('li#ee2-pc-2 [data-status]')).toHaveText('Not yet met');
  await expect(page.locator('li#ee2-pc-2')).toContainText(
    'Say how their needs are likely to change, not only what they want now.',
  );

  // The two judgements reached the bell (the header's count, drawn by the server) and the notifications list.
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications, / });
  await expect(bell).toHaveAccessibleName('Notifications, 2 unread');
  await bell.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Notifications, newest first' });
  await expect(list.getByRole('link', { name: 'EE2 PC 2 was judged not yet met' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'EE2 PC 1 was judged met' })).toBeVisible();
  await shoot(page, 'notifications-list');
  await expectNoAxeViolations(page);
  await list.getByRole('button', { name: 'Mark as read' }).first().click();
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(bell).toHaveAccessibleName('Notifications, none unread');
  await list.getByRole('link', { name: 'EE2 PC 2 was judged not yet met' }).click();
  await expect(page).toHaveURL(/\/modules\/ee2-win-keep-customers\/items\/ee2\/pc\/2$/);
  // Her settings: what is emailed, per kind.
  await page.goto('/account/notifications');
  await page.getByRole('group', { name: 'Evidence judged' }).getByRole('radio', { name: 'Daily email digest' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your settings are saved.' })).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('group', { name: 'Evidence judged' }).getByRole('radio', { name: 'Daily email digest' }),
  ).toBeChecked();
  await shoot(page, 'notification-settings');
  await expectNoAxeViolations(page);
  await page.goto(accountUrl);
  await expect(page.locator('li#ee2-pc-1')).toContainText('A clear picture of your customer groups.');
  await expect(page.locator('li#wrc-pc-3 [data-status]')).toHaveText('Awaiting judgement');
  await shoot(page, 'evidence-page');
  await expectNoAxeViolations(page);
  await page.goto('/learner/evidence');
  await expect(
    page
      .getByRole('article')
      .filter({ hasText: 'Customer survey at the Saturday market' })
      .locator('[data-status="met"]'),
  ).toHaveCount(1);
  await shoot(page, 'evidence-library');
  await expectNoAxeViolations(page);

  // Judged met, so an edit keeps the judged version and saves a new one; the statuses stay as judged.
  await page.goto(accountUrl);
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByText('This evidence has been judged met.')).toBeVisible();
  await page
    .getByLabel('Your account')
    .fill(
      'I asked 40 customers at my stall who they are, what they buy and what they would like next season and in two years.',
    );
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\?saved=new-version$/);
  expect(page.url().replace(/\?.*$/, '')).not.toBe(accountUrl);
  await expect(page.getByText('Saved as a new version.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Version 1' })).toHaveAttribute('href', new URL(accountUrl).pathname);
  await expect(page.locator('li#ee2-pc-1 [data-status]')).toHaveText('Met');
  await expect(page.locator('li#ee2-pc-2 [data-status]')).toHaveText('Awaiting judgement');

  await Promise.all([learnerCtx.close(), assessorCtx.close(), otherCtx.close()]);
});
