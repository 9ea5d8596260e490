import { expect, test } from '@playwright/test';
import { learnerForAttempt } from './accounts';
import { as, DEMO, expectNoAxeViolations, shoot } from './helpers';
import { markdownToDocx, prose, reportWithCountedWords } from '../fixtures/reports/make';

const LEARNER = 'report.learner@e2e.example';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DESKTOP = { viewport: { width: 1280, height: 900 } };

test('a report goes from .docx upload through referral and revision to a sign-off the learner cannot change', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const rita = learnerForAttempt(LEARNER, testInfo.retry);

  // The learner uploads a Word document of about 3,400 words with a References section.
  const learner = await as(browser, rita.email, DESKTOP);
  // This journey edits the Markdown itself, in the plain box (the word-processor editor: report-editor.spec.ts).
  await learner.context().addInitScript(() => localStorage.setItem('criterion:report-editor', 'plain'));
  await learner.goto('/learner/report');
  await expect(learner.getByRole('heading', { level: 1, name: 'Portfolio report' })).toBeVisible();
  // A text file named .docx first: refused with a clear message, nothing changes. The upload is a lazy panel: a file
  // chosen before it is live would be dropped, so wait until it takes input (LazyBoundary enables it).
  await expect(learner.getByLabel('Upload a .docx')).toBeEnabled();
  await learner
    .getByLabel('Upload a .docx')
    .setInputFiles({ name: 'notes.docx', mimeType: DOCX, buffer: Buffer.from('just some text') });
  await expect(learner.getByTestId('upload-error')).toContainText('not a Word document');
  await expect(learner.getByTestId('upload-error')).toContainText('Your draft has not changed');
  await expect(learner.getByTestId('counted-words')).toHaveText('0');
  await learner.getByLabel('Upload a .docx').setInputFiles({
    name: 'Rita report.docx',
    mimeType: DOCX,
    buffer: markdownToDocx(reportWithCountedWords(3400)),
  });
  await expect(learner.getByTestId('editor-notice')).toContainText('Imported “Rita report.docx”');
  const count = learner.getByTestId('word-count');
  await expect(count.getByTestId('counted-words')).toHaveText('3,400');
  await expect(count.getByTestId('excluded')).toContainText('References');
  await expect(count.getByTestId('excluded')).toContainText('"References" sections are not counted');
  await expect(count.getByTestId('word-standing')).toContainText('Within the range');
  await expect(learner.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();

  // Headings numbered like the criteria link themselves on request.
  await learner.getByRole('button', { name: 'Link sections by their numbers' }).click();
  await expect(learner.getByTestId('coverage-summary')).toContainText('14 of 14');
  await expect(learner.locator('[data-save-status="saved"]')).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(learner);
  await shoot(learner, 'report-editor', { settleMs: 400 });

  await learner.getByRole('checkbox', { name: /this report is my own work/ }).check();
  await learner.getByRole('button', { name: 'Submit version 1' }).click();
  await expect(learner.getByTestId('submit-result')).toContainText('Version 1 submitted with 3,400 counted words');
  await expect(learner.getByTestId('report-banner')).toContainText('Version 1 is with your assessor');

  // The assessor refers it back with feedback on one criterion.
  const assessor = await as(browser, DEMO.assessor, DESKTOP);
  await assessor.goto('/assessor/reports');
  await assessor.getByTestId('report-queue').getByRole('link', { name: rita.name, exact: true }).click();
  await expect(assessor.getByRole('heading', { level: 1, name: `${rita.name}: portfolio report` })).toBeVisible();
  const assessUrl = assessor.url();
  // An assessor not assigned to Rita gets a 403 page, not the report.
  const stranger = await as(browser, 'other.assessor@e2e.example', DESKTOP);
  expect((await stranger.goto(assessUrl))?.status()).toBe(403);
  await expect(stranger.getByTestId('report-text')).toHaveCount(0);
  const c25 = assessor.locator('[data-criterion="2.5"]');
  await c25.getByText('Not yet met', { exact: true }).click();
  await c25
    .getByLabel('Feedback on 2.5')
    .fill('Explain how you would measure loyalty, for example repeat-purchase rates.');
  await assessor
    .getByLabel(`Feedback to ${rita.name}`)
    .fill('A good start. Expand 2.5 with how your organisation assesses loyalty, then resubmit.');
  await assessor.getByRole('button', { name: `Refer back to ${rita.first}` }).click();
  await expect(assessor.getByTestId('decision')).toContainText('Version 1 referred back');

  // The learner sees the feedback beside the criterion, revises in the portal and resubmits.
  await learner.reload();
  await expect(learner.getByTestId('report-banner')).toContainText('Expand 2.5');
  await expect(learner.locator('#coverage')).toContainText(
    'Assessor: not yet met. Explain how you would measure loyalty',
  );
  const editor = learner.getByRole('textbox', { name: 'Report text (Markdown)' });
  const saved = learner.locator('[data-save-status="saved"]');

  // Offline: the text stays on this device and is saved when the connection is back.
  await learner.context().setOffline(true);
  await editor.press('ControlOrMeta+End');
  await editor.pressSequentially('\n## Measuring loyalty at work\n\n', { delay: 0 });
  await expect(learner.locator('[data-save-status="offline"]')).toContainText('kept in this browser');
  await learner.context().setOffline(false);
  await expect(saved).toBeVisible({ timeout: 20_000 });

  // Another tab saves first: this tab's next save is refused and both versions are shown to choose from.
  const tab2 = await learner.context().newPage();
  await tab2.goto('/learner/report');
  const editor2 = tab2.getByRole('textbox', { name: 'Report text (Markdown)' });
  await editor2.press('ControlOrMeta+End');
  await editor2.pressSequentially('Edited in another tab.\n', { delay: 0 });
  await expect(tab2.locator('[data-save-status="saved"]')).toBeVisible({ timeout: 15_000 });
  await tab2.close();
  await editor.press('ControlOrMeta+End');
  await editor.pressSequentially(`${prose(60)}\n`, { delay: 0 });
  const conflict = learner.getByTestId('report-conflict');
  await expect(conflict).toBeVisible({ timeout: 15_000 });
  // The choice appears without taking the caret from someone typing: their next keystrokes still land in the text.
  await expect(editor).toBeFocused();
  await expect(learner.getByRole('alert').filter({ hasText: 'Your report was changed somewhere else' })).toBeAttached();
  await expect(conflict.getByRole('textbox', { name: 'Saved version: full text' })).toHaveValue(
    /Edited in another tab\./,
  );
  await expect(conflict.getByRole('textbox', { name: 'On this page: full text' })).not.toHaveValue(
    /Edited in another tab\./,
  );
  await shoot(learner, 'report-conflict', { settleMs: 400 });
  // Typing goes on while the choice is shown; keeping this page's version keeps those words too.
  await editor.press('ControlOrMeta+End');
  await editor.pressSequentially('Typed while the choice was shown.', { delay: 0 });
  await expect(conflict.getByRole('textbox', { name: 'On this page: full text' })).toHaveValue(
    /Typed while the choice was shown\.$/,
  );
  await conflict.getByRole('button', { name: /Keep this version\W+On this page/ }).click();
  await expect(conflict).toHaveCount(0);
  await expect(saved).toBeVisible({ timeout: 15_000 });
  await expect(editor).toHaveValue(/Typed while the choice was shown\.$/);
  await expect(count.getByTestId('counted-words')).toHaveText('3,470');
  await learner.getByRole('checkbox', { name: /this report is my own work/ }).check();
  await learner.getByRole('button', { name: 'Submit version 2' }).click();
  await expect(learner.getByTestId('submit-result')).toContainText('Version 2 submitted');

  // The assessor sees what changed, judges every criterion, ticks the range and signs off.
  await assessor.reload();
  await expect(assessor.getByText('What changed since version 1')).toBeVisible();
  await expect(assessor.getByTestId('version-diff')).toContainText('Measuring loyalty at work');
  // The cards load after the page: wait for all 14 criteria and for each card to take input (its controls are
  // disabled until its code has run), and see each choice take.
  await expect(assessor.locator('[data-criterion]')).toHaveCount(14);
  for (const card of await assessor.locator('[data-criterion]').all()) {
    const met = card.getByRole('radio', { name: 'Met', exact: true });
    await expect(met).toBeEnabled();
    await card.getByText('Met', { exact: true }).click();
    await expect(met).toBeChecked();
  }
  await assessor
    .locator('[data-criterion="1.3"]')
    .getByRole('radiogroup', { name: 'owners/investors' })
    .getByText('Not relevant')
    .click();
  // Each button goes away once its criterion's range is all marked.
  const markRest = assessor.getByRole('button', { name: /^Mark the \d+ unmarked as covered/ });
  while ((await markRest.count()) > 0) await markRest.first().click();
  await assessor
    .getByLabel(`Feedback to ${rita.name}`)
    .fill('Thorough and well linked to your organisation. Signed off.');
  // The declaration of the per-criterion path (the one-step panel above has its own: tests/e2e/signoff.spec.ts).
  await assessor
    .getByTestId('decision-form')
    .getByRole('checkbox', { name: /I confirm that I have assessed this version/ })
    .check();
  await expect(assessor.getByTestId('signoff-checks')).not.toContainText('unmarked');
  await expect(assessor.getByTestId('signoff-checks')).toContainText(/Every criterion judged \((\d+) of \1\)/);
  await expect(assessor.locator('[data-save-status="saved"]')).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(assessor);
  await shoot(assessor, 'report-signoff', { settleMs: 400 });
  await assessor.getByTestId('decision-form').getByRole('button', { name: 'Sign off version 2' }).click();
  await expect(assessor.getByTestId('decision')).toContainText('Version 2 signed off');
  await expect(assessor.getByTestId('decision')).toContainText('1 not relevant to the organisation');
  // In the learner's portfolio the unit's criteria are final: the page says so and offers no judgement form.
  await assessor.goto('/assessor/learners');
  await assessor.getByRole('link', { name: new RegExp(rita.name) }).click();
  const unit = assessor.locator('section[aria-labelledby="module-u306-customers-retention"]');
  await expect(unit).toContainText(/report was signed off on .*, so this unit’s criteria are final/);
  await expect(unit.getByText('Change this judgement')).toHaveCount(0);
  await expect(unit.locator('form')).toHaveCount(0);

  // The learner sees the signed-off report and has no way to change it.
  await learner.reload();
  await expect(learner.getByTestId('signed-off')).toBeVisible();
  await expect(learner.getByTestId('decision')).toContainText('Version 2 signed off');
  await expect(learner.getByRole('textbox', { name: 'Report text (Markdown)' })).toHaveCount(0);
  await expect(learner.getByLabel('Upload a .docx')).toHaveCount(0);
  await shoot(learner, 'report-signed-off', { settleMs: 400 });
  const put = await learner.request.put('/api/reports/draft', {
    data: { version: 99, content: 'changed', sectionTags: {} },
  });
  expect(put.status()).toBe(403);
  expect((await put.json()).error).toMatch(/signed off/);
});

test('a learner cannot open the staff report pages', async ({ browser }) => {
  const learner = await as(browser, LEARNER, DESKTOP);
  const res = await learner.goto('/assessor/reports');
  expect(res?.status()).toBe(403);
});
