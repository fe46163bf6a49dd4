// Bundles the client, the Node server and the CLI into dist/ with esbuild, and the web extension (client and
// web-worker server) into dist/web/.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};

// The web bundles run in vscode.dev's extension host and in a web worker: no Node built-ins may reach them,
// neither as `node:` imports (esbuild rejects those for the browser anyway) nor as bare names that a
// package's `browser` field would quietly replace with an empty module or a polyfill.
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('node:') ? args.path.slice(5) : args.path;
      if (!args.path.startsWith('node:') && !nodeBuiltins.has(name) && !nodeBuiltins.has(name.split('/')[0])) return undefined;
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: not available in the web extension` }] };
    });
  },
};

const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  // Both bundles run in workers (the web extension host is one), which have no DOM: prefer a package's
  // `worker` export to its `browser` one (decode-named-character-reference's uses `document`).
  conditions: ['worker'],
  // No `process`, `Buffer` or `global` shims: the code that runs in the browser must not need them.
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  plugins: [noNodeBuiltins],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/node.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // PDF and Word readers (pdf.js is most of it): loaded by the CLI and the server only when such a file is read.
  { ...common, entryPoints: ['core/src/readers/index.ts'], outfile: 'dist/readers.js' },
  // The web client is loaded by the web extension host as a CommonJS module with `vscode` provided.
  { ...web, format: 'cjs', entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/client.js', external: ['vscode'] },
  // The server is a classic worker script: `new Worker('…/dist/web/server.js')`.
  { ...web, format: 'iife', entryPoints: ['server/src/browser.ts'], outfile: 'dist/web/server.js' },
];

// .vscodeignore ships all of dist/web/: leave no source maps of an earlier development build there.
if (production) rmSync('dist/web', { recursive: true, force: true });

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
