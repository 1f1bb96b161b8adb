// Layering is enforced here: the renderer imports only shared/ and browser packages; Electron-free
// code (services, hosts, server, shared) never imports `electron` at run time; shared/ imports
// nothing of ours; the preload imports only the channel names.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'worker_threads', 'stream', 'url', 'util', 'dgram', 'tls', 'zlib'];
const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.lab/**', 'electron/services/cache/migrations/**', 'test-results/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        { group: ['electron', 'electron/*'], message: 'The renderer talks to main only through window.noc / the web client.' },
        { group: NODE_BUILTINS, message: 'The renderer runs without Node: no Node built-ins.' },
        { group: ['**/electron/**', '**/server/**', '**/tests/**'], message: 'The renderer may import only shared/ of ours.' },
      ]),
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/hosts/**/*.ts', 'server/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*'], allowTypeImports: true, message: 'Electron-free code: only electron/main and electron/preload may import electron.' },
      { group: ['**/renderer/**'], message: 'Main-side code never imports the renderer.' },
    ]),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*', '**/electron/**', '**/renderer/**'], message: 'The sync server imports only shared/.' },
    ]),
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*', '**/electron/**', '**/renderer/**', '**/server/**', '**/tests/**'], message: 'shared/ imports nothing of ours.' },
      { group: NODE_BUILTINS, message: 'shared/ runs in the renderer too: no Node built-ins.' },
    ]),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([
      { group: ['zod', '**/shared/ipc/schemas*', '**/electron/services/**', '**/electron/hosts/**'], allowTypeImports: true, message: 'The sandboxed preload imports only shared/ipc/channels.' },
    ]),
  },
);
