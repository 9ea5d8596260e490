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
  test.setTimeout(120_000);
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
