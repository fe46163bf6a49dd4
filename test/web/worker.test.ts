// The web extension's language server for real: dist/web/server.js (run `npm run build` first) is loaded in a
// Web Worker of a page in headless Chromium, and the page speaks raw LSP JSON-RPC to it over postMessage, as the
// browser LanguageClient does in vscode.dev. Its diagnostics must match the CLI's for the same text.
// Skipped (with a message) only when /usr/bin/chromium is not installed; nothing is installed from here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Diagnostic, DiagnosticSeverity, DocumentSymbol, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const SERVER_BUNDLE = join(ROOT, 'dist', 'web', 'server.js');
const CLI_JS = join(ROOT, 'dist', 'cli.js');
/** How long one wait for the worker may take. */
const TIMEOUT_MS = Number(process.env.NIANBAO_LSP_TIMEOUT_MS) || 15_000;

const SEED_NAME = 'haiyuan-xian-2024.txt';
const SEED = readFileSync(join(ROOT, 'examples', SEED_NAME), 'utf8');
const NEW_ROW = '一、本年新收政府信息公开申请数量';
/** The seed with the first 0 of table 3's "newly received" row changed to 3: the row and the balance no longer add up. */
const BROKEN = SEED.replace(new RegExp(`^(${NEW_ROW}[^\\n0]*)0`, 'm'), (_, head: string) => `${head}3`);
// URIs as vscode.dev gives them for a GitHub repository: the web server never reads them.
const SEED_URI = `vscode-vfs://github/example/reports/${SEED_NAME}`;
const BROKEN_URI = 'vscode-vfs://github/example/reports/broken-2024.txt';

/**
 * The test page: starts the worker and exposes `lsp` to the test, a minimal JSON-RPC client over postMessage.
 * It answers the server's own requests (workspace/configuration with empty `nianbao` sections) as a client would.
 */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Nianbao web-worker server</title>
<script>
'use strict';
const worker = new Worker('server.js');
const errors = [];
const notifications = [];
const serverRequests = [];
const responses = new Map();
const listeners = new Set();
let nextId = 1;
const wake = () => { for (const l of [...listeners]) l(); };
worker.addEventListener('error', (e) => { errors.push('worker error: ' + e.message + ' (' + e.filename + ':' + e.lineno + ')'); wake(); });
worker.addEventListener('messageerror', () => { errors.push('worker messageerror'); wake(); });
worker.addEventListener('message', ({ data: m }) => {
  if (!m || typeof m !== 'object' || m.jsonrpc !== '2.0') errors.push('not a JSON-RPC message: ' + JSON.stringify(m));
  else if ('method' in m && 'id' in m) {
    serverRequests.push(m);
    const result = m.method === 'workspace/configuration' ? m.params.items.map(() => ({})) : null;
    worker.postMessage({ jsonrpc: '2.0', id: m.id, result });
  } else if ('method' in m) notifications.push(m);
  else responses.set(m.id, m);
  wake();
});
function waitUntil(find, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    let timer;
    const check = () => {
      if (errors.length) return finish(() => reject(new Error(errors.join('\\n'))));
      const v = find();
      if (v !== undefined) finish(() => resolve(v));
    };
    const finish = (settle) => { clearTimeout(timer); listeners.delete(check); settle(); };
    timer = setTimeout(() => finish(() => reject(new Error('timed out after ' + timeoutMs + ' ms waiting for ' + what))), timeoutMs);
    listeners.add(check);
    check();
  });
}
window.lsp = {
  errors, notifications, serverRequests,
  notify(method, params) { worker.postMessage({ jsonrpc: '2.0', method, params }); },
  async request(method, params, timeoutMs) {
    const id = nextId++;
    worker.postMessage({ jsonrpc: '2.0', id, method, params });
    const r = await waitUntil(() => responses.get(id), 'the response to ' + method, timeoutMs);
    if (r.error) throw new Error(method + ' failed: ' + r.error.code + ' ' + r.error.message);
    return r.result;
  },
  diagnostics(uri, version, timeoutMs) {
    return waitUntil(
      () => notifications.find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === version)?.params,
      'publishDiagnostics for ' + uri + ' version ' + version, timeoutMs);
  },
};
</script>
`;

/** `lsp` of the page, as the test's evaluate callbacks see it. */
interface PageLsp {
  errors: string[];
  notifications: { method: string; params: unknown }[];
  serverRequests: { method: string; params: unknown }[];
  notify(method: string, params: unknown): void;
  request(method: string, params: unknown, timeoutMs: number): Promise<unknown>;
  diagnostics(uri: string, version: number, timeoutMs: number): Promise<PublishDiagnosticsParams>;
}
/** The page's globals (evaluate callbacks run in the page: they can only reach it through `globalThis`). */
type PageGlobals = { lsp: PageLsp };

const SEVERITY: Record<string, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

/** What `nianbao check --format json` reports for a text, in the LSP's terms. */
function cliDiagnostics(text: string): Pick<Diagnostic, 'code' | 'severity' | 'message' | 'range'>[] {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-'));
  try {
    writeFileSync(join(dir, 'report.txt'), text);
    const r = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', '--locale', 'zh-cn', 'report.txt'], { cwd: dir, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `cli exit ${r.status}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; severity: string; message: string; range: Diagnostic['range'] }[] }[] };
    return out.files[0].diagnostics.map((d) => ({ code: d.code, severity: SEVERITY[d.severity], message: d.message, range: d.range }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const brief = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range }));

if (!existsSync(CHROMIUM)) {
  test('dist/web/server.js in a Web Worker (headless Chromium)', { skip: `${CHROMIUM} is not installed, so the web-worker server is not tested (apt-get install chromium)` }, () => {});
} else {
  describe('dist/web/server.js in a Web Worker (headless Chromium)', { timeout: 120_000 }, () => {
    let http: Server | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    const pageErrors: string[] = [];
    const p = () => page!;
    const request = <R>(method: string, params: unknown) =>
      p().evaluate(([m, ps, t]) => (globalThis as unknown as PageGlobals).lsp.request(m, ps, t), [method, params, TIMEOUT_MS] as const) as Promise<R>;
    const notify = (method: string, params: unknown) => p().evaluate(([m, ps]) => (globalThis as unknown as PageGlobals).lsp.notify(m, ps), [method, params] as const);
    const diagnostics = (uri: string, version: number) =>
      p().evaluate(([u, v, t]) => (globalThis as unknown as PageGlobals).lsp.diagnostics(u, v, t), [uri, version, TIMEOUT_MS] as const);
    const open = (uri: string, text: string) =>
      notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });

    before(async () => {
      assert.ok(existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
      assert.ok(existsSync(CLI_JS), `${CLI_JS} is missing: run \`npm run build\` first`);
      assert.notEqual(BROKEN, SEED, `the seed has a "${NEW_ROW}" row with a 0 in it`);
      const bundle = readFileSync(SERVER_BUNDLE);
      http = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (path === '/' || path === '/index.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        else if (path === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
        else {
          pageErrors.push(`unexpected request for ${path}`);
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve, reject) => {
        http!.once('error', reject);
        http!.listen(0, '127.0.0.1', resolve);
      });
      const { port } = http.address() as AddressInfo;

      const { chromium } = await import('playwright-core');
      // launch() gives the browser a fresh temporary profile (user-data-dir) and deletes it on close.
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      page = await browser.newPage();
      page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
      });
      await page.goto(`http://127.0.0.1:${port}/`);
    });

    after(async () => {
      await browser?.close().catch(() => undefined);
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    });

    test('initialize: the worker answers with the server capabilities', async () => {
      const result = await request<InitializeResult>('initialize', {
        processId: null,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          workspace: { configuration: true },
          textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, publishDiagnostics: { versionSupport: true } },
        },
        initializationOptions: { debounceMs: 0, locale: 'zh-cn' },
      });
      assert.equal(result.serverInfo?.name, 'nianbao');
      assert.ok(result.capabilities.documentSymbolProvider);
      assert.ok(result.capabilities.textDocumentSync);
      await notify('initialized', {});
    });

    test('the correct seed gets no diagnostics', async () => {
      assert.deepEqual(cliDiagnostics(SEED), [], 'the CLI finds nothing either');
      await open(SEED_URI, SEED);
      const d = await diagnostics(SEED_URI, 1);
      assert.deepEqual(d.diagnostics, []);
      // The worker asked the page for the settings (workspace/configuration) before it checked.
      const asked = await p().evaluate(() => (globalThis as unknown as PageGlobals).lsp.serverRequests.map((r) => r.method));
      assert.ok(asked.includes('workspace/configuration'), `server requests: ${asked.join(', ')}`);
    });

    test('the broken seed gets table3-row-total and table3-balance, with the ranges the CLI gives', async () => {
      await open(BROKEN_URI, BROKEN);
      const d = await diagnostics(BROKEN_URI, 1);
      assert.deepEqual(d.diagnostics.map((x) => x.code).sort(), ['table3-balance', 'table3-row-total']);
      for (const x of d.diagnostics) assert.equal(x.source, 'nianbao');
      const expected = cliDiagnostics(BROKEN);
      assert.deepEqual(brief(d.diagnostics), expected);
      // The row total is flagged on the edited row.
      const editedLine = BROKEN.split(/\r?\n/).findIndex((l) => l.startsWith(NEW_ROW));
      const rowTotal = d.diagnostics.find((x) => x.code === 'table3-row-total')!;
      assert.equal(rowTotal.range.start.line, editedLine);
    });

    test('documentSymbol: the title and the six sections', async () => {
      const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: SEED_URI } });
      assert.equal(symbols.length, 7, `title + 6 sections, got ${JSON.stringify(symbols.map((s) => s.name))}`);
      const [title, ...sections] = symbols;
      assert.match(title.name, /2024 年政府信息公开工作年度报告$/);
      assert.deepEqual(
        sections.map((s) => s.name.slice(0, 2)),
        ['一', '二', '三', '四', '五', '六'].map((n) => `${n}、`),
      );
    });

    test('shutdown, and nothing went wrong in the page or the worker', async () => {
      assert.equal(await request<null>('shutdown', null), null);
      await notify('exit', null);
      const errors = await p().evaluate(() => (globalThis as unknown as PageGlobals).lsp.errors);
      assert.deepEqual([...errors, ...pageErrors], []);
    });
  });
}
