/**
 * Remix's own config (React, hooks, jsx-a11y, import, TypeScript), with imports in one order and Prettier deciding
 * layout. @type {import('eslint').Linter.Config}
 */
module.exports = {
  root: true,
  extends: ['@remix-run/eslint-config', '@remix-run/eslint-config/node', 'prettier'],
  settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } } },
  rules: {
    'import/order': [
      'error',
      {
        groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index'], 'type'],
        pathGroups: [{ pattern: '~/**', group: 'internal' }],
        pathGroupsExcludedImportTypes: ['type'],
        alphabetize: { order: 'asc', caseInsensitive: true },
        'newlines-between': 'never',
      },
    ],
    'import/no-duplicates': 'error',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    // Tests name a module's type as `typeof import(…)`: they import it only after pointing it at a test database.
    '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
  },
  overrides: [
    // Tests and scripts run in Node and may log.
    { files: ['tests/**', 'scripts/**', 'seeds/**'], rules: { 'no-console': 'off' } },
  ],
  ignorePatterns: ['node_modules/', 'build/', 'public/build/', '.cache/', 'data/'],
}
