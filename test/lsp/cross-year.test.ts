// The language server compares a report with the previous year's report of the same 机关 found in the same
// workspace folder (on disk, or open in the editor), and re-checks it when that report changes. Only this
// year's report is opened unless a test says otherwise. Run `npm run build` first.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { fixtureText, LspClient, numberCells, requireBuild, ROOT, seedText } from './harness';

requireBuild();

const CROSS = new Set(['cross-year-carryover', 'cross-year-stock', 'copied-from-previous']);
const cross = (ds: Diagnostic[]) => ds.filter((d) => CROSS.has(String(d.code)));
const Y23 = fixtureText('cross-year/hekou-2023.txt');
const Y24 = fixtureText('cross-year/hekou-2024.txt');
const CARRY_IN = '二、上年结转政府信息公开申请数量';
const CARRY_OUT = '四、结转下年度继续办理';

describe('cross-year rules in the language server', () => {
  const root = mkdtempSync(join(tmpdir(), 'nianbao-lsp-cross-'));
  const withPrevious = join(root, 'hekou'); // holds hekou-2023.txt on disk
  const empty = join(root, 'empty'); // holds no previous report
  const prevFile = join(withPrevious, 'hekou-2023.txt');
  const prevUri = pathToFileURL(prevFile).href;
  const uriIn = (dir: string, name: string) => pathToFileURL(join(dir, name)).href;
  let client: LspClient | undefined;

  before(async () => {
    mkdirSync(join(withPrevious, 'node_modules'), { recursive: true });
    mkdirSync(empty, { recursive: true });
    copyFileSync(join(ROOT, 'test', 'fixtures', 'cross-year', 'hekou-2023.txt'), prevFile);
    // A stale copy in node_modules must not be taken for the previous report.
    writeFileSync(join(withPrevious, 'node_modules', 'hekou-2023.txt'), Y23.replace(/^(四、结转下年度继续办理\t\t)1/m, '$19'));
    client = await LspClient.start({
      configuration: (item) => (item.section === 'nianbao' ? { debounceMs: 0 } : null),
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    await client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: pathToFileURL(withPrevious).href, name: 'hekou' }, { uri: pathToFileURL(empty).href, name: 'empty' }], removed: [] },
    });
  });
  after(async () => {
    try {
      if (client) assert.equal(await client.shutdown(), 0, `server exits with 0 (stderr: ${client.stderr.join('')})`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  const c = () => client!;

  test('carry-over: this year’s 上年结转 cells are flagged against the 2023 report on disk', async () => {
    const text = fixtureText('cross-year/hekou-2024-carryover.txt');
    const uri = uriIn(join(withPrevious, 'v'), 'hekou-2024-carryover.txt');
    await c().open(uri, 'plaintext', text, 1);
    const ds = cross((await c().nextDiagnostics(uri, 1)).diagnostics);
    const cells = numberCells(text, CARRY_IN);
    assert.deepEqual(
      ds.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message })),
      [
        { code: 'cross-year-carryover', severity: DiagnosticSeverity.Warning, range: cells[0].shown, message: '表三“二、上年结转政府信息公开申请数量”“自然人”列为 2，而 2023 年度报告“四、结转下年度继续办理”该列为 1，两年数据不衔接' },
        { code: 'cross-year-carryover', severity: DiagnosticSeverity.Warning, range: cells[6].shown, message: '表三“二、上年结转政府信息公开申请数量”“总计”列为 2，而 2023 年度报告“四、结转下年度继续办理”该列为 1，两年数据不衔接' },
      ],
    );
    assert.ok(ds.every((d) => d.codeDescription?.href.endsWith('/docs/rules/cross-year-carryover.md')));
  });

  test('stock and copied narrative against the report on disk; the consistent pair raises nothing', async () => {
    const expect: Record<string, string[]> = {
      'hekou-2024.txt': [],
      'hekou-2024-stock.txt': ['cross-year-stock'],
      'hekou-2024-copied.txt': ['copied-from-previous'],
    };
    for (const [name, codes] of Object.entries(expect)) {
      const uri = uriIn(join(withPrevious, 'w'), name);
      await c().open(uri, 'plaintext', fixtureText(`cross-year/${name}`), 1);
      assert.deepEqual(cross((await c().nextDiagnostics(uri, 1)).diagnostics).map((d) => d.code), codes, name);
    }
  });

  test('no previous report in the folder tree: no diagnostic', async () => {
    const uri = uriIn(empty, 'hekou-2024-carryover.txt');
    await c().open(uri, 'plaintext', fixtureText('cross-year/hekou-2024-carryover.txt'), 1);
    const ds = (await c().nextDiagnostics(uri, 1)).diagnostics;
    assert.deepEqual(cross(ds), []);
    await c().close(uri);
  });

  test('an edit of the open previous report re-checks this year’s report; an edit of an unrelated one does not', async () => {
    const uri = uriIn(join(withPrevious, 'x'), 'hekou-2024.txt');
    await c().open(uri, 'plaintext', Y24, 1);
    assert.deepEqual(cross((await c().nextDiagnostics(uri, 1)).diagnostics), []);

    // Opening the previous report: its live text now counts (still consistent).
    await c().open(prevUri, 'plaintext', Y23, 1);
    await c().nextDiagnostics(prevUri, 1);
    assert.deepEqual(cross((await c().nextDiagnostics(uri, 1)).diagnostics), []);

    // An unrelated report (another 机关) opened and edited.
    const other = uriIn(withPrevious, 'other.txt');
    const seed = seedText('000');
    await c().open(other, 'plaintext', seed, 1);
    await c().nextDiagnostics(other, 1);
    const cell = numberCells(seed, '一、本年新收')[0];
    await c().edit(other, 2, cell.range, '7');
    await c().nextDiagnostics(other, 2);
    const before = c().allDiagnostics(uri).length;

    // Last year's 结转下年度 becomes 2 (自然人 and 总计): this year's 上年结转 (1) no longer matches.
    const out = numberCells(Y23, CARRY_OUT);
    await c().change(prevUri, 2, [
      { range: out[6].range, text: '2' },
      { range: out[0].range, text: '2' },
    ]);
    const prevDs = (await c().nextDiagnostics(prevUri, 2)).diagnostics;
    assert.ok(prevDs.some((d) => d.code === 'table3-balance'), 'the edited report itself no longer balances');
    const again = await c().nextDiagnostics(uri, 1);
    assert.equal(again.version, 1, 'the dependent keeps its own version');
    assert.deepEqual(
      cross(again.diagnostics).map((d) => d.message),
      [
        '表三“二、上年结转政府信息公开申请数量”“自然人”列为 1，而 2023 年度报告“四、结转下年度继续办理”该列为 2，两年数据不衔接',
        '表三“二、上年结转政府信息公开申请数量”“总计”列为 1，而 2023 年度报告“四、结转下年度继续办理”该列为 2，两年数据不衔接',
      ],
    );
    assert.equal(c().allDiagnostics(uri).length, before + 1, 'checked again once: for the previous report’s edit, not for the unrelated one');

    // Closing the previous report: the file on disk (unchanged, consistent) counts again.
    await c().close(prevUri);
    assert.deepEqual(cross((await c().nextDiagnostics(uri, 1)).diagnostics), []);
  });

  test('a change of the previous report on disk (workspace/didChangeWatchedFiles) re-checks this year’s report', async () => {
    const uri = uriIn(join(withPrevious, 'x'), 'hekou-2024.txt'); // still open from the previous test
    const onDisk = readFileSync(prevFile, 'utf8');
    const changed = onDisk.replace(/^(四、结转下年度继续办理\t\t)1(\t0\t0\t0\t0\t0\t)1/m, '$110$210');
    assert.notEqual(changed, onDisk);
    writeFileSync(prevFile, changed);
    await c().conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: prevUri, type: FileChangeType.Changed }] });
    const ds = cross((await c().nextDiagnostics(uri, 1)).diagnostics);
    assert.deepEqual(ds.map((d) => /该列为 (\d+)/.exec(String(d.message))?.[1]), ['10', '10']);

    // Deleted: no previous report, no diagnostic.
    rmSync(prevFile);
    await c().conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: prevUri, type: FileChangeType.Deleted }] });
    assert.deepEqual(cross((await c().nextDiagnostics(uri, 1)).diagnostics), []);
  });
});
