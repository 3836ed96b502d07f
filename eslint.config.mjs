// typescript-eslint's strict type-checked rules over every TypeScript file in the repository.
import eslint from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Highest cyclomatic complexity a function may have; every function meets it (split a function that would not).
const COMPLEXITY_CAP = 12;

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'network/**', '.fabric/**', '**/*.mjs', '**/*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // The import graph has no cycle: a module never reaches itself through its imports (type imports too).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The chaincode so far; gateway, scripts and tests still have functions above the cap.
    files: ['chaincode/**/*.ts'],
    rules: { complexity: ['error', COMPLEXITY_CAP] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai's property assertions (expect(x).to.be.true) read as unused expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
