import { expect, test } from '@playwright/test';
import { learnerForAttempt } from './accounts';
import { DEMO, as, expectNoAxeViolations, shoot } from './helpers';

test.describe.configure({ mode: 'serial' });

/**
 * Progress reviews (issue 21): the coach opens a review of their learner from the learner's page, fills it in with
 * her (autosaved), sets a target and signs; the learner reads it on her own account and signs; the review locks and
 * shows the hash it binds. The target is on her home; she marks it achieved and the coach confirms it. Every page is
 * checked with axe and photographed at desktop and phone widths.
 */
test('a coach and a learner hold, sign and lock a review; the learner marks a target achieved and the coach confirms it', async ({
  browser,
}, testInfo) => {
  // Long: two people, many pages and axe on each, on a shared two-core machine.
  test.setTimeout(420_000);
  const learner = learnerForAttempt('review.learner@e2e.example', testInfo.retry);
  const coach = await as(browser, DEMO.coach);

  // The caseload shows each learner's next review, and filters to the overdue ones (Dev's, in the demo).
  await coach.goto('/coach?status=overdue');
  await expect(coach.getByRole('heading', { level: 2, name: /Progress review overdue/ })).toBeVisible();
  await expect(
    coach.getByRole('region', { name: 'Caseload table' }).getByRole('link', { name: 'Dev Jones' }),
  ).toBeVisible();
  await expect(coach.getByRole('region', { name: 'Caseload table' })).toContainText('Overdue since');
  await expectNoAxeViolations(coach);
  await shoot(coach, 'reviews-caseload-overdue');

  // Chloe's history in the demo: two signed reviews, a target she marked achieved waiting for Tom.
  await coach.goto('/coach?sort=review');
  await coach.getByRole('region', { name: 'Caseload table' }).getByRole('link', { name: 'Chloe Patel' }).click();
  const reviewsCard = coach
    .locator('section')
    .filter({ has: coach.getByRole('heading', { name: 'Progress reviews' }) });
  await expect(reviewsCard.getByRole('link', { name: /^Review 2, / })).toBeVisible();
  await expect(reviewsCard.getByRole('link', { name: /^Review 1, / })).toBeVisible();
  await expect(reviewsCard.getByText('Marked achieved, awaiting the coach')).toBeVisible();
  await expectNoAxeViolations(coach);
  await shoot(coach, 'reviews-coach-learner-history');

  // The coach's own learner: open a review.
  await coach.goto('/coach');
  await coach.getByRole('region', { name: 'Caseload table' }).getByRole('link', { name: learner.name }).click();
  await coach.getByRole('button', { name: 'Start a review' }).click();
  await expect(
    coach.getByRole('heading', { level: 1, name: `Progress review 1 \u00b7 ${learner.name}` }),
  ).toBeVisible();
  await expect(coach.getByRole('region', { name: /From the record so far/ })).toBeVisible();

  // Signing an empty review is refused, with the reason.
  await coach.getByLabel(`I held this review with ${learner.name}, and it says what we agreed.`).check();
  await coach.getByRole('button', { name: 'Sign as coach' }).click();
  await expect(coach.getByText('Write down the progress since the last review before signing.')).toBeVisible();

  await coach
    .getByLabel('Progress since the last review')
    .fill('Rhea has started the survey and met her first criterion.');
  await coach.getByLabel('What went well').fill('She listened to an unhappy customer and followed up.');
  await coach.getByLabel('Support needed').fill('Time with the team leader for an observed call.');
  await coach.getByRole('button', { name: 'Add a target' }).click();
  await coach.getByLabel('Target 1', { exact: true }).fill('Hand in the keeping-customers worksheet.');
  const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await coach.getByLabel('Due on').fill(due);
  await coach.getByLabel('Linked to (optional)').selectOption({ label: 'EE2 PC 1' });
  await expect(coach.getByText('Saved', { exact: true })).toBeVisible();
  await expectNoAxeViolations(coach);
  await shoot(coach, 'reviews-coach-form');

  // Reload: the autosaved text is there.
  await coach.reload();
  await expect(coach.getByLabel('What went well')).toHaveValue('She listened to an unhappy customer and followed up.');
  const reviewUrl = coach.url();

  await coach.getByLabel(`I held this review with ${learner.name}, and it says what we agreed.`).check();
  await coach.getByRole('button', { name: 'Sign as coach' }).click();
  await expect(coach.getByText('Signed.', { exact: true })).toBeVisible();
  await expect(coach.getByTestId('sign-panel')).toContainText('Signed by Tom Evans');

  // The learner: her home asks her to sign; she reads and signs; the review locks.
  const me = await as(browser, learner.email);
  await expect(me.getByRole('link', { name: 'Read and sign review 1' })).toBeVisible();
  await expectNoAxeViolations(me);
  await me.getByRole('link', { name: 'Read and sign review 1' }).click();
  await expect(me.getByRole('heading', { level: 1, name: 'Progress review 1' })).toBeVisible();
  await expect(me.getByRole('region', { name: /The review, held on/ })).toContainText(
    'Hand in the keeping-customers worksheet.',
  );
  await expect(me.getByLabel('What went well')).toHaveCount(0);
  await expectNoAxeViolations(me);
  await shoot(me, 'reviews-learner-sign');
  await me.getByLabel('I have read this review, and it says what my coach and I agreed.').check();
  await me.getByRole('button', { name: 'Sign the review' }).click();
  await expect(me.getByText('Everyone has signed: the review is now locked.')).toBeVisible();
  await expect(me.getByTestId('review-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(me.getByText(/Signed and locked on/)).toBeVisible();
  await expectNoAxeViolations(me);
  await shoot(me, 'reviews-locked');

  // Locked for the coach too: no form, and a correction is an amendment.
  await coach.goto(reviewUrl);
  await expect(coach.getByLabel('What went well')).toHaveCount(0);
  await expect(coach.getByRole('button', { name: 'Amend this review' })).toBeVisible();
  const locked = await coach.request.put(`/api/reviews/${reviewUrl.split('/').pop()}`, {
    data: {
      version: 3,
      content: { heldOn: due, progress: 'Changed after signing.', wentWell: '', supportNeeded: '', targets: [] },
    },
  });
  expect(locked.status()).toBe(409);
  expect((await locked.json()).error).toMatch(/signed and locked/);

  // The target on the learner's home: she marks it achieved.
  await me.goto('/learner');
  const targets = me.getByTestId('targets');
  await expect(targets).toContainText('Hand in the keeping-customers worksheet.');
  await expect(targets).toContainText('EE2 PC 1');
  await me.getByRole('button', { name: 'Mark achieved: target 1' }).click();
  await expect(targets).toContainText('Marked achieved, awaiting the coach');
  await expectNoAxeViolations(me);
  await shoot(me, 'reviews-learner-home');

  // The coach confirms it.
  await coach.goto('/coach');
  await coach.getByRole('region', { name: 'Caseload table' }).getByRole('link', { name: learner.name }).click();
  await coach.getByRole('button', { name: 'Confirm achieved: target 1' }).click();
  await expect(reviewsCard.getByRole('button', { name: 'Confirm achieved: target 1' })).toHaveCount(0);
  await expect(reviewsCard.getByTestId('targets')).toContainText('Achieved');
  await expectNoAxeViolations(coach);
});

/**
 * Learning hours (issue 21): Amira logs time, a mistake gets a message and logs nothing, her coach reads the hours
 * against the cohort's plan (6 hours a week in the demo), and she withdraws the entry. Axe and photographs on both pages.
 */
test('a learner logs learning hours and withdraws one; her coach sees them against the plan', async ({ browser }) => {
  test.setTimeout(240_000);
  const me = await as(browser, DEMO.learner);
  await me.goto('/learner');
  await me.getByRole('link', { name: 'Log learning hours' }).click();
  await expect(me.getByRole('heading', { level: 1, name: 'Learning hours' })).toBeVisible();
  const activity = `Practised complaint calls ${Date.now()}`;
  await me.getByLabel('Hours', { exact: true }).fill('2');
  await me.getByLabel('Minutes', { exact: true }).fill('15');
  await me.getByLabel('What you did').fill(activity);
  await me.getByRole('button', { name: 'Log this time' }).click();
  const entry = me.getByRole('listitem').filter({ hasText: activity });
  await expect(entry).toContainText('2 h 15 min');
  await expect(me.getByLabel('What you did')).toHaveValue('');

  // Too many minutes: a message in words, and nothing logged.
  await me.getByLabel('Minutes', { exact: true }).fill('75');
  await me.getByLabel('What you did').fill('Not logged');
  await me.getByRole('button', { name: 'Log this time' }).click();
  await expect(me.getByText('Enter up to 59 minutes').first()).toBeVisible();
  await expect(me.getByRole('listitem').filter({ hasText: 'Not logged' })).toHaveCount(0);
  await expectNoAxeViolations(me);
  await shoot(me, 'hours-learner');

  const coach = await as(browser, DEMO.coach);
  await coach.goto('/coach');
  await coach.getByRole('region', { name: 'Caseload table' }).getByRole('link', { name: 'Amira Khan' }).click();
  const card = coach.locator('section').filter({ has: coach.getByRole('heading', { name: 'Learning hours' }) });
  await expect(card).toContainText(activity);
  await expect(card).toContainText('6 h a week');
  await expect(card.getByTestId('hours-against-plan')).toBeVisible();
  await expectNoAxeViolations(coach);
  await shoot(coach, 'hours-coach');
  // The cohort's view: every learner of hers against the plan to date.
  await coach.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learning hours' }).click();
  const cohort = coach.getByTestId('cohort-hours');
  await expect(cohort).toContainText('Plan: 6 h a week.');
  await expect(cohort.getByRole('listitem').filter({ hasText: 'Amira Khan' })).toContainText('planned to date');
  await expectNoAxeViolations(coach);
  await shoot(coach, 'hours-cohort');

  // Withdrawn after a confirmation: gone from her list and her totals.
  me.once('dialog', (d) => void d.accept());
  await entry.getByRole('button', { name: 'Withdraw' }).click();
  await expect(me.getByRole('listitem').filter({ hasText: activity })).toHaveCount(0);
});
