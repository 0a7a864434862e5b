// Lint, including the import rules between layers (README.md, "Layout"): the folder says where
// code runs, and imports only go downhill. A wrong arrow fails `npm test`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Bare built-in names go in `paths` (exact match): as gitignore-style patterns, "domain/*" or
// "path/*" would also match this project's own folders.
const nodeBuiltinPaths = (layer) =>
  builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: `${layer} must not use Node built-ins: it runs outside Node.` }));
const nodeBuiltins = (layer) => ({
  group: ['node:*'],
  message: `${layer} must not use Node built-ins: it runs outside Node.`,
});
// A regex, not a glob: the glob "electron/*" would also match the project's own electron/ folder.
const electronImport = (layer) => ({
  regex: '^electron(/.*)?$',
  message: `${layer} must never import Electron.`,
});
const into = (folder, layer, why) => ({
  group: [`**/${folder}`, `**/${folder}/**`],
  message: `${layer} must not import from ${folder}/: ${why}`,
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/**', 'tests/**', 'tools/**', '*.config.*', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**', 'electron/preview/bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['tests/e2e/**', 'tests/electron/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // shared/: runs anywhere. No Node, no Electron, no DOM, no React, no database.
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths('shared/'),
          patterns: [
            nodeBuiltins('shared/'),
            electronImport('shared/'),
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'better-sqlite3'], message: 'shared/ is pure: no React, no database.' },
            into('electron', 'shared/', 'shared code must not depend on a process.'),
            into('renderer', 'shared/', 'shared code must not depend on the UI.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require', '__dirname', '__filename'].map(
          (name) => ({ name, message: `shared/ runs anywhere: "${name}" belongs to one runtime.` }),
        ),
      ],
    },
  },
  // renderer/: the sandboxed page. Only its api/ touches the bridge.
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths('renderer/'),
          patterns: [
            nodeBuiltins('renderer/'),
            electronImport('renderer/'),
            { group: ['better-sqlite3'], message: 'renderer/ reaches data only through its api/.' },
            into('electron', 'renderer/', 'the renderer talks to the core only through renderer/src/api/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'dialdeck', message: 'Only renderer/src/api/ touches the bridge.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='dialdeck']", message: 'Only renderer/src/api/ touches the bridge.' },
      ],
    },
  },
  // electron/core/: the app without Electron.
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronImport('electron/core/'),
            into('main', 'electron/core/', 'core runs without Electron; main depends on core, not the reverse.'),
            into('preload', 'electron/core/', 'core must not depend on the preload.'),
            into('cli', 'electron/core/', 'core must not depend on the CLI.'),
            into('preview', 'electron/core/', 'core must not depend on the preview server.'),
            into('renderer', 'electron/core/', 'core must not depend on the UI.'),
          ],
        },
      ],
    },
  },
  // electron/main/: Electron glue over core and shared.
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            into('renderer', 'electron/main/', 'main talks to the page only through IPC.'),
            into('cli', 'electron/main/', 'main does not depend on the CLI.'),
            into('preview', 'electron/main/', 'main does not depend on the preview server.'),
          ],
        },
      ],
    },
  },
  // electron/cli/ and electron/preview/ (server side): Node over core, never Electron.
  {
    files: ['electron/cli/**', 'electron/preview/**'],
    ignores: ['electron/preview/bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronImport('electron/cli/ and electron/preview/'),
            into('main', 'electron/cli/ and electron/preview/', 'they run without Electron.'),
            into('renderer', 'electron/cli/ and electron/preview/', 'the UI is served, not imported.'),
          ],
        },
      ],
    },
  },
  // The preview's bridge runs in the browser, as the preload does in Electron.
  {
    files: ['electron/preview/bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths('electron/preview/bridge.ts'),
          patterns: [
            nodeBuiltins('electron/preview/bridge.ts'),
            electronImport('electron/preview/bridge.ts'),
            { group: ['**/core', '**/core/**', '**/main/**', '**/renderer/**'], message: 'The bridge only forwards calls: shared types only.' },
            { group: ['**/shared/**'], allowTypeImports: true, message: 'The bridge imports only types from shared/.' },
          ],
        },
      ],
    },
  },
  // electron/preload/: one narrow object; type-only imports from shared/.
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/shared/**'], allowTypeImports: true, message: 'The preload imports only types from shared/: nothing else runs in its privileged world.' },
            into('core', 'electron/preload/', 'the preload reaches the core only over IPC.'),
            into('main', 'electron/preload/', 'the preload reaches main only over IPC.'),
            into('renderer', 'electron/preload/', 'the preload does not import the UI.'),
          ],
        },
      ],
    },
  },
);
