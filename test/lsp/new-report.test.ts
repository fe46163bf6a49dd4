// *新建年度报告* over the protocol (nianbao/newReport): the server answers with the skeleton of the new file,
// carrying over from last year's report of the same 机关 found on disk in the new file's workspace folder, and
// names that report; the snippets it offers as completion take the report's year. Run `npm run build` first.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DidChangeWorkspaceFoldersNotification, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-protocol/node';
import { LspClient, numberCells, requireBuild, ROOT, withTimeout } from './harness';

requireBuild();

interface NewReport {
  text: string;
  previous: string | null;
  carried: string[];
}

describe('新建年度报告 and the snippets in the language server', () => {
  const root = mkdtempSync(join(tmpdir(), 'nianbao-lsp-new-'));
  const ws = join(root, 'ws');
  const prevFile = join(ws, '2023', 'hekou-2023.txt');
  let client: LspClient | undefined;
  const c = () => client!;
  const newReport = (p: { uri: string; year: number; agency: string; markdown: boolean }) => withTimeout(c().conn.sendRequest<NewReport | null>('nianbao/newReport', p), 'nianbao/newReport');

  before(async () => {
    mkdirSync(join(ws, '2023'), { recursive: true });
    mkdirSync(join(root, 'elsewhere'), { recursive: true });
    copyFileSync(join(ROOT, 'test', 'fixtures', 'cross-year', 'hekou-2023.txt'), prevFile);
    copyFileSync(join(ROOT, 'test', 'fixtures', 'cross-year', 'hekou-2023.txt'), join(root, 'elsewhere', 'hekou-2023.txt'));
    client = await LspClient.start({
      configuration: (item) => (item.section === 'nianbao' ? { debounceMs: 0 } : null),
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    await c().conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: pathToFileURL(ws).href, name: 'ws' }], removed: [] } });
  });
  after(async () => {
    try {
      if (client) assert.equal(await client.shutdown(), 0, `server exits with 0 (stderr: ${client.stderr.join('')})`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('last year’s report on disk in the folder: 上年结转 = its 结转下年度, 现行有效件数 = its own, and it is named', async () => {
    const made = (await newReport({ uri: pathToFileURL(join(ws, '青川县河口镇人民政府2024年政府信息公开工作年度报告.txt')).href, year: 2024, agency: '青川县河口镇人民政府', markdown: false }))!;
    assert.equal(made.previous, pathToFileURL(prevFile).href);
    assert.deepEqual(made.carried, ['t3', 't2']);
    // hekou-2023: 四、结转下年度继续办理 1 0 0 0 0 0 1; 行政规范性文件 现行有效 10.
    assert.deepEqual(numberCells(made.text, '二、上年结转政府信息公开申请数量').map((x) => x.text), ['1', '0', '0', '0', '0', '0', '1']);
    assert.match(made.text, /^行政规范性文件\t0\t0\t10$/m);
    assert.match(made.text, /^青川县河口镇人民政府 2024 年政府信息公开工作年度报告/);
    assert.match(made.text, /\n青川县河口镇人民政府\n\n2025 年 1 月 20 日\n/);
  });

  test('no carry-over for another 机关, another year, or a file outside the workspace folder', async () => {
    const target = pathToFileURL(join(ws, 'new.md')).href;
    for (const [year, agency] of [[2024, '青川县乔庄镇人民政府'], [2025, '青川县河口镇人民政府']] as const) {
      const made = (await newReport({ uri: target, year, agency, markdown: true }))!;
      assert.deepEqual([made.previous, made.carried], [null, []]);
      assert.match(made.text, new RegExp(`^# ${agency} ${year} 年`));
    }
    const outside = (await newReport({ uri: pathToFileURL(join(root, 'new.txt')).href, year: 2024, agency: '青川县河口镇人民政府', markdown: false }))!;
    assert.equal(outside.previous, null);
  });

  test('snippets: completion items with tab stops, the document’s year and 机关', async () => {
    const made = (await newReport({ uri: pathToFileURL(join(ws, 'draft.md')).href, year: 2022, agency: '某县某局', markdown: true }))!;
    const uri = pathToFileURL(join(ws, 'draft.md')).href;
    const text = made.text + '\n落款';
    await c().open(uri, 'markdown', text, 1);
    const line = text.split('\n').length - 1;
    const res = await withTimeout(c().conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 2 }, context: { triggerKind: 1 } }), 'completion');
    const items = (Array.isArray(res) ? res : (res?.items ?? [])) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ['落款（机关和日期）']);
    assert.equal(items[0].insertTextFormat, InsertTextFormat.Snippet);
    assert.deepEqual(items[0].textEdit, { range: { start: { line, character: 0 }, end: { line, character: 2 } }, newText: '${1:某县某局}\n\n${2:2023} 年 ${3:1} 月 ${4:20} 日' });
    assert.match(String(items[0].filterText), /落款/);
  });
});
