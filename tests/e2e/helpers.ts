import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, E2E_PASSWORD } from './accounts';

export const SHOTS = '/tmp/shots';

/** Signs in through the real form, as a person would. */
export async function signIn(
  page: Page,
  email: string,
  password = email.endsWith('@example.com') ? DEMO_PASSWORD : E2E_PASSWORD,
) {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
}

/** A page in a fresh browser context (its own cookies), signed in as `email`. */
export async function as(browser: Browser, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Fails with the rule id and the elements of every axe violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * Full-page screenshots at desktop and phone widths into /tmp/shots, then back to the desktop size.
 * Sticky parts are captured where they stick: each picture starts from the top, so it shows what a visitor
 * first sees. `settleMs` waits after scrolling, for panels that move into place.
 */
export async function shoot(page: Page, name: string, { settleMs = 0 }: { settleMs?: number } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    if (settleMs) await page.waitForTimeout(settleMs);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Presses Tab until `target` has the focus (keyboard-only journeys). */
export async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

/**
 * Focus can be seen: the focused element (or, for a visually hidden input, its label) has an outline or a
 * ring, and at least part of it is on screen and not covered by something else.
 */
export async function expectVisibleFocus(page: Page) {
  const problem = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing has focus';
    const box = el.getBoundingClientRect();
    const shown = box.width <= 1 || box.height <= 1 ? ((el as HTMLInputElement).labels?.[0] ?? null) : el;
    if (!shown) return `<${el.tagName.toLowerCase()}> has focus but is hidden and has no label`;
    const style = getComputedStyle(shown);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
    const ring = /[1-9]\d*(\.\d+)?px/.test(style.boxShadow.replace(/rgba?\([^)]*\)/g, ''));
    if (!outline && !ring)
      return `no focus indicator on <${shown.tagName.toLowerCase()}> "${shown.textContent?.trim().slice(0, 40)}"`;
    const r = shown.getBoundingClientRect();
    const left = Math.max(r.left, 0);
    const right = Math.min(r.right, window.innerWidth);
    const top = Math.max(r.top, 0);
    const bottom = Math.min(r.bottom, window.innerHeight);
    if (right <= left || bottom <= top) return `<${shown.tagName.toLowerCase()}> has focus but is off screen`;
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    if (!hit || !(shown.contains(hit) || hit.contains(shown)))
      return `<${shown.tagName.toLowerCase()}> has focus but is covered by <${hit?.tagName.toLowerCase()}>`;
    return null;
  });
  expect(problem, 'focus should be visible').toBeNull();
}

export { DEMO };
