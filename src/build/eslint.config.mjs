// ESLint for everything outside the cards (which HubSpot's own config lints: `hs project lint`).
// Run from the project root: `eslint -c src/build/eslint.config.mjs .` (npm run lint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'src/app/cards/**',
      'src/app/functions/*.js',
      '.lead-ops/**',
      'bench/tmp/**',
      'test-artifacts/**',
      'src/sandbox/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Who may import whom (STYLE.md). The core is pure; the emulator shares nothing with the code it tests.
  layer(
    ['src/core/**/*.ts'],
    ['../hubspot/*', '../../hubspot/*', '**/functions/*', '**/cli/*', '**/sandbox/*', '**/emulator/*', '**/build/*', 'node:*', '@hubspot/*'],
    'src/core is pure: no I/O, no SDK, no other layer',
  ),
  layer(
    ['src/hubspot/**/*.ts'],
    ['**/functions/*', '**/cli/*', '**/sandbox/*', '**/emulator/*', '**/build/*'],
    'src/hubspot is the gateway to HubSpot; it does not know its callers',
  ),
  layer(
    ['src/functions/**/*.ts'],
    ['**/cli/*', '**/sandbox/*', '**/emulator/*', '**/build/*'],
    'app functions run inside HubSpot: no tools, no emulator',
  ),
  layer(
    ['src/services/**/*.ts'],
    ['**/functions/*', '**/ops/*', '**/cli/*', '**/sandbox/*', '**/emulator/*', '**/build/*'],
    'services are shared by functions and tools: core and hubspot only',
  ),
  layer(
    ['src/ops/**/*.ts'],
    ['**/functions/*', '**/cli/*', '**/sandbox/*', '**/emulator/*', '**/build/*'],
    'operations run by the CLI, the sandbox and tests: core, hubspot and services only',
  ),
  layer(
    ['src/emulator/**/*.ts'],
    ['**/core/*', '**/hubspot/*', '**/functions/*', '**/app/*', '**/cli/*', '**/sandbox/*', '**/build/*'],
    'the emulator shares no code with what it tests',
  ),
  layer(
    ['src/connectors/**/*.ts'],
    ['**/hubspot/*', '**/functions/*', '**/workflows/*', '**/services/*', '**/ops/*', '**/cli/*', '**/sandbox/*', '**/realtime/*', '**/emulator/*', '**/build/*', '**/app/*', '@hubspot/*'],
    'connectors talk to one destination each: they use src/core and nothing else of the project',
  ),
  // The destination emulators (Mailchimp, Sheets, Zendesk) share code only among themselves.
  layer(
    ['src/emulator/destinations/*/**/*.ts'],
    ['../../*', '**/core/*', '**/hubspot/*', '**/connectors/*', '**/functions/*', '**/app/*', '**/cli/*', '**/sandbox/*', '**/build/*', '**/testing/*'],
    'the destination emulators share no code with what they test, nor with the HubSpot emulator',
  ),
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'src/testing/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
