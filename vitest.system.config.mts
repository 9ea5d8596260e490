import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = path.dirname(fileURLToPath(import.meta.url));

// System tests drive the production build (next start) as separate processes; run after `npm run build`.
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // The query-plan test runs lib code directly (as the unit and integration tests do).
      'server-only': path.resolve(__dirname, 'tests/helpers/server-only-stub.ts'),
    },
  },
  test: {
    include: ['tests/system/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
