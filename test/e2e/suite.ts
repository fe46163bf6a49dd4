// What every end-to-end test file shares: one code-server and one headless Chromium per file (started by
// `e2eSuite`), a fresh folder and window per scenario, and the checks on what the screen shows.
// Screenshots go to test-results/e2e/<scenario>.png (and <scenario>-<step>.png for earlier steps);
// `npm run test:e2e` empties that folder before the files run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildApiSuiteVsix, CodeServer, ensureVsix, launchBrowser, log, pollUntil, ROOT, setupCodeServer, TIMEOUT_MS, Workbench, type ProblemRow } from './harness';
import { balancedReportPath, examplePath } from './scenarios';

/** VS Code reports this display language to the extension (see Workbench.open): messages are Chinese. */
export const DISPLAY_LANGUAGE = 'zh-cn';
export const SCENARIO_TIMEOUT_MS = 4 * TIMEOUT_MS;

let server: CodeServer | undefined;
let browser: Browser | undefined;
let workRoot = '';

/** The running code-server, browser and scratch folder of this file's suite (set in its `before`). */
export function suiteState(): { server: CodeServer; browser: Browser; workRoot: string } {
  assert.ok(server && browser && workRoot, 'the suite did not start');
  return { server, browser, workRoot };
}

// ---------------------------------------------------------------------------------------------------
// What the command line says about a file: the reference for "exactly the expected problems".

/** The CLI's diagnostics for `file` as Problems-panel rows (hints are not listed in that panel). */
export function cliProblems(file: string, withPlace = false): ProblemRow[] {
  const cli = join(ROOT, 'dist', 'cli.js');
  assert.ok(existsSync(cli), `${cli} is missing: npm run build`);
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--locale', DISPLAY_LANGUAGE, file], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `nianbao check exited ${r.status}: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } }; place?: { page?: number } }[] }[] };
  // A PDF's problems say their page in the Problems panel (第 N 页), as the CLI's JSON has it in `place`.
  const placed = (d: { message: string; place?: { page?: number } }) => (withPlace && d.place?.page ? `${d.message}（第 ${d.place.page} 页）` : d.message);
  return json.files.flatMap((f) => f.diagnostics)
    .filter((d) => d.severity !== 'hint')
    .map((d) => ({ severity: d.severity as ProblemRow['severity'], message: placed(d), code: d.code, source: 'nianbao', line: d.range.start.line + 1, column: d.range.start.character + 1 }));
}

const byPosition = (a: ProblemRow, b: ProblemRow): number => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
const show = (rows: ProblemRow[]): string => rows.map((p) => `  ${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`).join('\n');

/** Waits until the Problems panel lists exactly `expected` (in any order), and returns what it lists. */
export async function expectProblems(wb: Workbench, expected: ProblemRow[], what: string, normalize: (p: ProblemRow) => ProblemRow = (p) => p): Promise<ProblemRow[]> {
  const want = expected.map(normalize).sort(byPosition);
  let shown: ProblemRow[] = [];
  try {
    await pollUntil(`the Problems panel to list ${want.length} problem(s) for ${what}`, async () => {
      if ((await wb.problemCount()) !== want.length) return false;
      shown = (await wb.problems()).map(normalize).sort(byPosition);
      return JSON.stringify(shown) === JSON.stringify(want);
    });
  } catch (err) {
    shown = (await wb.problems().catch(() => [])).map(normalize).sort(byPosition);
    assert.deepEqual(shown, want, `${String(err)}\nProblems panel:\n${show(shown)}\nexpected (nianbao check):\n${show(want)}`);
  }
  log(`Problems panel for ${what} (${shown.length}):\n${show(shown)}`);
  return shown;
}

/** Asserts the Problems panel says there are no problems, and keeps saying so for `ms`. */
export async function expectNoProblems(wb: Workbench, ms = 1000): Promise<void> {
  await wb.openProblems();
  await pollUntil('the Problems panel to be empty', async () => (await wb.problemCount()) === 0 && (await wb.noProblemsMessage().isVisible()));
  assert.match(await wb.noProblemsMessage().innerText(), /No problems have been detected/);
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const n = await wb.problemCount();
    assert.equal(n, 0, `a problem appeared in the Problems panel:\n${show(await wb.problems())}`);
    await wb.page.waitForTimeout(100);
  }
}

/** Waits until the server has analysed the open report: its table code lenses are there. */
export async function waitForLenses(wb: Workbench): Promise<string[]> {
  const lenses = wb.codeLenses().filter({ hasText: /勾稽关系|表格有误/ });
  await lenses.first().waitFor({ state: 'attached' });
  return (await lenses.allTextContents()).map((t) => t.trim());
}

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer marked dirty. */
export async function save(wb: Workbench): Promise<void> {
  await wb.focusEditor();
  await wb.page.keyboard.press('Control+S');
  await wb.page.locator('.tabs-container .tab.active:not(.dirty)').waitFor();
}

// ---------------------------------------------------------------------------------------------------
// Scenarios: a fresh folder and window each.

export async function scenario(name: string, files: Record<string, string | Buffer>, run: (wb: Workbench, folder: string) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
  assert.ok(server && browser, 'the suite did not start');
  // A folder named as a person would name it (the explorer and the title bar show it in the screenshots).
  const folder = join(workRoot, name, '政府信息公开年报');
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), text);
  }
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`;
  const wb = await Workbench.open(browser, url, { displayLanguage: DISPLAY_LANGUAGE, ...(viewport ? { viewport } : {}) });
  try {
    await wb.waitForExplorerItem(Object.keys(files)[0]);
    await run(wb, folder);
  } catch (err) {
    await wb.screenshot(`${name}-failure`).catch(() => undefined);
    throw err;
  } finally {
    await wb.close().catch(() => undefined);
  }
}

/** GB18030 bytes of a text (TextDecoder has no encoder for it: a reverse map of its two-byte codes). */
export function gbkBytes(text: string): Buffer {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) {
    const ch = b === 0x7f ? '' : dec.decode(new Uint8Array([a, b]));
    if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [a, b]);
  }
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : map.get(ch) ?? [0x3f]));
  return Buffer.from(out);
}

export const example = (name: string): string => readFileSync(examplePath(ROOT, name), 'utf8');
export const balancedReport = (): string => readFileSync(balancedReportPath(ROOT), 'utf8');

/**
 * A `describe` whose tests share one code-server (the packaged extension and the API-suite extension
 * installed) and one browser; `scenario` inside it opens a fresh folder in a fresh window.
 */
export function e2eSuite(title: string, tests: () => void, options: { settings?: Record<string, unknown> } = {}): void {
  describe(title, () => {
  before(async () => {
    setupCodeServer();
    const vsix = ensureVsix();
    workRoot = mkdtempSync(join(tmpdir(), 'nianbao-e2e-ws-'));
    const root = workRoot;
    process.once('exit', () => rmSync(root, { recursive: true, force: true })); // also after Ctrl+C
    // code-server opens this (empty) folder by default; every scenario opens its own with ?folder=.
    const home = join(workRoot, 'home');
    mkdirSync(home);
    // The VS Code API suite of `npm run test:electron`, as an extension that runs it (only in its own workspace).
    const apiSuite = await buildApiSuiteVsix(workRoot);
    server = await CodeServer.start({
      workspace: home,
      extensions: [vsix, apiSuite],
      // The Outline lists the title and the six sections, not every sub-head and table below them.
      settings: { 'outline.collapseItems': 'alwaysCollapse', ...options.settings },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    server?.saveLogs();
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workRoot) rmSync(workRoot, { recursive: true, force: true });
  });

    tests();
  });
}
