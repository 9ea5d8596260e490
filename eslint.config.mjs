import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      '.data/**',
      'content/**/*.mdx',
      'next-env.d.ts',
      'playwright-report/**',
      'test-results/**',
      '.tmp*',
      '.next-*/**',
      '.data/**',
      '.reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The rules a Next.js project is expected to keep (links, images, scripts, head) and React's rules of hooks, on the
  // code that renders (tests have their own `use...` helpers that are not React hooks).
  { ...nextPlugin.configs['core-web-vitals'], files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'] },
  { ...reactHooks.configs.flat.recommended, files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'] },
  {
    // Module pages are documents with hundreds of links between items; <Link> would prefetch every one in view.
    files: ['components/content/**/*.tsx'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An un-awaited permission check is always truthy: these two rules catch it.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Layers point one way: app -> components -> lib -> db. A component gets server actions as props from its page.
    files: ['components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/app/|(\\.\\./)+app/)',
              message: 'Routes depend on components and lib, never the other way: pass server actions in as props.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
