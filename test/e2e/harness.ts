// End-to-end harness: runs the packaged extension in a real VS Code on this machine.
//
// VS Code desktop builds cannot be downloaded here (see shared/spec/real-editor-testing.md), so the editor
// is code-server 4.100.3 (VS Code 1.100.3 server + web workbench, installed by
// scripts/e2e/setup-code-server.sh into a machine-wide cache, see codeServerDir) driven in headless Debian Chromium through
// playwright-core. The extension host runs the extension's Node bundle (`main`: dist/client.js, which
// starts dist/server.js), exactly as on the desktop.
//
// Everything a run creates lives in throwaway temp folders; code-server is started in its own process
// group and killed with all its children (extension host, language server) by `stop()`, which also runs
// on process exit and on SIGINT/SIGTERM as a last resort.
//
// The tests themselves are test/e2e/*.e2e.ts (npm run test:e2e).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
/** Where scripts/e2e/setup-code-server.sh puts code-server (the same rules as in that script). */
export function codeServerDir(): string {
  if (process.env.NIANBAO_CODE_SERVER_DIR) return process.env.NIANBAO_CODE_SERVER_DIR;
  const marker = `.installed-${CODE_SERVER_VERSION}`;
  const repoCache = join(ROOT, '.cache', 'code-server');
  const machineCache = join(process.env.NIANBAO_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nianbao'), `code-server-${CODE_SERVER_VERSION}`);
  return [repoCache, machineCache].find((dir) => existsSync(join(dir, marker))) ?? machineCache;
}
export const codeServerEntry = (): string => join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** The package `npm run package` makes; NIANBAO_VSIX names another one. */
export const VSIX = process.env.NIANBAO_VSIX || join(ROOT, 'nianbao.vsix');
export const RESULTS = join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.NIANBAO_CHROMIUM || '/usr/bin/chromium';

/** Upper bound for any single wait on the UI (the first start of the extension host is the slowest). */
export const TIMEOUT_MS = Number(process.env.NIANBAO_E2E_TIMEOUT_MS) || 60_000;

const t0 = Date.now();
export function log(message: string): void {
  console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
}

/** Runs the idempotent installer (a no-op taking well under a second once everything is there). */
export function setupCodeServer(): void {
  execFileSync('bash', [join(ROOT, 'scripts', 'e2e', 'setup-code-server.sh')], { stdio: 'inherit' });
  if (!existsSync(codeServerEntry())) throw new Error(`code-server is missing: ${codeServerEntry()}`);
}

/** Newest modification time of the files that go into the package (sources included: they make dist/). */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['core/src', 'server/src', 'client/src', 'l10n', 'syntaxes', 'snippets', 'schemas', 'docs/rules', 'docs/images', 'README.md', 'scripts/package-readme.mjs', 'package.json',
    'package.nls.json', 'package.nls.zh-cn.json', 'language-configuration.json', '.vscodeignore', 'scripts/build.mjs']) visit(join(ROOT, p));
  return newest;
}

/**
 * The packaged extension: `nianbao.vsix` as `npm run package` made it (CI runs that just before), made
 * again here when it is missing or older than what goes into it, so that a developer never tests a stale
 * package. NIANBAO_VSIX=<file> tests that file as it is.
 */
export function ensureVsix(): string {
  if (process.env.NIANBAO_VSIX) {
    if (!existsSync(VSIX)) throw new Error(`NIANBAO_VSIX=${VSIX} does not exist`);
    return VSIX;
  }
  if (existsSync(VSIX) && statSync(VSIX).mtimeMs >= newestInput()) {
    log(`testing ${VSIX} (made ${statSync(VSIX).mtime.toISOString()})`);
    return VSIX;
  }
  log(`${existsSync(VSIX) ? `${VSIX} is older than its sources` : `${VSIX} is missing`}: npm run package`);
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(VSIX)) throw new Error(`npm run package failed (exit ${r.status})`);
  return VSIX;
}

/** The marker file that activates the API-suite extension in a workspace; it holds the path of the suite's log. */
export const API_SUITE_MARKER = '.nianbao-api-suite';

/**
 * Packages test/electron/suite/ (the scenarios through the VS Code API that `npm run test:electron` runs in
 * a downloaded VS Code) as a small extension, so that the same suite also runs in code-server's extension
 * host here. It activates only in a workspace holding API_SUITE_MARKER, runs the suite, and appends its
 * report and a final `RESULT PASS` / `RESULT FAIL …` line to the file the marker names.
 */
export async function buildApiSuiteVsix(dir: string): Promise<string> {
  const ext = join(dir, 'api-suite');
  mkdirSync(ext, { recursive: true });
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'electron', 'suite', 'index.ts')],
    outfile: join(ext, 'suite.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  writeFileSync(join(ext, 'package.json'), JSON.stringify({
    name: 'nianbao-api-suite', publisher: 'nianbao-test', version: '0.0.0', license: 'MIT', engines: { vscode: '^1.100.0' },
    main: './main.js', files: ['main.js', 'suite.js'], activationEvents: [`workspaceContains:${API_SUITE_MARKER}`], extensionDependencies: ['nianbao.nianbao'],
  }, null, 2));
  writeFileSync(join(ext, 'README.md'), '# Nianbao API suite\n\nRuns test/electron/suite in the extension host (end-to-end tests only).\n');
  writeFileSync(join(ext, 'main.js'), `const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
exports.activate = () => {
  const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const log = fs.readFileSync(path.join(folder, ${JSON.stringify(API_SUITE_MARKER)}), 'utf8').trim();
  process.env.NIANBAO_API_SUITE_LOG = log;
  require('./suite.js').run().then(
    () => fs.appendFileSync(log, 'RESULT PASS\\n'),
    (err) => fs.appendFileSync(log, 'RESULT FAIL ' + (err && err.message) + '\\n'),
  );
};
`);
  const vsix = join(dir, 'nianbao-api-suite.vsix');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: ext, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` every `intervalMs` until it returns a truthy value or `timeoutMs` elapses. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = TIMEOUT_MS, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface CodeServerOptions {
  /** Folder to open as the workspace. */
  workspace: string;
  /** .vsix files to install into the throwaway extensions dir before starting. */
  extensions?: string[];
  /** User settings (written to <user-data-dir>/User/settings.json). */
  settings?: Record<string, unknown>;
  /** `--locale` for code-server (the display language VS Code reports to extensions as `vscode.env.language`). */
  locale?: string;
}

/** Settings that keep the first screen quiet and the run offline. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // No fade-ins: a screenshot taken as soon as a hover is there shows it fully drawn.
  'workbench.reduceMotion': 'on',
  // Documents change on disk only when a test saves them.
  'files.autoSave': 'off',
};

export class CodeServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  private proc: ChildProcess | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private readonly onExit = (): void => {
    this.killNow();
    rmSync(this.dir, { recursive: true, force: true });
  };
  /** Ctrl+C or a CI timeout: code-server runs in its own process group, so it would outlive us otherwise. */
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    process.exit(signal === 'SIGINT' ? 130 : 143); // runs onExit
  };

  private constructor(port: number, private readonly options: CodeServerOptions) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`;
    this.dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-cs-'));
    this.userDataDir = join(this.dir, 'user-data');
    this.extensionsDir = join(this.dir, 'extensions');
    // code-server writes a default config file (with a password) under XDG_CONFIG_HOME on every start:
    // keep it in the throwaway folder.
    this.env = { ...process.env, XDG_CONFIG_HOME: join(this.dir, 'config'), XDG_DATA_HOME: join(this.dir, 'data') };
    process.on('exit', this.onExit);
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const cs = new CodeServer(await freePort(), options);
    try {
      await cs.boot();
    } catch (err) {
      await cs.stop();
      throw err;
    }
    return cs;
  }

  private baseArgs(): string[] {
    return [
      codeServerEntry(),
      '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
      ...(this.options.locale ? ['--locale', this.options.locale] : []),
    ];
  }

  private async boot(): Promise<void> {
    mkdirSync(join(this.userDataDir, 'User'), { recursive: true });
    writeFileSync(join(this.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...this.options.settings }, null, 2));
    for (const vsix of this.options.extensions ?? []) {
      log(`installing ${vsix}`);
      execFileSync(process.execPath, [...this.baseArgs(), '--install-extension', vsix], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    }
    mkdirSync(RESULTS, { recursive: true });
    const out = createWriteStream(join(RESULTS, 'code-server.log'));
    const proc = spawn(process.execPath, [...this.baseArgs(), '--bind-addr', `127.0.0.1:${this.port}`, this.options.workspace], {
      env: this.env,
      detached: true, // own process group: stop() kills the server and everything it started
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    proc.stdout?.pipe(out);
    proc.stderr?.pipe(out);
    let exited: string | undefined;
    proc.on('exit', (code, signal) => { exited = `code-server exited (code ${code}, signal ${signal}); see ${join(RESULTS, 'code-server.log')}`; });
    log(`code-server starting on 127.0.0.1:${this.port} (pid ${proc.pid})`);
    await pollUntil('code-server to answer /healthz', async () => {
      if (exited) throw new Error(exited);
      const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
      return res.ok;
    }, TIMEOUT_MS, 100).catch((err) => { throw exited ? new Error(exited) : err; });
    log('code-server is up');
  }

  /** Copies the editor's logs (extension host, the Nianbao output channel, ...) next to the screenshots. */
  saveLogs(): void {
    const logs = join(this.userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(RESULTS, 'logs'), { recursive: true });
  }

  private killNow(signal: NodeJS.Signals = 'SIGKILL'): void {
    const pid = this.proc?.pid;
    if (pid === undefined || this.proc?.exitCode !== null || this.proc?.signalCode !== null) return;
    try { process.kill(-pid, signal); } catch { /* already gone */ }
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (proc?.pid !== undefined && proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      this.killNow('SIGTERM');
      const timer = setTimeout(() => this.killNow('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    }
    // Children that outlived the group leader (the language server, say) are in the same group.
    if (proc?.pid !== undefined) { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* none left */ } }
    process.off('exit', this.onExit);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Headless Debian Chromium with a fresh profile (playwright gives each launch a temp user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/e2e/setup-code-server.sh`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: TIMEOUT_MS });
}

/** One row of the Problems panel, as shown. */
export interface ProblemRow {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The rule id shown after the source (`nianbao(table3-row-total)`). */
  code: string;
  source: string;
  /** 1-based, as the panel's `[Ln 54, Col 1]`. */
  line: number;
  column: number;
}

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/** Helpers for driving the VS Code workbench; they wait on UI state only. */
export class Workbench {
  constructor(readonly page: Page) {}

  /**
   * Opens the workbench at `url` in a fresh browser context. `displayLanguage` makes VS Code report that
   * display language (to the workbench and, as `vscode.env.language`, to extensions) as a user with that
   * language pack installed would see it, without the pack: language packs come from the Marketplace,
   * which this machine cannot reach, so the UI strings stay English while the extension sees e.g. 'zh-cn'.
   * Done by appending the language to the English message bundle the page loads (code-server's `--locale`
   * alone falls back to 'en' when no pack is installed).
   */
  static async open(browser: Browser, url: string, options: { viewport?: { width: number; height: number }; displayLanguage?: string } = {}): Promise<Workbench> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'en-US', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const language = options.displayLanguage;
    if (language) {
      await page.route('**/static/out/nls.messages.js', async (route) => {
        const response = await route.fetch();
        const body = `${await response.text()}\nglobalThis._VSCODE_NLS_LANGUAGE = ${JSON.stringify(language)};\n`;
        await route.fulfill({ response, body });
      });
    }
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor();
    return new Workbench(page);
  }

  /** Closes this window (its browser context). */
  async close(): Promise<void> {
    await this.page.context().close();
  }

  /** Waits until the explorer lists `name` (the workspace folder has been read). */
  async waitForExplorerItem(name: string): Promise<void> {
    await this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first().waitFor();
  }

  /** Ctrl+P, type the file name, pick it; resolves when its editor tab is active. */
  async quickOpen(fileName: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(fileName);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).waitFor();
    await input.waitFor({ state: 'hidden' });
  }

  /** Runs a command through the command palette: types `query`, picks the entry whose label contains `label`. */
  async runCommand(label: string, query = label): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Control+Shift+P');
    await input.waitFor({ state: 'visible' });
    const entry = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    // The palette lists an extension's commands once the extension host has read its contributions, which can
    // be after the window is up: type the query again until the entry is there (within the usual time-out).
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await input.fill(`>${query}`);
      try {
        await entry.waitFor({ timeout: 3000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await input.fill('>');
      }
    }
    await entry.click();
    await input.waitFor({ state: 'hidden' });
  }

  /** The language mode shown in the status bar ("Plain Text", "Nianbao 年报", ...). */
  languageStatus(): Locator {
    return this.page.locator('[id="status.editor.mode"]');
  }

  async waitForLanguage(label: string): Promise<void> {
    await pollUntil(`language mode "${label}" in the status bar`, async () => (await this.languageStatus().innerText()).trim() === label);
  }

  /** Keyboard focus to the active editor (View: Focus Active Editor Group). */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press('Control+1');
    await this.page.locator(`${ACTIVE_EDITOR}.focused`).waitFor();
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G); `line` and `column` are 1-based. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.focusEditor();
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    // (The status bar counts columns with tabs expanded, Ctrl+G in characters: compare the line only.)
    await pollUntil(`the cursor on line ${line}`, async () =>
      (await this.page.locator('[id="status.editor.selection"]').innerText()).trim().startsWith(`Ln ${line},`));
  }

  /** The rendered text of the editor line that starts with `prefix` (tabs come out as spaces). */
  viewLine(prefix: string): Locator {
    return this.page.locator(`${ACTIVE_EDITOR} .view-lines .view-line`).filter({ hasText: new RegExp(`^\\s*${escapeRegExp(prefix)}`) });
  }

  /** The rendered text of all lines of the active editor now on screen, top to bottom. */
  async visibleText(): Promise<string> {
    const lines = await this.page.locator(`${ACTIVE_EDITOR} .view-lines .view-line`).evaluateAll((els) =>
      els.map((el) => ({ top: Number(/top:\s*(-?[\d.]+)px/.exec(el.getAttribute('style') ?? '')?.[1] ?? 0), text: (el.textContent ?? '').replace(/\u00a0/g, ' ') })));
    return lines.sort((a, b) => a.top - b.top).map((l) => l.text).join('\n');
  }

  /** Where the (primary) cursor is drawn. */
  async cursorBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    return pollUntil('the cursor to be drawn', async () => (await this.page.locator(`${ACTIVE_EDITOR} .cursors-layer .cursor`).first().boundingBox()) ?? undefined);
  }

  /** Opens the Problems panel (Ctrl+Shift+M, unless it is open already) and returns its rows. */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible' });
    }
    return panel.locator('.monaco-list-row');
  }

  /** The number of problems the Problems panel says it shows (its `Showing N problems` label). */
  async problemCount(): Promise<number> {
    await this.openProblems();
    const label = (await this.page.locator('#markers-panel-arialabel').getAttribute('aria-label')) ?? '';
    return Number(/Showing (\d+) problem/.exec(label)?.[1] ?? 0);
  }

  /**
   * Every problem row of the Problems panel. The list is virtual (only the rows in view exist in the page),
   * so it is scrolled from top to bottom with the mouse wheel and the rows are collected by their index.
   */
  async problems(): Promise<ProblemRow[]> {
    await this.openProblems();
    const list = this.page.locator('.markers-panel .monaco-list');
    if (!(await list.isVisible())) return []; // "No problems have been detected in the workspace."
    type Raw = { index: number; last: boolean; level: number; severity: string; message: string; code: string; source: string; where: string };
    // (No named functions inside: tsx would wrap them in a helper the page does not have.)
    const read = (): Promise<Raw[]> => list.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => ({
      index: Number(el.getAttribute('data-index')),
      last: el.getAttribute('data-last-element') === 'true',
      level: Number(el.getAttribute('aria-level')),
      severity: el.querySelector('.marker-icon.error') ? 'error' : el.querySelector('.marker-icon.warning') ? 'warning' : 'info',
      message: el.querySelector('.marker-message')?.textContent?.trim() ?? '',
      code: el.querySelector('.marker-code')?.textContent?.trim() ?? '',
      source: el.querySelector('.marker-source')?.textContent?.trim() ?? '',
      where: el.querySelector('.marker-line')?.textContent?.trim() ?? '',
    })));
    const maxIndex = (rows: Raw[]): number => Math.max(-1, ...rows.map((r) => r.index));
    const atTop = async () => { const r = await read(); return r.some((x) => x.index === 0) ? r : undefined; };
    const toTop = async (what: string): Promise<Raw[]> => {
      // The wheel at the list's left edge (a hover over a message would take it)...
      await list.hover({ position: { x: 8, y: 8 } });
      await this.page.mouse.wheel(0, -1e6);
      return pollUntil(what, atTop, 2000, 20).catch(async () => {
        // ...and when the list does not follow it (revealed at a problem by a command), Home.
        await list.focus();
        await this.page.keyboard.press('Home');
        await list.hover({ position: { x: 8, y: 8 } });
        return pollUntil(what, atTop, 5000, 20);
      });
    };
    let rows = await toTop('the Problems list at its top');
    const seen = new Map<number, ProblemRow | null>();
    for (;;) {
      for (const r of rows) {
        if (seen.has(r.index)) continue;
        const m = /Ln (\d+), Col (\d+)/.exec(r.where);
        // Level 1 is the file's row; its problems are below it at level 2, their related information at level 3.
        seen.set(r.index, r.level !== 2 ? null : { severity: r.severity as ProblemRow['severity'], message: r.message, code: r.code, source: r.source, line: Number(m?.[1]), column: Number(m?.[2]) });
      }
      if (rows.some((r) => r.last)) break;
      const bottom = maxIndex(rows);
      await this.page.mouse.wheel(0, 150);
      rows = await pollUntil('the Problems list to scroll', async () => { const r = await read(); return maxIndex(r) > bottom ? r : undefined; }, 5000, 20);
    }
    if (seen.size > rows.length) {
      // Back to the top, as a person would leave it (and as the screenshots should show it).
      await toTop('the Problems list back at its top');
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, r]) => (r ? [r] : []));
  }

  /** The message shown when the Problems panel is empty ("No problems have been detected in the workspace."). */
  noProblemsMessage(): Locator {
    return this.page.locator('.markers-panel .message-box-container');
  }

  /** Squiggles (error/warning/info) currently rendered in the active editor. */
  squiggles(): Locator {
    return this.page.locator(`${ACTIVE_EDITOR} .view-overlays [class*="squiggly-"]`);
  }

  /** Code lenses of the active editor (also those scrolled out of view). */
  codeLenses(): Locator {
    return this.page.locator(`${ACTIVE_EDITOR} .codelens-decoration`);
  }

  /** The hover widget, once shown. */
  hover(): Locator {
    return this.page.locator('.monaco-hover:visible');
  }

  /** Points the mouse at the character right of the cursor, as a person would, and waits for the hover. */
  async hoverAtCursor(): Promise<Locator> {
    const box = await this.cursorBox();
    await this.page.mouse.move(5, 5);
    await this.page.mouse.move(box.x + 4, box.y + box.height / 2);
    const hover = this.hover();
    await hover.first().waitFor();
    return hover.first();
  }

  /** Opens the Outline view with the explorer's file list collapsed, so that it gets the room; returns its rows. */
  async openOutline(): Promise<Locator> {
    await this.runCommand('Explorer: Focus on Outline View');
    const rows = this.page.locator('.outline-pane .monaco-list-row');
    await rows.first().waitFor();
    const folders = this.page.locator('.pane-header[aria-label*="Explorer Section"][aria-expanded="true"]');
    if (await folders.count()) {
      await folders.first().click();
      await folders.first().waitFor({ state: 'detached' });
    }
    return rows;
  }

  /** Waits until no CSS animation runs on the page (the hover's fade-in, say). */
  async animationsDone(): Promise<void> {
    await this.page.waitForFunction("document.getAnimations().every((a) => a.playState !== 'running')", undefined, { polling: 50 });
  }

  /** Saves test-results/e2e/<name>.png once the page has finished animating. */
  async screenshot(name: string): Promise<string> {
    await this.animationsDone();
    mkdirSync(RESULTS, { recursive: true });
    const path = join(RESULTS, `${name}.png`);
    await this.page.screenshot({ path });
    log(`screenshot ${path}`);
    return path;
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
