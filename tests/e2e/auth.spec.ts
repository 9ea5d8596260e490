import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './helpers';

const HOMES = [
  { email: DEMO.learner, path: '/learner', heading: /Welcome, Amira/, role: 'Learner' },
  { email: DEMO.assessor, path: '/assessor', heading: 'Assessment queue', role: 'Assessor' },
  { email: DEMO.coach, path: '/coach', heading: 'Your caseload', role: 'Enterprise coach' },
  { email: DEMO.admin, path: '/admin', heading: 'Administration', role: 'Administrator' },
];

for (const home of HOMES) {
  test(`${home.role} signs in and lands on their own home page`, async ({ page }) => {
    await signIn(page, home.email);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole('heading', { level: 1, name: home.heading })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(home.role);
  });
}

test('a wrong password shows the same message as an unknown account', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(DEMO.learner);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toHaveText(/do not match an account/);
  const wrongPassword = await alert.textContent();

  await page.getByLabel('Email address').fill('nobody@example.com');
  await page.getByLabel('Password').fill('whatever-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(alert).toHaveText(wrongPassword!);
  await expect(page).toHaveURL(/\/signin/);
});

test('a learner who types an assessor-only address gets a 403 page, not the content', async ({ page }) => {
  await signIn(page, DEMO.learner);
  const response = await page.goto('/assessor');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: /not open to your account/ })).toBeVisible();
  await expect(page.getByText('Assessment queue', { exact: true })).toHaveCount(0);
});

test('signed-out visitors are sent to sign in', async ({ page }) => {
  await page.goto('/coach');
  await expect(page).toHaveURL(/\/signin/);
});

test('an unknown address answers 404 with a helpful page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
});

test('sign out ends the session', async ({ page }) => {
  await signIn(page, DEMO.coach);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/coach');
  await expect(page).toHaveURL(/\/signin/);
});
