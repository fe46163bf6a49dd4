// End-to-end harness: runs the packaged extension in a real VS Code on this machine.
//
// VS Code desktop builds cannot be downloaded here (see shared/spec/real-editor-testing.md), so the editor
// is code-server 4.100.3 (VS Code 1.100.3 server + web workbench, installed by
// scripts/e2e/setup-code-server.sh into .cache/code-server/) driven in headless Debian Chromium through
// playwright-core. The extension host runs the extension's Node bundle (`main`: dist/client.js, which
// starts dist/server.js), exactly as on the desktop.
//
// Everything a run creates lives in throwaway temp folders; code-server is started in its own process
// group and killed with all its children (extension host, language server) by `stop()`, which also runs
// on process exit and on SIGINT/SIGTERM as a last resort.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = process.env.NIANBAO_CODE_SERVER_DIR || join(ROOT, '.cache', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const VSIX = join(ROOT, '.cache', 'nianbao.vsix');
export const RESULTS = join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.NIANBAO_CHROMIUM || '/usr/bin/chromium';

/** Upper bound for any single wait on the UI (the first start of the extension host is the slowest). */
export const TIMEOUT_MS = Number(process.env.NIANBAO_E2E_TIMEOUT_MS) || 60_000;

const t0 = Date.now();
export function log(message: string): void {
  console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
}

/** Runs the idempotent installer (a no-op taking milliseconds once everything is there). */
export function setupCodeServer(): void {
  execFileSync('bash', [join(ROOT, 'scripts', 'e2e', 'setup-code-server.sh')], { stdio: 'inherit' });
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server is missing: ${CODE_SERVER_ENTRY}`);
}

/**
 * Builds dist/ and packages it as .cache/nianbao.vsix (what goes in is decided by the root .vscodeignore).
 * `--no-rewrite-relative-links`: without a `repository` in package.json vsce refuses a README with a
 * relative image link (it cannot make it absolute for the Marketplace); the installed copy does not care.
 */
export function packageExtension(): string {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [
    join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package',
    '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', VSIX,
  ], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return VSIX;
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
};

export class CodeServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  private proc: ChildProcess | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private readonly onExit = (): void => this.killNow();

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
      CODE_SERVER_ENTRY,
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

/** Helpers for driving the VS Code workbench; they wait on UI state only. */
export class Workbench {
  constructor(readonly page: Page) {}

  /**
   * Opens the workbench at `url`. `displayLanguage` makes VS Code report that display language (to the
   * workbench and, as `vscode.env.language`, to extensions) as a user with that language pack installed
   * would see it, without the pack: language packs come from the Marketplace, which this machine cannot
   * reach, so the UI strings stay English while the extension sees e.g. 'zh-cn'. Done by appending the
   * language to the English message bundle the page loads (code-server's `--locale` alone falls back to
   * 'en' when no pack is installed).
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

  /** Runs a command through the command palette by its label. */
  async runCommand(label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Control+Shift+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${label}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** The language mode shown in the status bar ("Plain Text", "Nianbao 年报", ...). */
  languageStatus(): Locator {
    return this.page.locator('[id="status.editor.mode"]');
  }

  async waitForLanguage(label: string): Promise<void> {
    await pollUntil(`language mode "${label}" in the status bar`, async () => (await this.languageStatus().innerText()).trim() === label);
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
  async openProblems(): Promise<Locator> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    return panel.locator('.monaco-list-row');
  }

  /** Squiggles (error/warning/info) currently rendered in the active editor. */
  squiggles(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-overlays [class*="squiggly-"]');
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
