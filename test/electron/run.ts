// `npm run test:electron`: the end-to-end scenarios through the VS Code API, in a desktop VS Code that
// @vscode/test-electron downloads (see test/electron/suite/). The same scenarios run through the screen
// in code-server by `npm run test:e2e`; this runner is for machines that can download VS Code (a
// developer's laptop, a CI with internet access).
//
// Where VS Code cannot be downloaded (no cached copy and the update server unreachable, or the download
// fails), it prints one `test:electron SKIPPED: …` line saying why and exits 0 without running anything:
// it never reports tests as passed when none ran.
//
// Env: NIANBAO_VSCODE_VERSION   the VS Code to test in (default 1.100.3, what code-server 4.100.3 is; or `stable`)
//      NIANBAO_VSCODE_PROBE_MS  how long to wait for the update server (default 5000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { makeApiWorkspace } from '../e2e/scenarios';

const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = process.env.NIANBAO_VSCODE_VERSION || '1.100.3';
const CACHE = join(ROOT, '.cache', 'vscode-test');
const UPDATE_SERVER = 'https://update.code.visualstudio.com/api/releases/stable';
const PROBE_MS = Number(process.env.NIANBAO_VSCODE_PROBE_MS) || 5000;

function skip(reason: string): never {
  console.log(`test:electron SKIPPED: VS Code cannot be downloaded on this machine (${reason}); run it where the VS Code update server (${new URL(UPDATE_SERVER).host}) is reachable, or use npm run test:e2e (code-server)`);
  process.exit(0);
}

/** A VS Code of the wanted version already in the cache (then no network is needed). */
function cachedCopy(): boolean {
  if (!existsSync(CACHE)) return false;
  return readdirSync(CACHE).some((name) => name.startsWith('vscode-') && (VERSION === 'stable' || name.endsWith(`-${VERSION}`)));
}

async function probe(): Promise<string | null> {
  try {
    const res = await fetch(UPDATE_SERVER, { method: 'HEAD', signal: AbortSignal.timeout(PROBE_MS) });
    return res.ok ? null : `${UPDATE_SERVER} answered HTTP ${res.status}`;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${PROBE_MS} ms` : cause?.code ?? cause?.message ?? (err as Error).message;
    return `${new URL(UPDATE_SERVER).host}: ${why}`;
  }
}

async function main(): Promise<void> {
  let vscodeExecutablePath: string;
  if (!cachedCopy()) {
    const unreachable = await probe();
    if (unreachable) skip(unreachable);
  }
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, cachePath: CACHE, timeout: 60_000 });
  } catch (err) {
    skip(`downloading VS Code ${VERSION} failed: ${(err as Error).message}`);
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.NIANBAO_UNDER_XVFB) {
    // Electron needs a display: run under a virtual one when there is none.
    if (spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0) {
      const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, NIANBAO_UNDER_XVFB: '1' } });
      process.exit(r.status ?? 1);
    }
    console.log('test:electron: no DISPLAY and no xvfb-run; VS Code may fail to start (apt-get install xvfb)');
  }

  // The extension as it runs from the repository (dist/), and the suite bundled for VS Code's extension host.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const suite = join(ROOT, 'out', 'electron', 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'electron', 'suite', 'index.ts')],
    outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning',
  });

  const workspace = mkdtempSync(join(tmpdir(), 'nianbao-electron-ws-'));
  makeApiWorkspace(ROOT, workspace);
  const userData = mkdtempSync(join(tmpdir(), 'nianbao-electron-user-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [
        workspace,
        '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', userData,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`test:electron FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
