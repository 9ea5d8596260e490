import { chromium } from '@playwright/test';
const base = 'http://localhost:3205';
const [,, email, url, width] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: Number(width ?? 1280), height: 900 } })).newPage();
await page.goto(`${base}/signin`);
await page.getByLabel('Email address').fill(email);
await page.getByLabel('Password').fill('criterion-demo');
await page.getByRole('button', { name: 'Sign in', exact: true }).click();
await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 120000 });
await page.goto(base + url);
const res = await page.evaluate(() => {
  const vw = document.documentElement.clientWidth;
  const out: string[] = [`scrollWidth=${document.documentElement.scrollWidth} vw=${vw}`];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1 && el.children.length < 50) out.push(`${el.tagName}.${(el.className || '').toString().slice(0, 60)} right=${Math.round(r.right)}`);
  }
  return out.slice(0, 15);
});
console.log(res.join('\n'));
await browser.close();
