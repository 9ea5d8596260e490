import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
const base = 'http://localhost:4061';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
async function as(email) {
  const ctx = await browser.newContext({ baseURL: base });
  const page = await ctx.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('criterion-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  return page;
}
async function look(page, url, name) {
  await page.goto(url);
  const { violations } = await new AxeBuilder({ page }).analyze();
  console.log(name, url, 'axe:', violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  for (const w of [1280, 390]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.screenshot({ path: `/tmp/qa2-shots/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
const mode = process.argv[2] ?? 'look';
const iqa = await as('iqa@example.com');
await look(iqa, '/quality', 'home');
const href = await iqa.locator('a[href^="/quality/items/"]').first().getAttribute('href');
console.log('item', href);
await look(iqa, href, 'item');
if (mode === 'decide') {
  await iqa.getByLabel('Disagree').check();
  await iqa.getByLabel('Feedback to the assessor').fill('The evidence shows what the business does, not what Chloe did herself.');
  await iqa.getByLabel('Action 1', { exact: true }).fill('Ask Chloe for her own account and re-judge.');
  await iqa.getByRole('button', { name: 'Record verdict' }).click();
  await iqa.getByText('Your verdict is recorded.').waitFor();
  await look(iqa, href, 'item-decided');
  await look(iqa, '/quality', 'home-decided');
  const priya = await as('assessor@example.com');
  await look(priya, '/quality/feedback', 'feedback');
  const learnerLink = await priya.locator('a[href^="/learners/"]').first().getAttribute('href');
  await look(priya, learnerLink, 'portfolio');
  const admin = await as('admin@example.com');
  await admin.goto('/admin/cohorts');
  const cohort = await admin.locator('a[href^="/admin/cohorts/"]').first().getAttribute('href');
  await look(admin, cohort, 'admin-cohort');
  await look(admin, href, 'item-admin');
}
await browser.close();
