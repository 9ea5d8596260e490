import { expect, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, E2E_PASSWORD } from './accounts';

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = email.endsWith('@example.com') ? DEMO_PASSWORD : E2E_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export { DEMO };
