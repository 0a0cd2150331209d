// ESLint for everything outside the cards (which HubSpot's own config lints: `hs project lint`).
// Run from the project root: `eslint -c src/build/eslint.config.mjs .` (npm run lint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  // Who may import whom is checked by dependency-cruiser (src/build/dependency-cruiser.cjs), tests included.
);
