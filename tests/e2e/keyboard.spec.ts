import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_PASSWORD, learnerForAttempt } from './accounts';
import { expectNoAxeViolations, expectVisibleFocus, tabTo } from './helpers';
import { markdownToDocx, reportWithCountedWords } from '../fixtures/reports/make';

// Keyboard only: no clicks, no fills, no mouse. Tab and Shift+Tab move focus; typing, Enter, Space and the
// arrow keys do the rest. The one thing outside the page is the system's file dialog, which Playwright answers.
// The three tests share one learner: they touch different things (a worksheet, evidence, the report).
const LEARNER = 'keyboard.learner@e2e.example';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Presses `key` and checks that focus lands on `expected`, where it can be seen. */
async function press(page: Page, key: string, expected: Locator) {
  await page.keyboard.press(key);
  await expect(expected).toBeFocused();
  await expectVisibleFocus(page);
}

async function signInWithKeyboard(page: Page, retry: number) {
  await page.goto('/signin');
  await tabTo(page, page.getByLabel('Email address'));
  await expectVisibleFocus(page);
  await page.keyboard.type(learnerForAttempt(LEARNER, retry).email);
  await press(page, 'Tab', page.getByLabel('Password'));
  await page.keyboard.type(E2E_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
}

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('sign in, open the worksheet from the menu and answer a question using only the keyboard', async ({
  page,
}, testInfo) => {
  await signInWithKeyboard(page, testInfo.retry);

  // The skip link is the first stop on a freshly loaded page (F5).
  await page.reload();
  await press(page, 'Tab', page.getByRole('link', { name: 'Skip to main content' }));

  const worksheetsLink = mainMenu(page).getByRole('link', { name: 'Worksheets' });
  await tabTo(page, worksheetsLink);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/worksheets$/);

  const open = page
    .getByRole('main')
    .getByRole('link', { name: /Keeping customers/ })
    .first();
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Keeping customers: customer service' })).toBeVisible();

  const answer = page.getByRole('textbox', { name: 'Ask your customers', exact: true });
  await tabTo(page, answer, 200);
  await page.keyboard.type('I will ask three regular customers what they would change.');
  await expect(page.getByText('Saved', { exact: true }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Ask your customers', exact: true })).toHaveValue(
    'I will ask three regular customers what they would change.',
  );
});

test('record a written account, map it to criteria and save it using only the keyboard', async ({ page }, testInfo) => {
  const title = 'Talking to customers at the Friday market';
  const account =
    'I asked twelve regular customers what they buy from me and why they come back.\nMost come for the local cheese; three asked for smaller portions.';
  await signInWithKeyboard(page, testInfo.retry);

  await tabTo(page, mainMenu(page).getByRole('link', { name: 'My evidence' }));
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'My evidence' })).toBeVisible();
  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Record evidence' }).first());
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Record evidence' })).toBeVisible();

  // The kind of evidence is a radio group: the arrow keys change it, and the fields follow.
  const written = page.getByRole('radio', { name: /^Written account/ });
  await tabTo(page, written);
  await expectVisibleFocus(page);
  await expect(written).toBeChecked();
  await press(page, 'ArrowRight', page.getByRole('radio', { name: /^File/ }));
  await expect(page.getByRole('radio', { name: /^File/ })).toBeChecked();
  await expect(page.getByLabel('File', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Your account')).toHaveCount(0);
  await press(page, 'ArrowLeft', written);
  await expect(written).toBeChecked();
  await expect(page.getByLabel('File', { exact: true })).toHaveCount(0);

  await press(page, 'Tab', page.getByLabel('Title'));
  await page.keyboard.type(title);
  // The date has a stop for each part (day, month, year); the description comes after it.
  await tabTo(page, page.getByLabel(/^Description/), 6);
  await expectVisibleFocus(page);
  await page.keyboard.type('Friday market, June.');
  await press(page, 'Tab', page.getByLabel('Your account'));
  await page.keyboard.type(account);
  await expect(page.getByLabel('Your account')).toHaveValue(account);

  // Criteria: search, then tick one with Space.
  const search = page.getByLabel('Find criteria');
  await press(page, 'Tab', search);
  await page.keyboard.type('EE2 PC 1');
  await expect(page.getByText(/^\d+ criteria match$/)).toHaveText('7 criteria match');
  await press(page, 'Tab', page.locator('summary', { hasText: 'EE2 · Win and keep customers' }));
  const pc1 = page.getByRole('checkbox', { name: /^EE2 PC 1 / });
  await press(page, 'Tab', pc1);
  await page.keyboard.press('Space');
  await expect(pc1).toBeChecked();
  await expect(pc1).toBeFocused();
  await expect(page.getByText('Chosen (1)')).toBeVisible();

  // Back up (Shift+Tab) to the crosswalk's offer of the same requirement in WRC, and take it.
  await press(page, 'Shift+Tab', page.locator('summary', { hasText: 'EE2 · Win and keep customers' }));
  await press(page, 'Shift+Tab', search);
  await press(page, 'Shift+Tab', page.getByRole('button', { name: 'Add WRC PC 1 and WRC PC 2' }));
  await page.keyboard.press('Enter');
  // The button has gone; focus moves to the first added criterion's note rather than being lost.
  const noteFor = (label: string) =>
    page.getByRole('textbox', { name: `Why does this evidence meet it? (optional) for ${label}`, exact: true });
  await expect(noteFor('WRC PC 1')).toBeFocused();
  await expectVisibleFocus(page);
  await expect(page.getByText('Chosen (3)')).toBeVisible();
  await page.keyboard.type('I found out who my regular customers are.');

  // WRC PC 2 is not really shown: remove it. Focus moves to the neighbouring Remove button.
  await press(page, 'Tab', page.getByRole('button', { name: 'Remove WRC PC 2' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove WRC PC 2' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove WRC PC 1' })).toBeFocused();
  await expectVisibleFocus(page);
  await expect(page.getByText('Chosen (2)')).toBeVisible();
  // With WRC PC 2 gone, EE2 PC 1 offers it again; its note comes just before.
  await press(page, 'Shift+Tab', page.getByRole('button', { name: 'Add WRC PC 2' }));
  await press(page, 'Shift+Tab', noteFor('EE2 PC 1'));
  await page.keyboard.type('I asked them what they need and grouped their answers.');

  await tabTo(page, page.getByRole('button', { name: 'Save evidence' }), 30);
  await expectVisibleFocus(page);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/evidence\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // The next Tab starts in the page, not back at the top of the menu.
  await press(page, 'Tab', page.getByRole('main').getByRole('link', { name: 'My evidence', exact: true }));
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Most come for the local cheese; three asked for smaller portions.')).toBeVisible();
  for (const [id, why] of [
    ['ee2-pc-1', 'I asked them what they need and grouped their answers.'],
    ['wrc-pc-1', 'I found out who my regular customers are.'],
  ]) {
    await expect(page.locator(`li#${id} [data-status]`)).toHaveText('Awaiting judgement');
    await expect(page.locator(`li#${id}`)).toContainText(`Why it meets it: ${why}`);
  }
  await expect(page.locator('li#wrc-pc-2')).toHaveCount(0);
});

test('write in the report draft, import a .docx and submit it for assessment using only the keyboard', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signInWithKeyboard(page, testInfo.retry);
  // The Markdown box and its toolbar, chosen on this device (the word-processor editor's keyboard use:
  // tests/e2e/report-editor.spec.ts).
  await page.evaluate(() => localStorage.setItem('criterion:report-editor', 'plain'));

  await tabTo(page, mainMenu(page).getByRole('link', { name: 'My report' }));
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio report' })).toBeVisible();

  // From the menu to the editor: the formatting toolbar, the upload control, then the text.
  const editor = page.getByRole('textbox', { name: 'Report text (Markdown)' });
  const toolbar = page.getByRole('toolbar', { name: 'Formatting and upload' });
  const upload = page.getByLabel('Upload a .docx');
  await tabTo(page, page.getByRole('button', { name: 'Sign out', exact: true }));
  await press(page, 'Tab', toolbar.getByRole('button', { name: 'Heading', exact: true }));
  await press(page, 'Tab', toolbar.getByRole('button', { name: 'Subheading' }));
  await press(page, 'Tab', toolbar.getByRole('button', { name: 'List' }));
  await press(page, 'Tab', upload);
  await press(page, 'Tab', editor);

  // Type a line, go back to the toolbar and make it a heading; focus returns to the text.
  await page.keyboard.type('Introduction');
  await press(page, 'Shift+Tab', upload);
  await press(page, 'Shift+Tab', toolbar.getByRole('button', { name: 'List' }));
  await press(page, 'Shift+Tab', toolbar.getByRole('button', { name: 'Subheading' }));
  await press(page, 'Shift+Tab', toolbar.getByRole('button', { name: 'Heading', exact: true }));
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('## Introduction');
  await page.keyboard.press('End');
  await page.keyboard.type('\n\nI sell cheese and chutney at two markets and online.');
  const typed = '## Introduction\n\nI sell cheese and chutney at two markets and online.';
  await expect(editor).toHaveValue(typed);
  const saveStatus = page.locator('[data-save-status]');
  await expect(saveStatus).toHaveAttribute('role', 'status');
  await expect(saveStatus).toHaveText(/^Saved/, { timeout: 15_000 });

  await page.reload();
  await expect(editor).toHaveValue(typed);
  await expectNoAxeViolations(page);

  // Import the full report from Word: the upload control opens the file dialog on Space, and replacing a
  // draft asks first, with focus on the question.
  await tabTo(page, upload);
  await expectVisibleFocus(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles({
    name: 'Kim report.docx',
    mimeType: DOCX,
    buffer: markdownToDocx(reportWithCountedWords(3400)),
  });
  const question = page.getByRole('group', { name: 'Replace your draft?' });
  await expect(question).toBeFocused();
  await expectVisibleFocus(page);
  await expectNoAxeViolations(page);
  await press(page, 'Tab', question.getByRole('button', { name: 'Replace my draft' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Imported “Kim report.docx”' })).toBeVisible();
  // The question has gone; focus is back on the upload control.
  await expect(upload).toBeFocused();
  await expectVisibleFocus(page);
  await expect(editor).toHaveValue(/## 1\.1 The customer experience/);
  await expect(editor).not.toHaveValue(/I sell cheese and chutney/);

  // A closing section typed at the end of the imported text.
  // Dismissing the message removes its button: focus goes on to the report text, not lost.
  await press(page, 'Tab', page.getByRole('button', { name: 'Dismiss this message' }));
  await press(page, 'Enter', editor);
  await expect(page.getByTestId('editor-notice')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+End');
  const closing = 'I wrote, imported and submitted this report using only the keyboard.';
  await page.keyboard.type(`\n## Afterword\n\n${closing}`);
  await expect(saveStatus).toContainText('Saving…');
  await expect(saveStatus).toHaveText(/^Saved/, { timeout: 15_000 });
  await page.reload();
  await expect(editor).toHaveValue(/## 1\.1 The customer experience/);
  await expect(editor).toHaveValue(new RegExp(`## Afterword\\n\\n${closing}$`));

  // Submit: tick the declaration with Space; the submit button is next and can be reached.
  const declaration = page.getByRole('checkbox', { name: /this report is my own work/ });
  await tabTo(page, declaration, 150);
  await expectVisibleFocus(page);
  await page.keyboard.press('Space');
  await expect(declaration).toBeChecked();
  const submit = page.getByRole('button', { name: 'Submit version 1' });
  await press(page, 'Tab', submit);
  await expect(submit).toBeEnabled();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  const result = page.getByTestId('submit-result');
  await expect(result).toContainText(/Version 1 submitted with 3,4\d\d counted words/);
  // The button is disabled while submitting; focus goes to the answer instead of being lost.
  await expect(result).toBeFocused();
  await expectVisibleFocus(page);
  await expect(page.getByTestId('report-banner')).toContainText('Version 1 is with your assessor');
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByTestId('report-banner')).toContainText('Version 1 is with your assessor');
  await expect(editor).toHaveValue(new RegExp(`${closing}$`));
});
