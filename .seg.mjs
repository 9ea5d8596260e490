import fs from 'node:fs';
import { chromium } from '@playwright/test';
const [,, name, seg] = process.argv;
const buf = fs.readFileSync(`/tmp/shots/${name}.png`);
const w = buf.readUInt32BE(16), H = buf.readUInt32BE(20), S = Number(seg);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: w, height: 800 } });
await page.setContent(`<html><body style="margin:0"><img style="display:block" src="data:image/png;base64,${buf.toString('base64')}"></body></html>`);
await page.waitForFunction(() => document.images[0].complete);
for (let y = 0, i = 0; y < H; y += S, i++) {
  await page.screenshot({ path: `/tmp/shots/seg-ev/${name}-${i}.png`, clip: { x: 0, y, width: w, height: Math.min(S, H - y) }, fullPage: true });
}
await browser.close();
