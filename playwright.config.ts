import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
// One data folder per port, so several suites (or engineers) can run side by side.
const DATA = `.data/e2e-${PORT}`;

// Debian's Chromium: Playwright's own browser download cannot work on these machines.
export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // One retry in CI only: a test that fails twice fails the run, and a pass on retry is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  // 90 s: on a 2-core machine the server, two browsers and axe share the cores; a keyboard-only pass took 49 to 60 s.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: '.reports/playwright.json' }]]
    : [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    // A fresh embedded database per run, seeded with the demo cohort plus the accounts the tests use.
    command: `rm -rf ${DATA} && tsx tests/e2e/seed.ts && node scripts/start.mjs`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      PGLITE_DIR: `${DATA}/pglite`,
      UPLOAD_DIR: `${DATA}/uploads`,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next',
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-123456',
      DEMO_SEED: 'never',
    },
  },
});
