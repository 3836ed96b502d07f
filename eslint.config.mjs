// typescript-eslint's strict type-checked rules over every TypeScript file in the repository.
import { dirname, relative, resolve, sep } from 'node:path';
import eslint from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** The workspaces: each is imported by its package name; whatever is outside them (test, scripts) is the root's. */
const WORKSPACES = ['chaincode', 'gateway', 'web'];

/** The package a file belongs to: a workspace (`chaincode`, `packages/<name>`, …) or the root. */
function packageOf(file) {
  const [top, second] = relative(ROOT, file).split(sep);
  if (top === 'packages') {
    return `packages/${second}`;
  }
  return WORKSPACES.includes(top) ? top : 'the root package';
}

/**
 * Packages import one another by name (`@fabric-agreements/api`, `agreements-chaincode/core`), never by a relative
 * path: a relative path across packages is invisible to npm and to the chaincode's packaging, and ties the layout.
 */
const noRelativeImportAcrossPackages = {
  meta: {
    type: 'problem',
    messages: { across: "'{{source}}' reaches into {{target}}: import it by package name" },
    schema: [],
  },
  create(context) {
    const from = packageOf(context.filename);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) {
        return;
      }
      const target = packageOf(resolve(dirname(context.filename), source));
      if (target !== from) {
        context.report({ node: node.source, messageId: 'across', data: { source, target } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

// Highest cyclomatic complexity a function may have; every function meets it (split a function that would not).
const COMPLEXITY_CAP = 12;

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'network/**',
      '.fabric/**',
      '.fabric-*/**',
      '**/*.mjs',
      '**/*.js',
      '**/*.cjs',
      'web/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: {
      'import-x': importX,
      workspace: { rules: { 'no-relative-import-across-packages': noRelativeImportAcrossPackages } },
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'workspace/no-relative-import-across-packages': 'error',
      // No module reaches itself through its value imports (scripts/lint/import-cycles.ts counts type imports too).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Every TypeScript file of the tree: chaincode, gateway, packages, scripts, tests and the web application.
    files: ['**/*.{ts,tsx}'],
    rules: { complexity: ['error', COMPLEXITY_CAP] },
  },
  {
    files: ['test/**/*.ts', 'web/src/**/*.test.{ts,tsx}', 'web/src/test/**/*.{ts,tsx}'],
    rules: {
      // chai's property assertions (expect(x).to.be.true) read as unused expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
