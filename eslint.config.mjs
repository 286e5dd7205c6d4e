// ESLint (flat config) with typescript-eslint: the recommended rules for TypeScript, and unused
// code (variables, imports, parameters, caught errors not prefixed with _) as errors.
// `npm run lint`. Only the TypeScript sources and tests are linted; built output is ignored.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // Style rules left out: `any` in tests of JSON-RPC messages, escapes in regexes, let vs const.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-useless-escape': 'off',
      'prefer-const': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-unused-labels': 'error',
      'no-unreachable': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
