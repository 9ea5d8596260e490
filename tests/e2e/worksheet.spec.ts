import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, shoot, signIn } from './helpers';

const LEARNER = 'worksheet.learner@e2e.example';
const LEARNER_NAME = 'Wendy Worksheet';
const WORKSHEET = '/worksheets/ws-2-8-keeping-customers';

// One learner's worksheet, built up step by step: the tests run in order.
test.describe.configure({ mode: 'serial' });

const saveStatus = (page: Page) => page.locator('[data-save-status]');
const contactsTable = (page: Page) => page.getByRole('region', { name: 'Your customer contact points' });
const cell = (page: Page, column: 'Customer contact points' | 'Good customer service', row: number) =>
  contactsTable(page).getByRole('textbox', { name: `${column}, row ${row}`, exact: true });

const ROWS = [
  ['Website', 'Prices and opening hours easy to find; replies to messages within a day'],
  ['Phone', 'Answered by the third ring, with a friendly greeting'],
  ['Delivery', 'On the day promised, with a text when the van is on its way'],
] as const;

test('fills three rows, reloads and sees them', async ({ page }) => {
  await signIn(page, LEARNER);
  await page.goto(WORKSHEET);
  await expect(page.getByRole('heading', { level: 1, name: 'Keeping customers: customer service' })).toBeVisible();

  for (const [i, [contact, service]] of ROWS.entries()) {
    if (i > 0) {
      await contactsTable(page).getByRole('button', { name: 'Add a row' }).click();
      await expect(cell(page, 'Customer contact points', i + 1)).toBeFocused();
    }
    await cell(page, 'Customer contact points', i + 1).fill(contact);
    await cell(page, 'Good customer service', i + 1).fill(service);
  }
  await expect(saveStatus(page)).toHaveText(/^Saved/);

  await page.reload();
  for (const [i, [contact, service]] of ROWS.entries()) {
    await expect(cell(page, 'Customer contact points', i + 1)).toHaveValue(contact);
    await expect(cell(page, 'Good customer service', i + 1)).toHaveValue(service);
  }
  await expect(contactsTable(page).getByText('Answered', { exact: true })).toBeVisible();
});

test('a section drawn before its code has arrived takes no typing until it is live, then keeps the answers', async ({
  page,
}) => {
  await signIn(page, LEARNER);
  // Hold every script back, as on a slow phone connection: the server's page is there, React is not yet.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(WORKSHEET, { waitUntil: 'domcontentloaded' });
  const first = cell(page, 'Customer contact points', 1);
  await expect(first).toHaveValue(ROWS[0][0]);
  // Typing now would be lost when React takes the page over: the field says so by being disabled.
  await expect(first).toBeDisabled();
  release();
  await expect(first).toBeEnabled();
  await expect(first).toHaveValue(ROWS[0][0]);
  await expect(cell(page, 'Good customer service', 3)).toHaveValue(ROWS[2][1]);
});

test('offline: the text stays, "Not saved — will retry", and it is saved once back online', async ({
  page,
  context,
}) => {
  await signIn(page, LEARNER);
  await page.goto(WORKSHEET);
  const answer = page.getByRole('textbox', { name: 'For your Enterprise Coach', exact: true });
  await answer.fill('Talk about pricing');
  await expect(saveStatus(page)).toHaveText(/^Saved/);

  await context.setOffline(true);
  await answer.fill('Talk about pricing, and how to ask customers for feedback <b>politely</b>');
  await expect(saveStatus(page)).toContainText('Not saved — will retry');
  await expect(saveStatus(page)).toContainText('kept in this browser');

  await context.setOffline(false);
  await expect(saveStatus(page)).toHaveText(/^Saved/, { timeout: 15_000 });
  await page.reload();
  await expect(answer).toHaveValue('Talk about pricing, and how to ask customers for feedback <b>politely</b>');
});

test('a reload while the server is unreachable puts the unsaved words back from this browser, then saves them', async ({
  page,
}) => {
  await signIn(page, LEARNER);
  await page.goto(WORKSHEET);
  const answer = page.getByRole('textbox', { name: 'Learning from complaints', exact: true });
  // The page loads, but saves cannot reach the server (not even the last-moment keepalive save on reload).
  await page.route('**/api/worksheets/**', (route) => route.abort('internetdisconnected'));
  await answer.fill('A late delivery: we now text customers the day before.');
  await expect(saveStatus(page)).toContainText('Not saved — will retry');
  await page.reload();
  await expect(answer).toHaveValue('A late delivery: we now text customers the day before.');
  await expect(page.getByText('We put back changes you made in this browser')).toBeVisible();

  await page.unroute('**/api/worksheets/**');
  await expect(saveStatus(page)).toHaveText(/^Saved/, { timeout: 15_000 });
  await page.reload();
  await expect(answer).toHaveValue('A late delivery: we now text customers the day before.');
});

test('a stale tab is refused and shows both versions; the learner keeps one', async ({ browser }) => {
  const context = await browser.newContext();
  const tabA = await context.newPage();
  await signIn(tabA, LEARNER);
  await tabA.goto(WORKSHEET);
  const tabB = await context.newPage();
  await tabB.goto(WORKSHEET);

  const inA = tabA.getByRole('textbox', { name: 'Ask your customers', exact: true });
  const inB = tabB.getByRole('textbox', { name: 'Ask your customers', exact: true });
  await inA.fill('Tab A: they want evening opening.');
  await expect(saveStatus(tabA)).toHaveText(/^Saved/);
  await inB.fill('Tab B: they want a loyalty card.');
  await expect(saveStatus(tabB)).toContainText('Not saved — choose a version');
  const conflict = tabB.getByRole('region', { name: /Your answers were changed somewhere else/ });
  await expect(conflict).toContainText('Tab A: they want evening opening.');
  await expect(conflict).toContainText('Tab B: they want a loyalty card.');
  // Tab B was typing when the conflict came: the caret stays in its field.
  await expect(inB).toBeFocused();
  await shoot(tabB, 'worksheet-conflict');
  await expectNoAxeViolations(tabB);

  await conflict.getByRole('button', { name: 'Keep this version: On this page' }).click();
  await expect(saveStatus(tabB)).toHaveText(/^Saved/);
  await tabA.reload();
  await expect(inA).toHaveValue('Tab B: they want a loyalty card.');
  await context.close();
});

test('hands in; the coach comments; the learner sees the comment', async ({ page, browser }) => {
  await signIn(page, LEARNER);
  await page.goto(WORKSHEET);
  await page.getByRole('button', { name: /^Hand in to / }).click();
  await expect(page.getByRole('region', { name: 'Hand in to your Enterprise Coach' })).toContainText('Handed in');
  await shoot(page, 'worksheet-learner');

  const coachContext = await browser.newContext();
  const coach = await coachContext.newPage();
  await signIn(coach, DEMO.coach);
  await coach.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worksheets to review' }).click();
  const waiting = coach.getByRole('region', { name: /Waiting for your comments/ });
  await waiting.getByRole('link', { name: new RegExp(LEARNER_NAME) }).click();
  await expect(coach.getByRole('heading', { level: 1 })).toContainText(`${LEARNER_NAME} — Keeping customers`);

  const contacts = coach.getByRole('region', { name: 'Your customer contact points' });
  await expect(contacts.getByRole('cell', { name: ROWS[2][1] })).toBeVisible();
  await expect(
    coach.getByText('Talk about pricing, and how to ask customers for feedback <b>politely</b>'),
  ).toBeVisible();
  await contacts.getByRole('button', { name: /Add a comment/ }).click();
  await contacts
    .getByRole('textbox', { name: 'Comment on “Your customer contact points”' })
    .fill('Add social media: people message you there too.');
  await contacts.getByRole('button', { name: 'Save comment' }).click();
  await expect(contacts).toContainText('Comment saved');
  await expect(contacts.getByRole('listitem').filter({ hasText: 'Add social media' })).toBeVisible();

  const overall = coach.getByRole('region', { name: 'Overall comments' });
  await overall.getByRole('button', { name: 'Add an overall comment' }).click();
  await overall
    .getByRole('textbox', { name: 'Add an overall comment' })
    .fill('A thoughtful start. Let us talk about complaints next week.');
  await overall.getByRole('button', { name: 'Save comment' }).click();
  await expect(overall.getByRole('listitem').filter({ hasText: 'A thoughtful start.' })).toBeVisible();
  await shoot(coach, 'coach-review');
  await expectNoAxeViolations(coach);
  await coach.goto('/coach/worksheets');
  await shoot(coach, 'coach-list');
  await expectNoAxeViolations(coach);
  await coachContext.close();

  await page.reload();
  await expect(contactsTable(page)).toContainText('Add social media: people message you there too.');
  await expect(page.getByRole('region', { name: 'Feedback from your coach' })).toContainText('A thoughtful start.');
  await shoot(page, 'worksheet-with-comments');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Hand-in 1' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hand-in 1');
  await expect(page.getByRole('region', { name: 'Overall comments' })).toContainText('A thoughtful start.');
  await shoot(page, 'worksheet-hand-in');
  await page.goto('/worksheets');
  await expect(page.getByText('Coach has commented')).toBeVisible();
  await shoot(page, 'worksheet-list');
  await expectNoAxeViolations(page);
});

test('others are refused: staff cannot open the learner page, an unassigned coach cannot open the review', async ({
  browser,
}) => {
  const coachContext = await browser.newContext();
  const coach = await coachContext.newPage();
  await signIn(coach, DEMO.coach);
  expect((await coach.goto(WORKSHEET))?.status()).toBe(403);
  await coach.goto('/coach/worksheets');
  const reviewUrl = await coach
    .getByRole('link', { name: new RegExp(LEARNER_NAME) })
    .first()
    .getAttribute('href');
  expect(reviewUrl).toMatch(/^\/hand-ins\/[0-9a-f-]{36}$/);
  expect((await coach.goto(reviewUrl!))?.status()).toBe(200);
  await coachContext.close();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, 'other.coach@e2e.example');
  expect((await other.goto(reviewUrl!))?.status()).toBe(403);
  const put = await other.request.put(`/api/worksheets/ws-2-8-keeping-customers`, {
    data: { version: 0, answers: {} },
  });
  expect(put.status()).toBe(403);
  await otherContext.close();
});

test('the save API refuses bad input with a clear message and stores nothing', async ({ page }) => {
  await signIn(page, LEARNER);
  const api = '/api/worksheets/ws-2-8-keeping-customers';
  const before = (await (await page.request.get(api)).json()) as { version: number; answers: unknown };

  const tooLong = await page.request.put(api, {
    data: { version: before.version, answers: { coach: 'x'.repeat(5001) } },
  });
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).error).toBe(
    'For your Enterprise Coach: Your answer is longer than 5,000 characters (5,001). Shorten it and try again.',
  );

  const unknown = await page.request.put(api, { data: { version: before.version, answers: { pricing: 'x' } } });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error).toMatch(/no section called “pricing”/);

  const notJson = await page.request.put(api, { headers: { 'content-type': 'text/plain' }, data: 'hello' });
  expect(notJson.status()).toBe(415);
  const broken = await page.request.put(api, {
    headers: { 'content-type': 'application/json' },
    data: '{"version": 1, "answers": ',
  });
  expect(broken.status()).toBe(400);
  const noVersion = await page.request.put(api, { data: { answers: {} } });
  expect(noVersion.status()).toBe(400);
  const huge = await page.request.put(api, {
    data: { version: before.version, answers: { coach: 'x'.repeat(1_100_000) } },
  });
  expect(huge.status()).toBe(413);

  const stale = await page.request.put(api, { data: { version: before.version - 1, answers: { coach: 'stale' } } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).current).toEqual(before);

  expect(
    (
      await page.request.put('/api/worksheets/u306-customers-retention', { data: { version: 0, answers: {} } })
    ).status(),
  ).toBe(404);
  expect(await (await page.request.get(api)).json()).toEqual(before);
});
