// One lint configuration for the API, the libs, the console and the tests. Type-aware rules catch
// what the compiler does not: promises nobody awaits and `any` leaking into typed code.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest's interfaces (guards, hooks, handlers) are often async without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The console's Vite config runs in Node, not the browser: its own tsconfig keeps Node's types out of the console's.
    files: ['apps/console/vite.config.mts'],
    languageOptions: { parserOptions: { projectService: false, project: './apps/console/tsconfig.vite.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    // Specs read HTTP answers (`res.body` is `any` in supertest) and build odd inputs on purpose.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
