import { expect, test } from '@playwright/test';
import { DEMO, as, expectNoAxeViolations, shoot } from './helpers';

const IQA = 'iqa@example.com';

test.describe.configure({ mode: 'serial' });

/**
 * Quality assurance (issue 20) on the demo winter intake, whose sample the seed drew: the IQA opens a sampled
 * decision of Priya's, disagrees with an action point; Priya sees the feedback and the criterion "under quality
 * review" on the learner's portfolio; the IQA closes the action and the marker goes. Every page is checked with axe.
 */
test('the IQA disagrees with a sampled decision; the assessor sees the feedback and the criterion under quality review until the IQA closes the action', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const iqa = await as(browser, IQA);
  await iqa.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
  await expect(iqa.getByRole('heading', { level: 1, name: 'Quality assurance' })).toBeVisible();
  const winter = iqa.getByRole('region', { name: 'Start-up programme, winter intake' });
  await expect(winter.getByText(/Drawn .* by Helen Mbeki/)).toBeVisible();
  await expectNoAxeViolations(iqa);
  await shoot(iqa, 'quality-home');

  // The first of Priya's sampled decisions: EE2 PC 1, Chloe's survey.
  await winter.getByRole('link', { name: /^EE2 PC 1:/ }).click();
  await expect(iqa.getByRole('heading', { level: 1, name: 'Sampled decision' })).toBeVisible();
  const itemUrl = iqa.url();
  await expect(iqa.getByRole('region', { name: 'Why it was drawn' })).toContainText('Priya Shah');
  await expect(iqa.getByRole('region', { name: 'As sampled (frozen at the draw)' })).toContainText(
    'Customer survey at the farmers',
  );
  await expectNoAxeViolations(iqa);

  // Disagreeing needs feedback: the server says so.
  await iqa.getByLabel('Disagree').check();
  await iqa.getByRole('button', { name: 'Record verdict' }).click();
  await expect(iqa.getByText('Write feedback for the assessor.')).toBeVisible();
  await iqa
    .getByLabel('Feedback to the assessor')
    .fill('The survey shows what the stall does, not what Chloe found out herself.');
  await iqa.getByLabel('Action 1', { exact: true }).fill('Ask Chloe for her own account of the survey and re-judge.');
  await iqa.getByRole('button', { name: 'Record verdict' }).click();
  await expect(iqa.getByText('Your verdict is recorded.')).toBeVisible();
  const history = iqa.getByRole('region', { name: 'Quality assurance decisions' });
  await expect(history).toContainText('Disagreed');
  await expect(history).toContainText('Ask Chloe for her own account of the survey and re-judge.');
  await expect(iqa.getByRole('heading', { name: 'Record a new verdict' })).toBeVisible();
  await expectNoAxeViolations(iqa);
  await shoot(iqa, 'quality-item');

  // Helen's own decisions (Dev's) are never in her sample.
  await iqa.goto('/quality');
  await expect(
    iqa.getByRole('region', { name: 'Start-up programme, winter intake' }).getByText('learner Dev Jones'),
  ).toHaveCount(0);

  const priya = await as(browser, DEMO.assessor);
  await priya.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'QA feedback' }).click();
  await expect(priya.getByRole('heading', { level: 1, name: 'Quality assurance feedback' })).toBeVisible();
  const item = priya.getByRole('listitem').filter({ hasText: /^EE2 PC 1:/ });
  await expect(item).toContainText('Disagreed');
  await expect(item).toContainText('The survey shows what the stall does');
  await expect(item).toContainText('Ask Chloe for her own account of the survey and re-judge.');
  await expectNoAxeViolations(priya);
  await shoot(priya, 'quality-feedback');

  await item.getByRole('link', { name: 'Chloe Patel' }).click();
  await expect(priya.getByRole('heading', { level: 1, name: 'Chloe Patel' })).toBeVisible();
  const row = priya.locator('li', { has: priya.getByTestId('under-quality-review') });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('EE2 PC 1');
  await expectNoAxeViolations(priya);

  // The IQA closes the action once the assessor has responded: the criterion is no longer under quality review.
  await iqa.goto(itemUrl);
  await iqa
    .getByLabel('Closing note for “Ask Chloe for her own account of the survey and re-judge.”')
    .fill('Discussed with Priya; Chloe adds her own account.');
  await iqa.getByRole('button', { name: 'Close action' }).click();
  await expect(iqa.getByText('Closed with: “Discussed with Priya; Chloe adds her own account.”')).toBeVisible();
  await expect(iqa.getByRole('button', { name: 'Close action' })).toHaveCount(0);
  await priya.reload();
  await expect(priya.getByRole('heading', { level: 1, name: 'Chloe Patel' })).toBeVisible();
  await expect(priya.getByTestId('under-quality-review')).toHaveCount(0);

  // An assessor who is no IQA is refused the IQA home (and is not offered the link).
  await expect(
    priya.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality', exact: true }),
  ).toHaveCount(0);
  await priya.goto('/quality');
  await expect(priya.getByRole('heading', { level: 1, name: 'This page is not open to your account' })).toBeVisible();
});

/**
 * The decisions half (issue 20): Priya judges a criterion of Cara's (winter intake); Helen draws today's sample, which
 * covers every assessor, so it holds that judgement; she disagrees with an action point; Cara sees "under quality
 * review" (the intake shows it to learners); Priya responds and re-judges, and her response links the re-judgement;
 * Helen agrees, closes the action, and countersigns Cara's signed-off report (the intake requires it): the unit goes
 * from "Signed off, awaiting countersignature" to complete. The module pages' header offers Helen the Quality link.
 */
test('the assessor judges, the IQA draws and disagrees, the assessor responds and re-judges, the IQA agrees and countersigns', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const CARA = 'Cara Countersign';
  const today = new Date().toISOString().slice(0, 10);

  // Priya judges EE2 PC 3 of Cara's.
  const priya = await as(browser, DEMO.assessor);
  await priya.goto('/assessor/learners');
  await priya.getByRole('link', { name: CARA }).first().click();
  await expect(priya.getByRole('heading', { level: 1, name: CARA })).toBeVisible();
  const caraUrl = priya.url();
  const row = priya.locator('li#ee2-pc-3');
  const judge = async (feedback: string) => {
    // A criterion with nothing recorded is listed under the module's folded "No evidence yet".
    if (!(await row.isVisible()))
      await priya
        .getByRole('region', { name: 'EE2 · Win and keep customers' })
        .getByText(/^No evidence yet/)
        .click();
    // Evidence awaiting judgement shows the form open; once judged it folds under "Judge again".
    const fold = row.locator('summary');
    if (await fold.isVisible()) await fold.click();
    await row
      .locator('label')
      .filter({ hasText: /^\W*Not yet met$/ })
      .click();
    await row.getByLabel(/Feedback for the learner/).fill(feedback);
    await row.getByRole('button', { name: 'Save judgement' }).click();
    await expect(priya.getByRole('status').filter({ hasText: 'Saved: EE2 PC 3 judged not yet met.' })).toBeVisible();
  };
  await judge('Tell me how you would know a customer is about to leave.');

  // Helen draws today's sample of the winter intake: every assessor is covered, so Priya's one decision today is in it.
  const iqa = await as(browser, IQA);
  await iqa.goto('/quality');
  const winter = iqa.getByRole('region', { name: 'Start-up programme, winter intake' });
  await winter.getByLabel('From (first day)').fill(today);
  await winter.getByLabel('To (last day)').fill(today);
  await winter.getByRole('button', { name: 'Draw a sample' }).click();
  await expect(winter.getByText(/^Sample drawn: /)).toBeVisible();
  await iqa.reload();
  await winter
    .getByRole('listitem')
    .filter({ hasText: CARA })
    .getByRole('link', { name: /^EE2 PC 3:/ })
    .first()
    .click();
  await expect(iqa.getByRole('heading', { level: 1, name: 'Sampled decision' })).toBeVisible();
  const itemUrl = iqa.url();
  await iqa.getByLabel('Disagree').check();
  await iqa.getByLabel('Feedback to the assessor').fill('The feedback does not say what evidence would meet it.');
  await iqa.getByLabel('Action 1', { exact: true }).fill('Tell Cara what evidence would meet PC 3, then re-judge.');
  await iqa.getByRole('button', { name: 'Record verdict' }).click();
  await expect(iqa.getByText('Your verdict is recorded.')).toBeVisible();

  // Cara's intake shows the review to learners: on her own criteria, with a plain explanation.
  const cara = await as(browser, 'countersign.learner@e2e.example');
  await cara.goto('/learner/evidence');
  await expect(cara.getByTestId('under-quality-review')).toHaveCount(1);
  await cara.getByText('EE2 ·').first().click();
  await expect(cara.getByText(/internal quality assurer is checking your assessor’s decision/)).toBeVisible();
  await expectNoAxeViolations(cara);
  await shoot(cara, 'quality-learner-review');
  // Her report: signed off, awaiting the countersignature.
  await cara.goto('/learner/report');
  await expect(cara.getByTestId('report-banner')).toContainText('Signed off, awaiting countersignature');

  // Priya responds, re-judges through the normal path, and responds again: that response links the re-judgement.
  await priya.goto('/quality/feedback');
  const item = priya
    .getByRole('listitem')
    .filter({ hasText: /^EE2 PC 3:/ })
    .filter({ hasText: CARA });
  const respond = async (text: string) => {
    await item.getByLabel('Your response to “Tell Cara what evidence would meet PC 3, then re-judge.”').fill(text);
    await item.getByRole('button', { name: 'Send response' }).click();
    await expect(item.getByText(text)).toBeVisible();
  };
  await respond('Agreed: I will say what evidence would meet it.');
  await priya.goto(caraUrl);
  await judge('Not yet met: add an account of a customer you kept, saying what warned you they might leave.');
  await priya.goto('/quality/feedback');
  await respond('Re-judged with the evidence Cara needs spelled out.');
  await expect(item.getByText(/Linked re-judgement: not yet met/)).toBeVisible();
  await expect(item.getByText(/You re-judged it not yet met/)).toBeVisible();
  await expectNoAxeViolations(priya);
  await shoot(priya, 'quality-feedback-response');

  // Helen reads the responses, agrees with a new verdict, and closes the action.
  await iqa.goto(itemUrl);
  const history = iqa.getByRole('region', { name: 'Quality assurance decisions' });
  await expect(history).toContainText('Re-judged with the evidence Cara needs spelled out.');
  await expect(history).toContainText(/Re-judged not yet met/);
  await iqa.getByLabel('Agree with the assessor’s decision').check();
  await iqa.getByRole('button', { name: 'Record verdict' }).click();
  await expect(iqa.getByText('Your verdict is recorded.')).toBeVisible();
  await expect(history).toContainText('Superseded');
  await iqa.getByLabel(/^Closing note for/).fill('Feedback now says what would meet it.');
  await iqa.getByRole('button', { name: 'Close action' }).click();
  await expect(iqa.getByText('Closed with: “Feedback now says what would meet it.”')).toBeVisible();
  await expectNoAxeViolations(iqa);
  await shoot(iqa, 'quality-item-responses');

  // Helen countersigns Cara's signed-off report, binding its hash.
  await iqa.goto('/quality');
  await expect(winter.getByText('This cohort requires your countersignature')).toBeVisible();
  await winter.getByRole('link', { name: new RegExp(`report of ${CARA}, version 1`) }).click();
  await expect(iqa.getByRole('heading', { level: 1, name: 'Sign-off' })).toBeVisible();
  await expect(iqa.getByText('Signed off, awaiting countersignature')).toBeVisible();
  await expectNoAxeViolations(iqa);
  await shoot(iqa, 'quality-countersign');
  await iqa.getByRole('button', { name: 'Countersign' }).click();
  await expect(iqa.getByText('Tick the declaration to countersign.')).toBeVisible();
  await iqa.getByLabel(/I countersign it/).check();
  await iqa.getByRole('button', { name: 'Countersign' }).click();
  // The form gives way to the countersignature, announced in the section's live region.
  await expect(
    iqa
      .getByRole('region', { name: 'Countersignature' })
      .getByRole('status')
      .filter({ hasText: /^Countersigned by Helen Mbeki on/ }),
  ).toBeVisible();
  await iqa.reload();
  await expect(iqa.getByText(/^Countersigned by Helen Mbeki on/)).toBeVisible();
  await shoot(iqa, 'quality-countersigned');

  // The unit is complete for Cara now, and the review state has gone from her pages.
  await cara.reload();
  await expect(cara.getByTestId('report-banner')).toContainText('Your report is complete.');
  await expect(cara.getByTestId('countersignature')).toContainText('Countersigned by Helen Mbeki');
  await cara.goto('/learner/evidence');
  await expect(cara.getByTestId('under-quality-review')).toHaveCount(0);

  // The header of the module pages (served the same to everyone) offers Helen the Quality link through /api/me.
  await iqa.goto('/modules/ee2-win-keep-customers');
  await expect(iqa.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' })).toBeVisible();
  await priya.goto('/modules/ee2-win-keep-customers');
  await expect(
    priya.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assessment queue' }),
  ).toBeVisible();
  await expect(priya.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' })).toHaveCount(0);
});
