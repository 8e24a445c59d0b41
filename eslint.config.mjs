import tseslint from 'typescript-eslint';

// Layering (DEVELOPERS.md): renderer -> shared <- main. shared imports neither side nor any
// Node/DOM-only module; the renderer never imports main, electron or node:*.
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'stream', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '../main', '../renderer'], message: 'shared/ must not import main/ or renderer/.' },
            { group: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'lexical', '@lexical/*'], message: 'shared/ is pure TypeScript: no Node, DOM-framework or Electron imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '../main', '../../main'], message: 'The renderer talks to main only through bridge.ts and the contract.' },
            { group: [...nodeBuiltins, 'electron'], message: 'The renderer runs sandboxed: no Node or Electron imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**', '../renderer'], message: 'main/ must not import the renderer.' }] },
      ],
    },
  },
);
