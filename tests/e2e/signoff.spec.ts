import { expect, test, type Locator, type Page } from '@playwright/test';
import { learnerForAttempt } from './accounts';
import { as, DEMO, expectNoAxeViolations, expectVisibleFocus, shoot, SHOTS, tabTo } from './helpers';

// Issue 24: a fast, honest sign-off. Both learners have a submitted report (tests/e2e/seed.ts): Sam's links every
// criterion to a section (and has evidence mapped to 2.6); Nora's leaves 3.3 unlinked, so confirm-all is not offered.
const DESKTOP = { viewport: { width: 1280, height: 900 } };

/**
 * Counts what a person does: each click, tick and key press made through it is one action. Looking (reading the
 * page, waiting for it) is free; navigation by the test itself happens only before counting starts.
 */
class Actions {
  count = 0;
  async click(target: Locator) {
    this.count++;
    await target.click();
  }
  async check(target: Locator) {
    this.count++;
    await target.check();
  }
  async press(page: Page, key: string) {
    this.count++;
    await page.keyboard.press(key);
  }
}

test('an assessor signs off a report that meets everything in under 10 actions, each criterion still its own decision', async ({
  browser,
}, testInfo) => {
  const sam = learnerForAttempt('signoff.learner@e2e.example', testInfo.retry);
  const assessor = await as(browser, DEMO.assessor, DESKTOP);
  await assessor.goto('/assessor/reports');
  const act = new Actions();

  // 1: open the report from the queue.
  await act.click(assessor.getByTestId('report-queue').getByRole('link', { name: sam.name, exact: true }));
  await expect(assessor.getByRole('heading', { level: 1, name: `${sam.name}: portfolio report` })).toBeVisible();
  const learnerUrl = assessor.url().replace('/reports/', '/learners/');

  // The criteria listed with the report's own sections (links into the text beside them) and the mapped evidence.
  const panel = assessor.getByTestId('confirm-all');
  const criteria = panel.locator('[data-confirm-criterion]');
  await expect(criteria).toHaveCount(14);
  await expect(panel.locator('[data-confirm-criterion="2.6"]')).toContainText(
    'Evidence: Winning back a lapsed customer',
  );
  await expect(panel.locator('[data-confirm-criterion="1.3"]')).toContainText(/Range: \d+ pre-marked covered/);
  // What will be recorded is spelled out before anything is sent.
  const summary = panel.getByTestId('confirm-all-summary');
  await expect(summary).toContainText('14 decisions of “met”, one per criterion, each citing version 1');
  await expect(summary).toContainText(/\d+ range marks: \d+ covered \(\d+ pre-marked here\)/);
  await expect(summary).toContainText('The sign-off of version 1, bound to its text (fingerprint');

  // 2: check a criterion against the report: its section link brings the heading into view in the text beside.
  const link = panel.locator('[data-confirm-criterion="2.4"]').getByRole('link', { name: /^2\.4 Techniques/ });
  await expect(link).toBeEnabled();
  await act.click(link);
  await expect(
    assessor.getByRole('heading', { name: '2.4 Techniques to attract and retain customers' }),
  ).toBeInViewport();

  // 3: see which range items are pre-marked, item by item.
  const range13 = panel.locator('[data-confirm-criterion="1.3"]');
  await act.click(range13.getByText(/^Range: \d+ pre-marked covered$/));
  await expect(range13.getByRole('listitem').first()).toContainText(': covered (pre-marked)');

  // Side by side: the section in the text on the left, the list on the right (as a person sees the window).
  await assessor.screenshot({ path: `${SHOTS}/signoff-side-by-side-1280.png` });
  await expectNoAxeViolations(assessor);
  await shoot(assessor, 'signoff-confirm-all', { settleMs: 400 });
  for (const width of [1280, 375]) {
    await assessor.setViewportSize({ width, height: 900 });
    await panel.screenshot({ path: `${SHOTS}/signoff-panel-${width}.png` });
  }
  await assessor.setViewportSize(DESKTOP.viewport);

  // 4 and 5: the declaration, then one button.
  const declaration = panel.getByRole('checkbox', { name: /I confirm that I have assessed this version/ });
  await act.check(declaration);
  await act.click(panel.getByRole('button', { name: 'Confirm all 14 met and sign off version 1' }));
  await expect(assessor.getByTestId('decision')).toContainText('Version 1 signed off');

  console.log(`Actions from opening the report to signed off: ${act.count}`);
  expect(act.count).toBeLessThan(10);

  // Every criterion was recorded as its own decision: the assessor's view lists each one's judgement...
  const decision = assessor.getByTestId('decision');
  for (const n of ['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '3.1', '3.2', '3.3'])
    await expect(decision.getByText(`${n} Met`, { exact: true })).toBeVisible();
  await shoot(assessor, 'signoff-signed', { settleMs: 400 });
  // ...and the learner's portfolio shows each criterion of the unit met, from the shared judgements.
  await assessor.goto(learnerUrl);
  const unit = assessor.locator('section[aria-labelledby="module-u306-customers-retention"]');
  await expect(unit.locator('[data-status="met"]')).toHaveCount(14);
  await expect(unit).toContainText(/report was signed off on .*, so this unit’s criteria are final/);

  // The learner sees the signed-off report.
  const learner = await as(browser, sam.email, DESKTOP);
  await learner.goto('/learner/report');
  await expect(learner.getByTestId('signed-off')).toBeVisible();
});

test('the one-step sign-off with the keyboard alone: Tab to the declaration, Space, Tab, Enter', async ({
  browser,
}, testInfo) => {
  const kay = learnerForAttempt('signoffkeys.learner@e2e.example', testInfo.retry);
  const assessor = await as(browser, DEMO.assessor, DESKTOP);
  await assessor.goto('/assessor/reports');
  const open = assessor.getByTestId('report-queue').getByRole('link', { name: kay.name, exact: true });
  await tabTo(assessor, open);
  await expectVisibleFocus(assessor);
  await assessor.keyboard.press('Enter');
  await expect(assessor.getByRole('heading', { level: 1, name: `${kay.name}: portfolio report` })).toBeVisible();

  const panel = assessor.getByTestId('confirm-all');
  const declaration = panel.getByRole('checkbox', { name: /I confirm that I have assessed this version/ });
  // The panel takes input once its code is live (before that its controls wait, disabled).
  await expect(declaration).toBeEnabled();
  await tabTo(assessor, declaration, 400);
  await expectVisibleFocus(assessor);
  await assessor.keyboard.press('Space');
  await expect(declaration).toBeChecked();
  const confirm = panel.getByRole('button', { name: 'Confirm all 14 met and sign off version 1' });
  await tabTo(assessor, confirm, 10);
  await expectVisibleFocus(assessor);
  await assessor.keyboard.press('Enter');
  await expect(assessor.getByTestId('decision')).toContainText('Version 1 signed off');
  for (const n of ['1.1', '2.6', '3.3'])
    await expect(assessor.getByTestId('decision').getByText(`${n} Met`, { exact: true })).toBeVisible();
});

test('keyboard shortcuts for met, not yet met and the next criterion: announced, never taken from a text box', async ({
  browser,
}, testInfo) => {
  const nora = learnerForAttempt('shortcut.learner@e2e.example', testInfo.retry);
  const assessor = await as(browser, DEMO.assessor, DESKTOP);
  await assessor.goto('/assessor/reports');
  await assessor.getByTestId('report-queue').getByRole('link', { name: nora.name, exact: true }).click();

  // 3.3 has no linked section and no evidence: confirm-all is not offered, and the page says why.
  const panel = assessor.getByTestId('confirm-all');
  await expect(panel.getByTestId('confirm-all-blockers')).toContainText(
    '3.3 has no section of the report linked and no evidence mapped: judge it on its own card.',
  );
  await expect(panel.getByRole('button', { name: /Confirm all/ })).toHaveCount(0);

  // The shortcuts are documented on the page.
  const help = assessor.getByTestId('assessor-shortcuts');
  await help.getByText('Keyboard shortcuts', { exact: true }).click();
  await expect(help.getByRole('list', { name: 'Keyboard shortcuts' })).toContainText('J next criterion');
  await expect(help.getByRole('list', { name: 'Keyboard shortcuts' })).toContainText('N not yet met');
  const toggle = help.getByRole('checkbox', { name: 'Use single-key shortcuts' });
  await expect(toggle).toBeEnabled();
  await expect(
    assessor.locator('[data-criterion="1.1"]').getByRole('radio', { name: 'Met', exact: true }),
  ).toBeEnabled();
  const said = assessor.getByTestId('shortcut-said');

  // J goes to the first criterion (its card takes the focus), M marks it met; J, N: the next one not yet met.
  await assessor.keyboard.press('j');
  await expect(assessor.locator('[data-criterion="1.1"]')).toBeFocused();
  await expect(said).toHaveText('Criterion 1.1, 1 of 14');
  await assessor.keyboard.press('m');
  await expect(
    assessor.locator('[data-criterion="1.1"]').getByRole('radio', { name: 'Met', exact: true }),
  ).toBeChecked();
  await expect(said).toHaveText('1.1: met');
  await assessor.keyboard.press('j');
  await expect(assessor.locator('[data-criterion="1.2"]')).toBeFocused();
  await assessor.keyboard.press('n');
  const c12 = assessor.locator('[data-criterion="1.2"]');
  await expect(c12.getByRole('radio', { name: 'Not yet met', exact: true })).toBeChecked();
  await expect(said).toHaveText('1.2: not yet met');
  await expect(assessor.getByText('2 of 14', { exact: true })).toBeVisible();
  // Now the notes say 1.2 is not yet met, confirm-all says so too.
  await expect(panel.getByTestId('confirm-all-blockers')).toContainText('Your notes say 1.2 is not yet met');

  // Typing in a text box keeps every key: j, k, m and n land in the feedback and change nothing else.
  const feedback = c12.getByLabel('Feedback on 1.2');
  await feedback.click();
  await feedback.pressSequentially('Name my main customer segments', { delay: 0 });
  await expect(feedback).toHaveValue('Name my main customer segments');
  await expect(feedback).toBeFocused();
  await expect(c12.getByRole('radio', { name: 'Not yet met', exact: true })).toBeChecked();
  await expect(said).toHaveText('1.2: not yet met');

  await expectNoAxeViolations(assessor);
  await shoot(assessor, 'signoff-shortcuts', { settleMs: 400 });

  // K goes back; turned off, the letters do nothing (WCAG 2.1.4), and the choice is kept in this browser.
  await c12.focus();
  await assessor.keyboard.press('k');
  await expect(assessor.locator('[data-criterion="1.1"]')).toBeFocused();
  await toggle.uncheck();
  await assessor.locator('[data-criterion="1.1"]').focus();
  await assessor.keyboard.press('j');
  await expect(assessor.locator('[data-criterion="1.1"]')).toBeFocused();
  await assessor.reload();
  await help.getByText('Keyboard shortcuts (off)').click();
  await expect(toggle).not.toBeChecked();

  // The per-criterion path still decides: refer the report back with feedback.
  await assessor.getByLabel(`Feedback to ${nora.name}`).fill('Link a section to 3.3 and expand 1.2, then resubmit.');
  await assessor.getByRole('button', { name: `Refer back to ${nora.first}` }).click();
  await expect(assessor.getByTestId('decision')).toContainText('Version 1 referred back');
  await expect(assessor.getByTestId('decision')).toContainText('1.2 Not yet met');
});
