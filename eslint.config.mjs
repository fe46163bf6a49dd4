import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net',
  'os', 'path', 'process', 'readline', 'stream', 'url', 'util', 'worker_threads', 'zlib',
];

const coreRestrictions = {
  paths: [
    { name: 'vscode', message: 'core/ must not depend on the VS Code API.' },
    ...nodeBuiltins.map((name) => ({ name, message: 'core/ must not use Node built-ins.' })),
  ],
  patterns: [
    { group: ['node:*'], message: 'core/ must not use Node built-ins.' },
    { group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'core/ must not depend on the LSP libraries.' },
    { group: ['**/server/**', '**/client/**', '**/cli/**'], message: 'core/ must not import the layers built on it.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.cache/**', 'test-results/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is shared by the Node server, the web-worker server and the CLI: no editor, LSP or Node APIs.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreRestrictions],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The PDF and Word readers (pdf.js, the ZIP reader) stay out of the core index and the web bundles: only
    // core/src/readers/ uses them, loaded on demand as dist/readers.js.
    files: ['core/**/*.ts'],
    ignores: ['core/src/readers/**'],
    rules: {
      'no-restricted-imports': ['error', {
        ...coreRestrictions,
        patterns: [
          ...coreRestrictions.patterns,
          { group: ['unpdf', 'unpdf/*', 'fflate', '**/readers/index', '**/readers/pdf', '**/readers/docx'], message: 'Binary readers are loaded on demand (core/src/readers/index.ts); import decode/places only.' },
        ],
      }],
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/**'], message: 'The client talks to the server; it does not run the core.' }] }],
    },
  },
);
