import { expect, test, type Page } from '@playwright/test';
import { learnerForAttempt } from './accounts';
import { DEMO, as, expectNoAxeViolations, shoot } from './helpers';

/**
 * Single-use links (issue 21): people without an account answer through a link made for one document. A learner
 * records a witness statement and makes the link; the witness opens it in a browser that has never signed in and
 * confirms; the learner and her assessor see "Confirmed by ..."; the same link opened again, or altered, gets a clear
 * page. A coach asks an employer to sign a review the same way, and the employer's signature locks it. Every page is
 * checked with axe and photographed at desktop and phone widths.
 */

/** A browser context of its own, never signed in: the witness's or the employer's own browser. */
async function stranger(page: Page): Promise<Page> {
  const context = await page.context().browser()!.newContext();
  return context.newPage();
}

test('a witness confirms a statement by link without an account; the learner and the assessor see who confirmed it', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const wanda = learnerForAttempt('witness.learner@e2e.example', testInfo.retry);
  const learner = await as(browser, wanda.email);

  await learner.goto('/learner/evidence/new?kind=witness&criterion=ee2/pc/11');
  await learner.getByLabel('Title').fill('My manager saw me handle a complaint');
  await learner.getByLabel("Witness's name").fill('Sam Lee');
  await learner.getByLabel('Their role').fill('Store manager');
  await learner.getByLabel('Their email').fill('sam.lee@shop.example');
  await learner
    .getByLabel("The witness's statement")
    .fill('Wanda took a refund complaint calmly, listened, and put it right the same day.');
  await learner.getByRole('button', { name: 'Save evidence' }).click();
  await expect(learner).toHaveURL(/\/evidence\/[0-9a-f-]{36}\?saved=1$/);
  const evidenceUrl = learner.url().replace(/\?.*$/, '');
  await expect(learner.getByTestId('witness-status')).toContainText('Not confirmed by the witness yet.');

  // The link is shown once, plainly not emailed, with a copy button.
  await learner.getByRole('button', { name: 'Ask Sam Lee to confirm' }).click();
  const issued = learner.getByTestId('issued-link');
  await expect(issued).toHaveText(/\/confirm\/[A-Za-z0-9_-]{43}$/);
  const url = (await issued.textContent())!;
  await expect(learner.getByText('Link for Sam Lee: not emailed')).toBeVisible();
  await expect(learner.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expect(learner.getByTestId('link-request')).toContainText('A link was made for Sam Lee');
  await expectNoAxeViolations(learner);
  await shoot(learner, 'links-witness-issued');

  // The witness, in a browser that has never signed in.
  const witness = await stranger(learner);
  await witness.goto(url);
  await expect(witness.getByRole('heading', { level: 1, name: 'Confirm a witness statement' })).toBeVisible();
  await expect(witness.getByTestId('statement')).toContainText('put it right the same day');
  await expect(witness.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
  await witness.getByRole('button', { name: 'Send my answer' }).click();
  await expect(witness.getByText('Choose whether the statement is accurate or not.')).toBeVisible();
  await expectNoAxeViolations(witness);
  await shoot(witness, 'links-witness-form');
  await witness.getByLabel('Yes, it is accurate: I confirm it').check();
  await witness.getByLabel('Anything to add? (optional)').fill('I was on the shop floor at the time.');
  await witness.getByLabel('Your full name').fill('Sam Lee');
  await witness.getByRole('button', { name: 'Send my answer' }).click();
  await expect(witness.getByTestId('link-answered')).toContainText('Your confirmation is now part of');
  await expectNoAxeViolations(witness);
  await shoot(witness, 'links-witness-answered');

  // The same link again: a clear page, and nothing to send.
  await witness.goto(url);
  await expect(witness.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
  await expect(witness.getByTestId('link-unusable')).toContainText('Nothing has been changed.');
  await expect(witness.getByRole('button', { name: 'Send my answer' })).toHaveCount(0);
  await expectNoAxeViolations(witness);
  await shoot(witness, 'links-used');

  // An altered link: not found, said plainly.
  const token = url.split('/confirm/')[1]!;
  const altered = url.replace(token, (token[0] === 'A' ? 'B' : 'A') + token.slice(1));
  const res = await witness.goto(altered);
  expect(res?.status()).toBe(404);
  await expect(witness.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible();
  await expectNoAxeViolations(witness);
  await shoot(witness, 'links-not-found');

  // The learner sees who confirmed it, on the evidence and in her list.
  await learner.goto(evidenceUrl);
  await expect(learner.getByTestId('witness-confirmation')).toContainText(
    /Confirmed by Sam Lee \(Store manager\) on \d{1,2} \w+ \d{4}/,
  );
  await expect(learner.getByTestId('witness-confirmation')).toContainText('I was on the shop floor at the time.');
  await expect(learner.getByRole('button', { name: /confirmation link|to confirm/ })).toHaveCount(0);
  await expectNoAxeViolations(learner);
  await shoot(learner, 'links-witness-learner');
  await learner.goto('/learner/evidence');
  await expect(learner.getByTestId('witness-confirmation').first()).toContainText('Confirmed by Sam Lee');

  // Her assessor sees it on the evidence.
  const assessor = await as(browser, DEMO.assessor);
  await assessor.goto(evidenceUrl);
  await expect(assessor.getByTestId('witness-confirmation')).toContainText('Confirmed by Sam Lee (Store manager)');
  await expect(assessor.getByRole('button', { name: /to confirm/ })).toHaveCount(0);
  await expectNoAxeViolations(assessor);
  await shoot(assessor, 'links-witness-assessor');
});

test('a coach asks an employer to sign a review by link; the employer signs without an account and the review locks', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const emil = learnerForAttempt('employer.learner@e2e.example', testInfo.retry);
  const coach = await as(browser, DEMO.coach);
  await coach.goto('/coach');
  await coach.getByRole('region', { name: 'Caseload table' }).getByRole('link', { name: emil.name }).click();
  await coach.getByRole('button', { name: 'Start a review' }).click();
  await expect(coach.getByRole('heading', { level: 1, name: `Progress review 1 \u00b7 ${emil.name}` })).toBeVisible();
  await coach.getByLabel('Progress since the last review').fill('Emil has met his first criterion.');
  await coach.getByLabel('What went well').fill('A calm refund on a busy Saturday.');
  await coach.getByLabel('Support needed').fill('An observed call with the team leader.');
  await coach.getByRole('button', { name: 'Add a target' }).click();
  await coach.getByLabel('Target 1', { exact: true }).fill('Log every complaint and what you did.');
  await coach.getByLabel('Due on').fill(new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10));
  await expect(coach.getByText('Saved', { exact: true })).toBeVisible();
  const reviewUrl = coach.url();

  const ask = coach
    .locator('section')
    .filter({ has: coach.getByRole('heading', { name: 'Employer\u2019s signature' }) });
  await ask.getByRole('button', { name: 'Make a signing link' }).click();
  await expect(ask.getByText('Enter the name of the person who will sign for the employer.')).toBeVisible();
  await ask.getByLabel('Their name').fill('Pat Morgan');
  await ask.getByLabel('Their role (optional)').fill('Operations manager');
  await ask.getByLabel('Their email').fill('pat@employer.example');
  await ask.getByRole('button', { name: 'Make a signing link' }).click();
  const issued = ask.getByTestId('issued-link');
  await expect(issued).toHaveText(/\/confirm\/[A-Za-z0-9_-]{43}$/);
  const url = (await issued.textContent())!;
  await expect(coach.getByTestId('sign-panel')).toContainText('Employer');
  await expectNoAxeViolations(coach);
  await shoot(coach, 'links-review-asked');

  await coach.getByLabel(`I held this review with ${emil.name}, and it says what we agreed.`).check();
  await coach.getByRole('button', { name: 'Sign as coach' }).click();
  await expect(coach.getByText('Signed.', { exact: true })).toBeVisible();

  const learner = await as(browser, emil.email);
  await learner.goto(reviewUrl);
  await learner.getByLabel('I have read this review, and it says what my coach and I agreed.').check();
  await learner.getByRole('button', { name: 'Sign the review' }).click();
  await expect(learner.getByText('Signed.', { exact: true })).toBeVisible();

  const employer = await stranger(coach);
  await employer.goto(url);
  await expect(
    employer.getByRole('heading', { level: 1, name: `Sign ${emil.name}\u2019s progress review` }),
  ).toBeVisible();
  await expect(employer.getByRole('region', { name: /The review, held on/ })).toContainText(
    'Log every complaint and what you did.',
  );
  await expectNoAxeViolations(employer);
  await shoot(employer, 'links-review-sign');
  await employer.getByLabel('Your full name').fill('Pat Morgan');
  await employer.getByLabel(/I have read .* progress review above/).check();
  await employer.getByRole('button', { name: 'Sign the review' }).click();
  await expect(employer.getByTestId('link-answered')).toContainText('the review is now locked');
  await expectNoAxeViolations(employer);

  await coach.goto(reviewUrl);
  await expect(coach.getByText(/Signed and locked on/)).toBeVisible();
  await expect(coach.getByTestId('sign-panel')).toContainText('Signed by Pat Morgan');
  await expectNoAxeViolations(coach);
  await shoot(coach, 'links-review-locked');
});
