import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A package's files are private: its entry point is its API. */
const deepImports = {
  group: ['@neurite/*/src/*', '@neurite/*/dist/*', 'neurite/src/*', 'neurite/dist/*'],
  message: 'Import the public entry point of a Neurite package, never its files.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts (scripts/, bench/, apps/*): no TypeScript to know Node's globals, so name them.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', performance: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [deepImports] }],
    },
  },
  {
    // Plugins are written exactly as a third party would write them: public entry points only, so
    // neither a package's files nor a relative path into another package of the repository.
    files: ['packages/cnn/**', 'packages/rnn/**', 'packages/transformer/**', 'examples/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepImports,
            {
              regex: '^(\\.\\./)+(packages/)?(tensor|autograd|backend[\\w-]*|nn|optim|data|cnn|rnn|transformer|neurite)/',
              message: 'A plugin imports other Neurite packages by name (their public entry point), never through a relative path.',
            },
          ],
        },
      ],
    },
  },
);
