// The report view's requests against the real server (dist/server.js over stdio): a PDF's or Word file's
// bytes go in, its problems come out as diagnostics of that file (naming their page or table cell), its draft
// can be asked for, and closing it clears them; a file that cannot be read says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, requireBuild, ROOT, withTimeout } from './harness';

requireBuild();

const fixture = (rel: string) => join(ROOT, 'test', 'fixtures', 'formats', rel);
const uriOf = (path: string) => pathToFileURL(path).href;
const data = (path: string) => readFileSync(path).toString('base64');

interface OpenResult {
  ok: boolean;
  source?: string;
  pages?: number | null;
  reason?: string;
  message?: string;
  report?: { isReport: boolean; year: number | null; template: string | null } | null;
  lines?: { kind: string; cells?: { text: string; colspan: number; rowspan: number }[] }[];
}

describe('PDF and Word files in the report view (nianbao/openFile)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { locale: 'zh-cn' } });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  test('a PDF: its problems are published under its URI, each naming its page; closing clears them', async () => {
    const path = fixture('pdf/xian-ruled.pdf');
    const uri = uriOf(path);
    const result = await withTimeout(client.conn.sendRequest<OpenResult>('nianbao/openFile', { uri, data: data(path) }), 'openFile');
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.source, 'pdf');
    assert.equal(result.pages, 3);
    assert.deepEqual(result.report && [result.report.isReport, result.report.year, result.report.template], [true, 2024, '2021']);
    assert.ok(result.lines!.some((l) => l.kind === 'page'));
    const published = await client.nextDiagnostics(uri);
    const codes = published.diagnostics.map((d) => String(d.code)).sort();
    assert.deepEqual(codes, ['fee-statement-missing', 'table3-balance', 'table3-balance']);
    assert.ok(published.diagnostics.filter((d) => d.code === 'table3-balance').every((d) => String(d.message).endsWith('（第 2 页）')), published.diagnostics.map((d) => d.message).join('\n'));
    const draft = await client.conn.sendRequest<string | null>('nianbao/draft', { uri });
    assert.match(draft ?? '', /^# 海原县西安镇人民政府2024年政府信息公开工作年度报告$/m);
    await client.conn.sendRequest('nianbao/closeFile', { uri });
    const cleared = await client.nextDiagnostics(uri);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('a Word file: problems name the table cell; merged cells come to the view as spans', async () => {
    const path = fixture('docx/xian-merged.docx');
    const uri = uriOf(path);
    const result = await client.conn.sendRequest<OpenResult>('nianbao/openFile', { uri, data: data(path) });
    assert.equal(result.source, 'docx');
    const spans = result.lines!.flatMap((l) => l.cells ?? []).filter((c) => c.rowspan > 1 || c.colspan > 1);
    assert.ok(spans.some((c) => c.text === '三、本年度办理结果' && c.rowspan === 22), 'the 三 label spans 22 rows');
    const published = await client.nextDiagnostics(uri);
    assert.ok(published.diagnostics.some((d) => String(d.message).endsWith('（第 2 个表格第 28 行第 2 格）')), published.diagnostics.map((d) => d.message).join('\n'));
    await client.conn.sendRequest('nianbao/closeFile', { uri });
  });

  test('a saved web page is an ordinary text document (languageId html): checked, problems in the page source', async () => {
    const path = fixture('html/xian-page.html');
    const uri = uriOf(path);
    await client.open(uri, 'html', readFileSync(path, 'utf8'));
    const published = await client.nextDiagnostics(uri);
    assert.deepEqual(published.diagnostics.map((d) => String(d.code)).sort(), ['fee-statement-missing', 'table3-balance', 'table3-balance']);
    await client.close(uri);
  });

  test('a Word 97–2003 file is not read, and the answer says to save it as .docx', async () => {
    const uri = 'file:///tmp/nianbao-old.doc';
    const bytes = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]).toString('base64');
    const result = await client.conn.sendRequest<OpenResult>('nianbao/openFile', { uri, data: bytes });
    assert.equal(result.ok, false);
    assert.equal(result.reason, 'legacyWord');
    assert.match(result.message ?? '', /另存为” \.docx/);
  });
});
