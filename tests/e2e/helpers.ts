import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
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

export { DEMO };
