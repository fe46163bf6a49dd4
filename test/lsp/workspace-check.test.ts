// `nianbao/checkWorkspace` (the command 检查工作区中的全部年报): the server checks every report file of the
// workspace folders, open or not, PDFs and Word files too, with the `.nianbao.json` of each subfolder, leaves
// out what `.nianbaoignore` names, publishes the closed files' problems exactly as `nianbao check` finds them,
// and keeps them current when files change on disk or are closed. Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { WorkspaceEntry as Entry, WorkspaceSummary as Summary } from '../../server/src/workspace-check';
import { CLI_JS, LspClient, requireBuild, ROOT, withTimeout } from './harness';

requireBuild();

type Row = string;

/** Polls `check` until it gives a value; fails after the LSP timeout. */
async function poll<T>(what: string, check: () => T | undefined | false): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const rowsOf = (p: PublishDiagnosticsParams): Row[] => p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).sort();

/** What `nianbao check` (run in the workspace folder, so it reads the same `.nianbao.json` files) finds, by file. */
function cliRows(root: string): Map<string, Row[]> {
  const r = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', '--locale', 'zh-cn', '.'], { cwd: root, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `nianbao check exited ${r.status}: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { code: string; message: string; range: { start: { line: number; character: number } }; place?: { page?: number; paragraph?: number } }[] }[] };
  const out = new Map<string, Row[]>();
  for (const f of json.files) {
    out.set(
      f.path.split('\\').join('/'),
      f.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).sort(),
    );
  }
  return out;
}

describe('the workspace check (nianbao/checkWorkspace)', () => {
  const root = mkdtempSync(join(tmpdir(), 'nianbao-lsp-ws-'));
  const file = (rel: string) => join(root, rel);
  const uri = (rel: string) => pathToFileURL(file(rel)).href;
  let client: LspClient | undefined;
  const lists: { reports: Entry[]; summary: Summary }[] = [];
  const c = () => client!;

  before(async () => {
    mkdirSync(file('乡镇'), { recursive: true });
    mkdirSync(file('草稿'), { recursive: true });
    mkdirSync(file('来件'), { recursive: true });
    copyFileSync(join(ROOT, 'examples', 'haiyuan-xian-2024.txt'), file('海原县-2024.txt'));
    copyFileSync(join(ROOT, 'examples', 'pingluo-2024.txt'), file('平罗县-2024.txt'));
    copyFileSync(join(ROOT, 'examples', 'xibao-2023.txt'), file('乡镇/西堡镇-2023.txt'));
    copyFileSync(join(ROOT, 'examples', 'xibao-2023.txt'), file('草稿/西堡镇-旧稿.txt'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'formats', 'pdf', 'xian-ruled.pdf'), file('来件/某县-2024.pdf'));
    writeFileSync(file('说明.txt'), '请各单位于 1 月 31 日前报送年度报告。\n');
    // The township's folder: its deadline is another, and its old format is known and not to be warned about.
    writeFileSync(file('乡镇/.nianbao.json'), JSON.stringify({ rules: { 'template-outdated': 'off' } }));
    writeFileSync(file('.nianbaoignore'), '草稿/\n');
    client = await LspClient.start({
      configuration: (item) => (item.section === 'nianbao' ? { debounceMs: 0 } : null),
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    c().conn.onNotification('nianbao/workspaceReports', (p: { reports: Entry[]; summary: Summary }) => void lists.push(p));
    await c().conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(root).href, name: '年报' }], removed: [] } });
  });
  after(async () => {
    try {
      if (client) assert.equal(await client.shutdown(), 0, `server exits with 0 (stderr: ${client.stderr.join('')})`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  const checkWorkspace = () => withTimeout(c().conn.sendRequest('nianbao/checkWorkspace', {}) as Promise<Summary>, 'nianbao/checkWorkspace', 30_000);
  /** The diagnostics last published for a closed file (after the workspace check). */
  const lastOf = (rel: string) => c().allDiagnostics(uri(rel)).at(-1);

  test('publishes the problems of every closed report, as nianbao check finds them, with each subfolder’s settings', async () => {
    const progress: { done: number; total: number }[] = [];
    c().conn.onNotification('nianbao/workspaceProgress', (p: { done: number; total: number }) => void progress.push(p));
    const summary = await checkWorkspace();
    const expected = cliRows(root);
    // The CLI skips .nianbaoignore's folder too, and does not list the notice (not a report).
    assert.deepEqual([...expected.keys()].sort(), ['乡镇/西堡镇-2023.txt', '来件/某县-2024.pdf', '平罗县-2024.txt', '海原县-2024.txt'].sort());
    for (const [rel, rows] of expected) {
      const got = lastOf(rel);
      assert.ok(got, `no diagnostics published for ${rel}`);
      // A PDF's messages say the page: compare without it.
      assert.deepEqual(rowsOf(got).map((r) => r.replace(/（第 \d+ 页）$/, '')), rows, rel);
    }
    assert.ok(!expected.get('乡镇/西堡镇-2023.txt')!.some((r) => r.includes('template-outdated')), 'the subfolder’s .nianbao.json turns template-outdated off');
    assert.ok(expected.get('乡镇/西堡镇-2023.txt')!.some((r) => r.includes('table-column-count')));
    assert.ok(rowsOf(lastOf('来件/某县-2024.pdf')!).some((r) => /（第 \d+ 页）$/.test(r)), 'a PDF’s problems name their page');
    assert.equal(c().allDiagnostics(uri('草稿/西堡镇-旧稿.txt')).length, 0, '.nianbaoignore leaves 草稿/ out');
    assert.equal(summary.cancelled, false);
    assert.equal(summary.reports, 4);
    assert.equal(summary.withErrors, 3);
    assert.equal(summary.errors, 1 + 12 + 2);
    assert.ok(progress.length > 0 && progress.at(-1)!.done === progress.at(-1)!.total, 'progress reaches the end');
    await poll('nianbao/workspaceReports', () => lists.length > 0);
    const list = lists.at(-1)!.reports;
    const pdf = list.find((e) => e.uri === uri('来件/某县-2024.pdf'));
    assert.deepEqual(pdf && { format: pdf.format, year: pdf.year, errors: pdf.errors, warnings: pdf.warnings }, { format: 'pdf', year: 2024, errors: 2, warnings: 1 });
    assert.equal(list.filter((e) => e.isReport).length, 4);
    assert.ok(!list.some((e) => e.uri === uri('说明.txt')), 'a notice that is not a report is not listed');
  });

  test('a closed report changed on disk is checked again; an open one that is closed shows its problems on disk', async () => {
    const rel = '海原县-2024.txt';
    const before = c().allDiagnostics(uri(rel)).length;
    const text = readFileSync(file(rel), 'utf8');
    // Table 三 broken on disk: the 总计 of 本年新收 no longer adds up.
    const broken = text.replace(/^(一、本年新收政府信息公开申请数量\t\t(?:\d+\t){6})0/m, '$15');
    assert.notEqual(broken, text);
    writeFileSync(file(rel), broken);
    await c().conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(rel), type: FileChangeType.Changed }] });
    const changed = await poll('diagnostics after the change on disk', () => {
      const all = c().allDiagnostics(uri(rel));
      return all.length > before && all.at(-1)!.diagnostics.length > 0 && all.at(-1)!;
    });
    const expected = cliRows(root).get(rel)!;
    assert.ok(expected.length > 0);
    assert.deepEqual(rowsOf(changed), expected);

    // Opened, edited (unsaved) and closed: the problems on disk come back.
    const m = c().allDiagnostics(uri(rel)).length;
    await c().open(uri(rel), 'plaintext', text, 1);
    const live = await poll('the open document’s diagnostics', () => c().allDiagnostics(uri(rel)).slice(m).find((p) => p.version === 1));
    assert.deepEqual(rowsOf(live), [], 'the editor’s text is checked while open');
    const n = c().allDiagnostics(uri(rel)).length;
    await c().close(uri(rel));
    const back = await poll('diagnostics after closing', () => c().allDiagnostics(uri(rel)).length > n && c().allDiagnostics(uri(rel)).at(-1)!);
    assert.deepEqual(rowsOf(back), expected, 'after closing, the file on disk is what is shown');
  });

  test('a subfolder’s .nianbao.json changed on disk applies to its files at once', async () => {
    const rel = '乡镇/西堡镇-2023.txt';
    const n = c().allDiagnostics(uri(rel)).length;
    writeFileSync(file('乡镇/.nianbao.json'), JSON.stringify({ rules: { 'template-outdated': 'off', 'table-column-count': 'off' } }));
    await c().conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('乡镇/.nianbao.json'), type: FileChangeType.Changed }] });
    const after = await poll('diagnostics after the .nianbao.json change', () => c().allDiagnostics(uri(rel)).length > n && c().allDiagnostics(uri(rel)).at(-1)!);
    assert.ok(!rowsOf(after).some((r) => r.includes('table-column-count')), rowsOf(after).join('\n'));
    assert.deepEqual(rowsOf(after), cliRows(root).get(rel));
    // An open document below that folder is checked with it too.
    const text = readFileSync(file(rel), 'utf8');
    const m = c().allDiagnostics(uri(rel)).length;
    await c().open(uri(rel), 'plaintext', text, 1);
    const open = await poll('the open document’s diagnostics', () => c().allDiagnostics(uri(rel)).slice(m).find((p) => p.version === 1));
    assert.deepEqual(rowsOf(open), cliRows(root).get(rel));
    await c().close(uri(rel));
    assert.equal(relative(root, fileURLToPath(uri(rel))), rel);
  });
});
