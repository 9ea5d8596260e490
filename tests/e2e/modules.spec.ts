import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

test('a learner reads unit 306, follows a criterion to its range, and moves from EE2 to the NOS', async ({ page }) => {
  await signIn(page, DEMO.learner);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Modules' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Modules' })).toBeVisible();
  const mine = page.getByRole('region', { name: 'Your modules' });
  await expect(
    mine.getByRole('listitem').filter({ hasText: 'Understand customers and customer retention' }),
  ).toContainText('14 assessment criteria');

  await mine.getByRole('link', { name: 'Understand customers and customer retention' }).click();
  await expect(page).toHaveURL(/\/modules\/u306-customers-retention$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Understand customers and customer retention' }),
  ).toBeVisible();
  await expect(page.getByText('J/506/2910')).toBeVisible();
  await expect(
    page.getByText('Report of 3,000 to 5,000 words; references and appendices are not counted.'),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your progress' })).toContainText('0 of 14 met');

  await page.getByRole('link', { name: 'Assessment criterion 2.4', exact: true }).click();
  await expect(page).toHaveURL(/\/modules\/u306-customers-retention\/items\/u306\/ac\/2\.4$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Assessment criterion 2.4' })).toBeVisible();
  await expect(page.getByText('describe techniques used to attract and retain customers')).toBeVisible();
  const range = page.getByRole('region', { name: 'Range' });
  await expect(range.getByRole('heading', { name: 'Techniques to attract customers' })).toBeVisible();
  await expect(range.getByRole('link', { name: 'promotions', exact: true })).toBeVisible();
  await expect(page.getByText('Nothing is mapped to this criterion yet.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Record evidence/ })).toHaveAttribute(
    'href',
    '/learner/evidence/new?criterion=u306%2Fac%2F2.4',
  );

  await page.goto('/modules/ee2-win-keep-customers');
  await page.getByRole('link', { name: 'Performance criterion 3', exact: true }).click();
  await expect(page).toHaveURL(/\/items\/ee2\/pc\/3$/);
  const equivalents = page.getByRole('region', { name: 'Equivalent items in other modules' });
  await equivalents.getByRole('link', { name: 'Win and retain customers: PC 4' }).click();
  await expect(page).toHaveURL(/\/modules\/win-retain-customers\/items\/wrc\/pc\/4$/);
  await expect(
    page.getByText('consider if your products or services appeal to current or potential customers'),
  ).toBeVisible();
  // And back: the pair works both ways.
  await expect(
    page
      .getByRole('region', { name: 'Equivalent items in other modules' })
      .getByRole('link', { name: 'Win and keep customers: PC 3' }),
  ).toBeVisible();
});

test('EE2 lists its related units as text, and the worksheet module points to the live worksheet', async ({ page }) => {
  await signIn(page, DEMO.learner);
  await page.goto('/modules/ee2-win-keep-customers');
  const related = page.getByRole('region', { name: 'Related units' });
  await expect(related).toContainText('Find innovative ways to improve your business');
  await expect(related).toContainText('Management and Leadership Standards');
  await expect(related.getByRole('link')).toHaveCount(0);

  await page.goto('/modules/ws-2-8-keeping-customers');
  await expect(page.getByRole('link', { name: /Open the worksheet/ })).toHaveAttribute(
    'href',
    '/worksheets/ws-2-8-keeping-customers',
  );
  await expect(page.getByText('Exercise: Your customer contact points')).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
});

test('unknown modules and items answer 404', async ({ page }) => {
  await signIn(page, DEMO.learner);
  const mod = await page.goto('/modules/nope');
  expect(mod?.status()).toBe(404);
  // Module pages are built in advance for every module and item; any other address is the portal's 404 page.
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
  expect((await page.goto('/modules/ee2-win-keep-customers/items/ee2/pc/99'))?.status()).toBe(404);
  // A real item, but of another module.
  expect((await page.goto('/modules/ee2-win-keep-customers/items/wrc/pc/1'))?.status()).toBe(404);
});

test('module pages print without navigation and fit a phone screen', async ({ page }) => {
  await signIn(page, DEMO.learner);
  await page.goto('/modules/u306-customers-retention');
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByText('explain the term customer retention')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of [
    '/modules',
    '/modules/u306-customers-retention',
    '/modules/u306-customers-retention/items/u306/ac/2.4',
    '/modules/ws-2-8-keeping-customers',
  ]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  }
});

test('module pages have no accessibility violations', async ({ page }) => {
  await signIn(page, DEMO.learner);
  for (const path of [
    '/modules',
    '/modules/u306-customers-retention',
    '/modules/ee2-win-keep-customers/items/ee2/pc/3',
    '/modules/ws-2-8-keeping-customers',
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

test('a visitor reads a module without signing in: its scripts run under the hash-based policy, and nothing personal shows', async ({
  page,
}) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  const res = await page.goto('/modules/u306-customers-retention');
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Understand customers and customer retention');
  // The header asks who is reading once the page's scripts run: a visitor is offered the sign-in page.
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your progress' })).toHaveCount(0);
  await expect(page.locator('[data-status]')).toHaveCount(0);
  expect(refused).toEqual([]);

  // The breadcrumb leads back to the catalogue, which a visitor may read too, with a way to sign in.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Modules' }).click();
  await expect(page).toHaveURL(/\/modules$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modules');
  await expect(page.getByRole('link', { name: /Understand customers and customer retention/ })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Your modules')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a visitor finds criteria through the header’s search, by reference and by words, grouped by module', async ({
  page,
}) => {
  await page.goto('/modules/ee2-win-keep-customers');
  await page.getByRole('banner').getByRole('link', { name: 'Search the modules' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Search the modules' })).toBeVisible();
  const search = page.getByRole('search', { name: 'Search the modules' }).getByRole('searchbox');
  await search.fill('AC 2.4');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=AC\+2\.4$/);
  await expect(page.getByTestId('search-summary')).toHaveText('1 item in 1 module matches “AC 2.4”.');
  await page.getByRole('link', { name: '306/696 AC 2.4' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Assessment criterion 2.4' })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: 'Search the modules' }).click();
  await page.getByRole('searchbox', { name: 'Words or a reference' }).fill('loyalty');
  await page.getByRole('searchbox', { name: 'Words or a reference' }).press('Enter');
  for (const module of ['Win and keep customers', 'Understand customers and customer retention'])
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(module) })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('loyalty');
  await expectNoAxeViolations(page);

  await page.goto('/search?q=zebra%20crossing');
  await expect(page.getByTestId('search-summary')).toContainText('Nothing in the modules matches “zebra crossing”');
});
