import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchOptions } from '../../playwright.config';
import { expectNoAxeViolations, signIn } from './helpers';
import { learnerForAttempt } from './accounts';

const LEARNER = 'capture.learner@e2e.example';
const SHOTS = '/tmp/shots-offline';
const PHONE = { width: 375, height: 812 };
// A real PNG followed by 600 kB (as cameras add metadata): three pieces of the uploader's 256 kB.
const PHOTO = Buffer.concat([
  fs.readFileSync(path.resolve(__dirname, '../fixtures/files/stall.png')),
  crypto.randomBytes(600 * 1024),
]);

// The start of a WebM file (an EBML header naming its DocType), then the recording: what a phone's camera app hands over.
const VIDEO = Buffer.concat([
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]),
  crypto.randomBytes(300 * 1024),
]);

// Chromium's fake microphone (a tone) with permission already given, so MediaRecorder records a real voice note.
test.use({
  launchOptions: {
    ...launchOptions,
    args: [...launchOptions.args, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

async function openCapture(page: Page) {
  await page.goto('/learner/evidence/capture');
  await expect(page.getByRole('heading', { level: 1, name: 'Capture evidence' })).toBeVisible();
}

test('offline on a phone, a photo and a voice note wait in the queue, survive the tab closing and upload once', async ({
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  const learner = learnerForAttempt(LEARNER, testInfo.retry);
  const context = await browser.newContext({ viewport: PHONE, permissions: ['microphone'] });
  let page = await context.newPage();
  await signIn(page, learner.email);

  // The evidence page leads to capture; the service worker takes control once it is installed.
  await page.goto('/learner/evidence');
  await expect(page.getByRole('heading', { level: 2, name: /Library \(0\)/ })).toBeVisible();
  await page.getByRole('link', { name: 'Capture on your phone' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Capture evidence' })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect(page.getByTestId('queue-summary')).toHaveText('Nothing waiting to upload.');
  await expectNoAxeViolations(page);

  await context.setOffline(true);
  await expect(page.getByTestId('queue-summary')).toContainText('You are offline.');

  // A photo from the camera input, mapped to a criterion.
  await page.getByTestId('capture-photo').setInputFiles({ name: 'stall.png', mimeType: 'image/png', buffer: PHOTO });
  await expect(page.getByText(/^Photo ready/)).toBeVisible();
  await page.getByLabel('Title').fill('Stall set out for the Saturday market');
  await page.getByLabel('Find criteria').fill('EE2 PC 1');
  await page.getByRole('checkbox', { name: /^EE2 PC 1 / }).check();
  await page.getByLabel('Find criteria').fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'It uploads when you are back online' })).toBeVisible();
  await expect(page.getByTestId('queue-summary')).toContainText('1 waiting to upload when you are back online.');

  // A voice note from the microphone.
  await page.getByRole('button', { name: 'Record a voice note' }).click();
  await expect(page.getByRole('button', { name: /Stop recording/ })).toBeVisible();
  await page.waitForTimeout(2_000);
  await page.getByRole('button', { name: /Stop recording/ }).click();
  await expect(page.getByText(/^Voice note ready/)).toBeVisible();
  await page.getByLabel('Title').fill('Voice note after the customer call');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const queue = page.getByRole('list', { name: 'Waiting to upload' });
  await expect(page.getByTestId('queue-summary')).toContainText('2 waiting to upload when you are back online.');
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  for (const title of ['Stall set out for the Saturday market', 'Voice note after the customer call']) {
    const item = queue.getByRole('listitem').filter({ hasText: title });
    await expect(item.getByRole('progressbar', { name: `Uploaded of ${title}` })).toBeVisible();
    await expect(item.getByRole('button', { name: `Remove ${title}` })).toBeVisible();
    await expect(item.getByRole('button', { name: `Retry ${title}` })).toBeDisabled();
  }
  await expectNoAxeViolations(page);
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: `${SHOTS}/capture-queue-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);

  // The tab closes with both still on the phone; the signal returns; the learner opens the page again.
  await page.close();
  await context.setOffline(false);
  page = await context.newPage();
  await openCapture(page);
  await expect(page.getByTestId('queue-summary')).toHaveText('Nothing waiting to upload.', { timeout: 30_000 });

  // Exactly two new pieces of evidence, one each: nothing lost, nothing sent twice.
  await page.goto('/learner/evidence');
  await expect(page.getByRole('heading', { level: 2, name: /Library \(2\)/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Stall set out for the Saturday market' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Voice note after the customer call' })).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/evidence-after-upload-375.png`, fullPage: true });
  // Reopening once more sends nothing again.
  await openCapture(page);
  await expect(page.getByTestId('queue-summary')).toHaveText('Nothing waiting to upload.');
  await page.goto('/learner/evidence');
  await expect(page.getByRole('heading', { level: 2, name: /Library \(2\)/ })).toBeVisible();
  await page.getByRole('link', { name: 'Stall set out for the Saturday market' }).click();
  await expect(page.getByText('EE2 PC 1').first()).toBeVisible();
  // The evidence page shows the photo itself and plays the voice note, as the assessor will see them.
  const photo = page.getByRole('img', { name: 'The photo: Stall set out for the Saturday market' });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/evidence-photo-375.png`, fullPage: true });
  await page.goto('/learner/evidence');
  await page.getByRole('link', { name: 'Voice note after the customer call' }).click();
  const player = page.getByLabel('Play the recording: Voice note after the customer call');
  await expect(player).toBeVisible();
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThan(0);
  // A player seeks with byte ranges: the portal answers with just those bytes.
  const src = await player.getAttribute('src');
  const piece = await page.request.get(src!, { headers: { range: 'bytes=0-99' } });
  expect(piece.status()).toBe(206);
  expect((await piece.body()).length).toBe(100);
  await expectNoAxeViolations(page);
  await context.close();
});

test('a module page visited once is readable offline', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto('/modules/ee2-win-keep-customers');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // Visited again once the worker controls the page, so the worker keeps a copy.
  await page.reload();
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading!);
  // A page never visited is not there: the worker keeps only what was read.
  await expect(page.goto('/modules/win-retain-customers')).rejects.toThrow();
  await context.close();
});

test('the capture page kept for offline use is dropped once the session has ended without Sign out', async ({
  browser,
}, testInfo) => {
  const learner = learnerForAttempt(LEARNER, testInfo.retry);
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, learner.email);
  await openCapture(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Capture evidence' })).toBeVisible();
  await context.setOffline(false);

  // The session ends on the server's side (it expired; here its cookie goes): the page now sends to sign-in...
  await context.clearCookies();
  await page.goto('/learner/evidence/capture');
  await expect(page).toHaveURL(/\/signin/);
  // ...and the phone no longer has the learner's page to show the next person offline.
  await context.setOffline(true);
  await expect(page.goto('/learner/evidence/capture')).rejects.toThrow();
  await context.close();
});

test('signing out with a capture still waiting warns, and staying keeps it queued', async ({ browser }, testInfo) => {
  const learner = learnerForAttempt(LEARNER, testInfo.retry);
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, learner.email);
  // The portal cannot be reached for uploads, so the capture stays on the phone.
  await page.route('**/api/uploads', (route) => route.abort('internetdisconnected'));
  await openCapture(page);
  await page.getByTestId('capture-photo').setInputFiles({ name: 'stall.png', mimeType: 'image/png', buffer: PHOTO });
  await page.getByLabel('Title').fill('Shelf before restocking');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('queue-summary')).toHaveText('1 waiting to upload.');

  // Answered as it opens: a click whose dialog waits for an answer would not return first.
  const warned = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  expect(await warned).toContain('1 capture has not been uploaded yet');
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('queue-summary')).toHaveText('1 waiting to upload.');
  await context.close();
});

test('a written note saved on the phone arrives as a written account', async ({ browser }, testInfo) => {
  const learner = learnerForAttempt(LEARNER, testInfo.retry);
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, learner.email);
  await openCapture(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Write a note' }).click();
  await page.getByLabel('Your note').fill('The customer asked for oat milk; I added it to the order sheet.');
  await page.getByLabel('Title').fill('Note after the morning rush');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('queue-summary')).toContainText('1 waiting to upload when you are back online.');
  await context.setOffline(false);
  await expect(page.getByTestId('queue-summary')).toHaveText('Nothing waiting to upload.', { timeout: 30_000 });
  await page.goto('/learner/evidence');
  await page.getByRole('link', { name: 'Note after the morning rush' }).click();
  await expect(page.getByText('The customer asked for oat milk; I added it to the order sheet.')).toBeVisible();
  await context.close();
});

test('a short video from the camera uploads as file evidence', async ({ browser }, testInfo) => {
  const learner = learnerForAttempt(LEARNER, testInfo.retry);
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, learner.email);
  await openCapture(page);
  await page.getByTestId('capture-video').setInputFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: VIDEO });
  await expect(page.getByText(/^Video ready/)).toBeVisible();
  await page.getByLabel('Title').fill('Video of the window display');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // Online, the queue reads "Nothing waiting" before the save as well as after the upload: wait for the server's answer.
  await expect(page.getByText('Uploaded: Video of the window display.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('queue-summary')).toHaveText('Nothing waiting to upload.');
  await page.goto('/learner/evidence');
  await expect(page.getByRole('link', { name: 'Video of the window display' })).toHaveCount(1);
  await context.close();
});
