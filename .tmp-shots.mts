import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://localhost:3205';
const [,, email, password, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const width of [1280, 375]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 120000 });
  for (const p of paths) {
    let [url, name] = p.split('=');
    if (url.startsWith('@')) {
      // "@/coach/learners/" means: the first link on the current page that starts with that path.
      url = (await page.locator(`a[href^="${url.slice(1)}"]`).first().getAttribute('href'))!;
    }
    const t0 = Date.now();
    const res = await page.goto(`${base}${url}`, { timeout: 180000 });
    await page.waitForLoadState('networkidle');
    console.log(width, url, res?.status(), Date.now() - t0, 'ms');
    await page.screenshot({ path: `/tmp/shots/${name}-${width}.png`, fullPage: true });
    if (width === 375) await page.screenshot({ path: `/tmp/shots/${name}-${width}-top.png` });
  }
  await ctx.close();
}
await browser.close();
