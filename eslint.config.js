import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'bench/results/', 'test-results/', 'playwright-report/', '.guest/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The renderer is a browser app. From outside its folder it may use the contract (types only: its values
    // would bundle zod and main-process code) and core/model (plain data and pure functions, no Node).
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*'],
              message: 'The renderer runs in a browser: no Node modules.',
            },
            {
              regex: '^(\\.\\./)+core/(?!model/)',
              message: 'The renderer may import only core/model from core/ (plain data, no Node).',
            },
            {
              regex: '^(\\.\\./)+electron/(?!contract/)',
              message:
                'The renderer talks to the main process only through the contract (electron/contract).',
            },
            {
              regex: '^(\\.\\./)+electron/contract/',
              allowTypeImports: true,
              message: 'Import only types from the contract (`import type`): its values are for main.',
            },
          ],
        },
      ],
    },
  },
  {
    // core/model is shared with the renderer: plain data and pure functions, nothing from Node.
    files: ['core/model/**/*.ts'],
    ignores: ['core/model/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'core/model is shared with the renderer: no Node modules.' },
            {
              regex: '^\\.\\./(?!errors\\.js$)',
              message: 'core/model depends only on itself and core/errors (it is shared with the renderer).',
            },
          ],
        },
      ],
    },
  },
  {
    // core/ is the engine layer: it must run under plain Node, never inside Electron.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['electron/*', '../electron/*'] }],
    },
  },
);
