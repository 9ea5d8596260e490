import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { learnerForAttempt } from './accounts';
import { as, expectNoAxeViolations, shoot } from './helpers';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const clipboard = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/clipboard', name), 'utf8');

/** Pastes HTML (with its plain-text twin) into the focused editor as a browser does for a real paste. */
async function pasteHtml(page: Page, html: string) {
  await page.getByTestId('rich-editor').evaluate((el, html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

/** The counted words the server itself puts on the page (its own count of the stored draft). */
async function serverCount(page: Page): Promise<string> {
  const html = await (await page.request.get('/learner/report')).text();
  const m = /data-testid="counted-words"[^>]*>([^<]+)</.exec(html);
  if (!m) throw new Error('no counted-words on the server-rendered page');
  return m[1]!;
}

test('a learner writes a report in the word-processor editor, pastes from Word and Google Docs, and the counts agree', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const learner = learnerForAttempt('editor.learner@e2e.example', testInfo.retry);
  const page = await as(browser, learner.email, DESKTOP);
  await page.goto('/learner/report');

  // The formatted editor replaces the plain box once its code has arrived.
  const editor = page.getByRole('textbox', { name: 'Report text', exact: true });
  await expect(editor).toBeVisible();
  await expect(editor).toHaveAttribute('aria-multiline', 'true');
  await expect(page.getByRole('textbox', { name: 'Report text (Markdown)' })).toHaveCount(0);
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  const heading = toolbar.getByRole('button', { name: 'Heading', exact: true });
  const bold = toolbar.getByRole('button', { name: 'Bold' });
  await expect(heading).toBeEnabled();

  // Keyboard only: type a line, Alt+F10 to the toolbar, Enter on Heading, and the caret is back in the text.
  await editor.focus();
  await page.keyboard.type('Introduction');
  await page.keyboard.press('Alt+F10');
  await expect(heading).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await expect(heading).toHaveAttribute('aria-pressed', 'true');
  await expect(editor.locator('h2')).toHaveText('Introduction');
  // The toolbar is one tab stop: arrow keys move along it.
  await page.keyboard.press('Alt+F10');
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Subheading' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toBeFocused();

  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('I sell cheese ');
  await page.keyboard.press('ControlOrMeta+b');
  await expect(bold).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.type('at two markets');
  await page.keyboard.press('ControlOrMeta+b');
  await expect(bold).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.type(' and online.');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
  await page.keyboard.type('Loyal buyers come back weekly');
  await page.keyboard.press('Enter');
  await page.keyboard.type('New buyers find us online');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(editor.locator('ul > li')).toHaveCount(2);

  // Undo and redo, by keyboard.
  await page.keyboard.type('Oops');
  await expect(editor).toContainText('Oops');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor).not.toContainText('Oops');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(editor).toContainText('Oops');
  await toolbar.getByRole('button', { name: 'Undo' }).click();
  await expect(editor).not.toContainText('Oops');

  // Markdown typed at the start of a line works as in the plain box: "### " a subheading, "1. " a numbered list.
  await editor.press('ControlOrMeta+End');
  await page.keyboard.type('### Next steps');
  await expect(editor.locator('h3', { hasText: 'Next steps' })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.type('1. Collect the figures');
  await expect(editor.locator('ol > li', { hasText: 'Collect the figures' })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');

  // Pasted from Word: its list paragraphs become real lists; from Google Docs: the page-wide bold wrapper is dropped.
  await pasteHtml(page, clipboard('word-lists.html'));
  await expect(editor.locator('h2', { hasText: 'Pricing our products' })).toBeVisible();
  // Out of the pasted list (Enter on an empty item ends a list, as in Word).
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await pasteHtml(page, clipboard('google-docs.html'));
  await expect(editor.locator('h2', { hasText: 'Customer feedback' })).toBeVisible();

  // A table from the toolbar.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Table' }).click();
  await page.keyboard.type('Channel');
  const cells = editor.locator('th, td');
  await cells.nth(1).click();
  await page.keyboard.type('Share');
  await cells.nth(2).click();
  await page.keyboard.type('Market');
  await cells.nth(3).click();
  await page.keyboard.type('60%');
  await expect(toolbar.getByRole('button', { name: 'Add row' })).toBeVisible();

  // Tab leaves the text (no keyboard trap).
  await editor.focus();
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();

  const saved = page.locator('[data-save-status="saved"]');
  await expect(saved).toBeVisible({ timeout: 15_000 });
  const shown = await page.getByTestId('counted-words').textContent();
  expect(shown).toMatch(/^\d/);
  await expectNoAxeViolations(page);
  await shoot(page, 'report-rich-editor', { settleMs: 400 });

  // On a phone the toolbar wraps and nothing runs off the side.
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.locator('section', { has: editor }).screenshot({ path: '/tmp/shots/report-rich-editor-section-375.png' });
  await page.setViewportSize(DESKTOP.viewport);

  // The server's count of what was saved is the count that was shown.
  expect(await serverCount(page)).toBe(shown);
  await page.reload();
  await expect(editor.locator('table')).toBeVisible();
  await expect(page.getByTestId('counted-words')).toHaveText(shown!);

  // The stored form is Markdown: the plain box shows it (and the choice is remembered on this device).
  await page.getByRole('button', { name: 'Edit as plain text (Markdown)' }).click();
  const plain = page.getByRole('textbox', { name: 'Report text (Markdown)' });
  const markdown = await plain.inputValue();
  expect(markdown).toContain('## Introduction\n\nI sell cheese **at two markets** and online.');
  expect(markdown).toContain('- Loyal buyers come back weekly\n- New buyers find us online');
  expect(markdown).toContain('### Next steps\n\n1. Collect the figures');
  expect(markdown).toContain(
    '## Pricing our products\n\nWe review prices **every quarter** against three things:\n\n' +
      '- the cost of ingredients\n- competitors’ prices\n  - market stalls nearby\n- what customers *tell us*\n\n' +
      'Our steps:\n\n1. Collect the figures\n2. Agree the new price',
  );
  expect(markdown).toContain(
    '## Customer feedback\n\nWe ask every customer two questions.\n\n- What did you enjoy?\n- **What should we change?**',
  );
  expect(markdown).toContain('| Channel | Share |\n| --- | --- |\n| Market | 60% |');
  expect(markdown).not.toContain('mso-');
  await page.reload();
  await expect(plain).toHaveValue(markdown);
  await expect(page.getByRole('button', { name: 'Edit as plain text (Markdown)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Edit as plain text (Markdown)' }).click();
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('counted-words')).toHaveText(shown!);
});

test('nothing typed while the editor loads is lost, and a conflict with another tab is chosen in the editor', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const learner = learnerForAttempt('editor.learner@e2e.example', testInfo.retry);
  const page = await as(browser, learner.email, DESKTOP);
  // Hold back the editor's code until the learner has typed in the plain box the server drew.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('report-rich')) await released;
    await route.fulfill({ response, body });
  });
  await page.goto('/learner/report');
  const plain = page.getByRole('textbox', { name: 'Report text (Markdown)' });
  const editor = page.getByRole('textbox', { name: 'Report text', exact: true });
  // The page is live (its panels take input) while the editor is still on its way.
  await expect(page.getByLabel('Upload a .docx')).toBeEnabled();
  await plain.press('ControlOrMeta+End');
  await plain.pressSequentially('\n\nTyped before the editor arrived.', { delay: 0 });
  release();
  await expect(editor).toBeVisible();
  await expect(editor).toBeFocused();
  await page.keyboard.type(' And after.');
  await expect(editor).toContainText('Typed before the editor arrived. And after.');
  const saved = page.locator('[data-save-status="saved"]');
  await expect(saved).toBeVisible({ timeout: 15_000 });

  // Another tab saves first: this tab's next save is refused and both versions are offered.
  const tab2 = await page.context().newPage();
  await tab2.goto('/learner/report');
  const editor2 = tab2.getByRole('textbox', { name: 'Report text', exact: true });
  await editor2.click();
  await tab2.keyboard.press('ControlOrMeta+End');
  await tab2.keyboard.type(' Edited in another tab.');
  await expect(tab2.locator('[data-save-status="saved"]')).toBeVisible({ timeout: 15_000 });
  await tab2.close();
  await page.keyboard.type(' Typed here meanwhile.');
  const conflict = page.getByTestId('report-conflict');
  await expect(conflict).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(page);
  await conflict.getByRole('button', { name: /Keep this version\W+Saved version/ }).click();
  await expect(conflict).toHaveCount(0);
  await expect(editor).toContainText('Edited in another tab.');
  await expect(editor).not.toContainText('Typed here meanwhile.');
  await expect(saved).toBeVisible({ timeout: 15_000 });
  expect(await serverCount(page)).toBe(await page.getByTestId('counted-words').textContent());
});
