// Lint, including the import rules between layers (README.md, "Layout"): the folder says where
// code runs, and imports only go downhill. A wrong arrow fails `npm test`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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


// Data is looked up in Maps, never plain objects (issue #10): on a plain object, a cell that says
// "constructor", "__proto__" or "toString" finds an inherited member instead of nothing. This
// rule fails a computed lookup or write with a non-literal key, or an `in` test, on a plain-object
// table: a variable or parameter typed or cast with a string-keyed type (Record<string, …>,
// { [key: string]: … }), a module-level UPPER_CASE object table (unless typed Record<K, …> with K
// a closed union that TypeScript checks at every lookup), or an imported JSON file.
const LOOKUP_ADVICE = 'look data up in a Map (a cell that says "constructor" must not find an inherited member of a plain object)';
function typeArgs(node) {
  return node.typeArguments?.params ?? node.typeParameters?.params ?? [];
}
/** Whether a type is (or holds) a string-keyed object type; `aliases` are the file's own type
 *  aliases, followed once each. */
function hasStringKeys(type, aliases = new Map()) {
  if (!type) return false;
  const recurse = (inner) => hasStringKeys(inner, aliases);
  if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier') {
    const args = typeArgs(type);
    if (type.typeName.name === 'Record' && args[0]?.type === 'TSStringKeyword') return true;
    const alias = aliases.get(type.typeName.name);
    if (alias) return hasStringKeys(alias, new Map([...aliases].filter(([name]) => name !== type.typeName.name)));
    return args.some(recurse);
  }
  if (type.type === 'TSTypeLiteral') {
    return type.members.some(
      (m) =>
        (m.type === 'TSIndexSignature' && m.parameters.some((p) => p.typeAnnotation?.typeAnnotation.type === 'TSStringKeyword')) ||
        (m.type === 'TSPropertySignature' && recurse(m.typeAnnotation?.typeAnnotation)),
    );
  }
  if (type.type === 'TSUnionType' || type.type === 'TSIntersectionType') return type.types.some(recurse);
  if (type.type === 'TSArrayType') return recurse(type.elementType);
  return false;
}
/** Record<K, …> or Partial<Record<K, …>> with K not string: a closed set of keys. */
function closedKeys(type) {
  if (type?.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return false;
  const args = typeArgs(type);
  if (type.typeName.name === 'Partial' || type.typeName.name === 'Readonly') return closedKeys(args[0]);
  return type.typeName.name === 'Record' && args[0] !== undefined && args[0].type !== 'TSStringKeyword';
}
function unwrapCasts(node) {
  let expression = node;
  while (expression && (expression.type === 'TSAsExpression' || expression.type === 'TSSatisfiesExpression')) expression = expression.expression;
  return expression;
}
const noObjectLookupByData = {
  meta: {
    type: 'problem',
    messages: {
      lookup: `"{{name}}" is a plain object looked up with a key from data: ${LOOKUP_ADVICE}.`,
    },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode;
    const aliases = new Map();
    for (const statement of source.ast.body) {
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (declaration?.type === 'TSTypeAliasDeclaration') aliases.set(declaration.id.name, declaration.typeAnnotation);
    }
    const stringKeyed = (type) => hasStringKeys(type, aliases);
    const findVariable = (node, name) => {
      for (let scope = source.getScope(node); scope; scope = scope.upper) {
        const variable = scope.set.get(name);
        if (variable) return variable;
      }
      return null;
    };
    const castTypes = (node) => {
      const types = [];
      for (let expression = node; expression && (expression.type === 'TSAsExpression' || expression.type === 'TSSatisfiesExpression'); expression = expression.expression) {
        types.push(expression.typeAnnotation);
      }
      return types;
    };
    const isTable = (node, name) => {
      const definition = findVariable(node, name)?.defs[0];
      if (!definition) return false;
      if (definition.type === 'ImportBinding') return /\.json$/.test(definition.parent.source.value);
      if (definition.type === 'Parameter') return stringKeyed(definition.name.typeAnnotation?.typeAnnotation);
      if (definition.type !== 'Variable') return false;
      const declarator = definition.node;
      const annotation = declarator.id.typeAnnotation?.typeAnnotation;
      let init = declarator.init;
      while (init?.type === 'MemberExpression') init = init.object;
      if (stringKeyed(annotation) || castTypes(init).some(stringKeyed)) return true;
      const declaration = declarator.parent;
      if (!/^[A-Z][A-Z0-9_]*$/.test(name) || declaration.kind !== 'const' || !['Program', 'ExportNamedDeclaration'].includes(declaration.parent.type)) return false;
      if (closedKeys(annotation)) return false;
      const value = unwrapCasts(declarator.init);
      const fromEntries = value?.type === 'CallExpression' && source.getText(value.callee) === 'Object.fromEntries';
      return value?.type === 'ObjectExpression' || fromEntries || value !== declarator.init || value?.type === 'MemberExpression';
    };
    const rootName = (node) => {
      let object = unwrapCasts(node);
      while (object.type === 'MemberExpression') object = unwrapCasts(object.object);
      return object.type === 'Identifier' ? object.name : null;
    };
    const literalKey = (key) => key.type === 'Literal' || (key.type === 'TemplateLiteral' && key.expressions.length === 0);
    return {
      MemberExpression(node) {
        if (!node.computed || literalKey(node.property)) return;
        if (castTypes(node.object).some(stringKeyed)) return context.report({ node, messageId: 'lookup', data: { name: source.getText(node.object) } });
        const name = rootName(node.object);
        if (name && isTable(node, name)) context.report({ node, messageId: 'lookup', data: { name } });
      },
      BinaryExpression(node) {
        if (node.operator !== 'in' || literalKey(node.left)) return;
        const name = rootName(node.right);
        if (name && isTable(node, name)) context.report({ node, messageId: 'lookup', data: { name } });
      },
    };
  },
};

const CORE_PATTERNS = [
  electronImport('electron/core/'),
  into('main', 'electron/core/', 'core runs without Electron; main depends on core, not the reverse.'),
  into('preload', 'electron/core/', 'core must not depend on the preload.'),
  into('cli', 'electron/core/', 'core must not depend on the CLI.'),
  into('preview', 'electron/core/', 'core must not depend on the preview server.'),
  into('renderer', 'electron/core/', 'core must not depend on the UI.'),
];

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
  // The rules of hooks and of React (issue #11): effects declare what they read, nothing is set
  // during render, refs are not read while rendering. The project does not run the React
  // Compiler, so its "incompatible library" notice (about auto-memoising TanStack Virtual) is off.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error', 'react-hooks/incompatible-library': 'off' },
  },
  // electron/core/: the app without Electron.
  {
    files: ['electron/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: CORE_PATTERNS }] },
  },
  // Inside a feature of electron/core: handlers → services → repos. A handler turns the request
  // into a command on its service and never reaches the database itself.
  {
    files: ['electron/core/handlers.ts', 'electron/core/*/handlers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_PATTERNS,
            {
              group: ['**/repo', '**/*Repo', '**/db/*', '!**/db/migrations'],
              message: "A handler calls its feature's service, never a repo or the database: handlers → services → repos.",
            },
          ],
        },
      ],
    },
  },
  // A repo only runs SQL: it never calls up into a service, the handlers or the effects.
  {
    files: ['electron/core/*/repo.ts', 'electron/core/*/*Repo.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_PATTERNS,
            { group: ['**/service', '**/handlers', '**/effects', '**/*Service'], message: 'A repo only runs SQL: it never calls a service, the handlers or the effects.' },
          ],
        },
      ],
    },
  },
  // Data is looked up in Maps in every layer that reads a user's data.
  {
    files: ['shared/**/*.ts', 'electron/core/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { dialdeck: { rules: { 'no-object-lookup-by-data': noObjectLookupByData } } },
    rules: { 'dialdeck/no-object-lookup-by-data': 'error' },
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
