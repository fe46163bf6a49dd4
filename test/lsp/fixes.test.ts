// Quick fixes and fix-all through the real language server: code action → workspace edit → applied → re-checked.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applyEdits } from '../../core/src/index';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CodeActionRequest, ExecuteCommandRequest, HoverRequest, CodeLensRequest, DocumentFormattingRequest, CompletionRequest, ShowMessageNotification } from 'vscode-languageserver-protocol';
import { fixtureText, LspClient, ROOT, uriFor, withTimeout } from './harness';

const FIXABLE = ['title-missing', 'title-year-missing', 'section-missing', 'section-heading-variant', 'table-missing', 'table-row-missing', 'table-column-count', 'table-cell-blank', 'table-label-variant', 'table3-row-total', 'table3-results-total', 'table3-balance', 'table4-total', 'template-outdated', 'year-mismatch', 'text-table-mismatch', 'fee-statement-missing'];
const key = (d: Diagnostic) => `${d.code}: ${d.message}`;

function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  return (edit?.changes?.[uri] ?? []) as TextEdit[];
}

let client: LspClient;
let version = 0;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.shutdown();
});

async function openFresh(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
  version = 1;
  await client.open(uri, languageId, text, version);
  return (await client.nextDiagnostics(uri, version)).diagnostics;
}

async function replaceAll(uri: string, text: string): Promise<Diagnostic[]> {
  version++;
  await client.change(uri, version, [{ text }]);
  return (await client.nextDiagnostics(uri, version)).diagnostics;
}

async function actions(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const r = await withTimeout(client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }), 'codeAction');
  return (r ?? []) as CodeAction[];
}

describe('every fixable rule, fixed through the language server', () => {
  for (const rule of FIXABLE) {
    const dir = join(ROOT, 'test', 'fixtures', 'rules', rule);
    const chosen: Record<string, string> = { 'table-column-count': 'fail-short-row.txt', 'text-table-mismatch': 'fail-received.txt' };
    const file = chosen[rule] ?? readdirSync(dir).find((f) => /^fail-.*\.(txt|md)$/.test(f) && !f.includes('.fixed.'));
    test(`${rule} (${file})`, async () => {
      const rel = `rules/${rule}/${file}`;
      const text = fixtureText(rel);
      const md = file!.endsWith('.md');
      const uri = uriFor(`fix-${rule}-${file}`);
      const before = await openFresh(uri, md ? 'markdown' : 'plaintext', text);
      const target = before.find((d) => d.code === rule);
      assert.ok(target, `${rule} is raised`);
      const offered = await actions(uri, target.range, [target], ['quickfix']);
      const fix = offered.find((a) => a.isPreferred && a.edit);
      assert.ok(fix, `a preferred fix is offered (got: ${offered.map((a) => a.title).join(' | ')})`);
      const edits = editsFor(fix.edit, uri);
      assert.ok(edits.length > 0);
      const fixed = applyEdits(text, edits);
      // Nothing outside the edits changed: undoing them region by region gives back the original.
      const lines = text.split(/\r\n|\r|\n/);
      const untouched = lines.filter((_, i) => !edits.some((e) => i >= e.range.start.line && i <= e.range.end.line));
      const fixedLines = fixed.split(/\r\n|\r|\n/);
      for (const l of untouched) assert.ok(fixedLines.includes(l), `an untouched line survived: ${l.slice(0, 40)}`);
      const afterFix = await replaceAll(uri, fixed);
      assert.ok(afterFix.filter((d) => key(d) === key(target)).length < before.filter((d) => key(d) === key(target)).length, `${key(target)} is gone`);
      const beforeKeys = new Set(before.map(key));
      // What the fix leaves for the drafter: an inserted section to write, the title's 机关 to fill in.
      const leaves = (d: Diagnostic) => (rule === 'section-missing' && d.code === 'section-empty') || (rule === 'title-missing' && d.code === 'placeholder-left');
      const added = afterFix.filter((d) => !beforeKeys.has(key(d)) && !leaves(d));
      assert.deepEqual(added.map(key), [], 'no new diagnostic');
      // Fix-all (source.fixAll.nianbao) converges: a second run changes nothing.
      const fa = (await actions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.nianbao']))[0];
      assert.ok(fa, 'source.fixAll.nianbao is offered');
      const once = applyEdits(fixed, editsFor(fa.edit, uri));
      await replaceAll(uri, once);
      const again = (await actions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.nianbao']))[0];
      assert.deepEqual(editsFor(again.edit, uri), [], 'fix-all again changes nothing');
      await client.close(uri);
    });
  }
});

describe('editor help through the language server', () => {
  test('"fix all of this rule" and the disable actions in Markdown', async () => {
    const uri = uriFor('fix-all-years.md');
    const text = fixtureText('rules/year-mismatch/fail-leftover-years.md');
    const diags = await openFresh(uri, 'markdown', text);
    const d = diags.find((x) => x.code === 'year-mismatch')!;
    const offered = await actions(uri, d.range, [d], ['quickfix']);
    const titles = offered.map((a) => a.title);
    assert.ok(titles.some((x) => /所有 year-mismatch 问题/.test(x)), titles.join(' | '));
    assert.ok(titles.some((x) => /在此行禁用 year-mismatch/.test(x)));
    assert.ok(titles.some((x) => /在此文件中禁用 year-mismatch/.test(x)));
    const disable = offered.find((a) => /在此行禁用/.test(a.title))!;
    const after = await replaceAll(uri, applyEdits(text, editsFor(disable.edit, uri)));
    // Every year-mismatch of that line is silenced, the others stay.
    const onLine = diags.filter((x) => x.code === 'year-mismatch' && x.range.start.line === d.range.start.line).length;
    assert.ok(onLine >= 1);
    assert.equal(after.filter((x) => x.code === 'year-mismatch').length, diags.filter((x) => x.code === 'year-mismatch').length - onLine);
    await client.close(uri);
  });

  test('hover on a table total, a code lens above each table, templates and completion', async () => {
    const uri = uriFor('help.txt');
    const text = fixtureText('rules/table3-row-total/fail-granted-total.txt');
    await openFresh(uri, 'plaintext', text);
    const line = text.split('\n').findIndex((l) => l.includes('(一) 予以公开'));
    const character = text.split('\n')[line].lastIndexOf('3');
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    assert.match(JSON.stringify(hover?.contents), /3 \+ 1 \+ 0 \+ 0 \+ 0 \+ 0 = 4/);
    const lenses = (await client.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), ['勾稽关系：2 处不成立', '勾稽关系：平衡']);
    assert.equal(lenses[0].command?.command, 'nianbao.revealRange');
    const t3 = await client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.template', arguments: ['t3', uri, {}] });
    assert.match(String(t3), /勾稽关系/);
    const skeleton = await client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.template', arguments: ['report', '', { year: 2024, agency: '某局', markdown: true }] });
    assert.match(String(skeleton), /^# 某局 2024 年政府信息公开工作年度报告/);
    await client.close(uri);

    const empty = uriFor('empty.md');
    await openFresh(empty, 'markdown', '');
    const items = await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: empty }, position: { line: 0, character: 0 } });
    const list = Array.isArray(items) ? items : (items?.items ?? []);
    assert.equal(list.length, 1);
    assert.match(String(list[0].insertText), /## 六、其他需要报告的事项/);
    await client.close(empty);
  });

  test('completion offers the standard table at a line start inside an empty section 四, and nothing elsewhere', async () => {
    const uri = uriFor('complete-t4.txt');
    const text = fixtureText('rules/table-missing/fail-no-table-4.txt');
    await openFresh(uri, 'plaintext', text);
    const lines = text.split('\n');
    const heading = lines.findIndex((l) => l.startsWith('四、政府信息公开'));
    const at = { line: heading + 1, character: 0 };
    const items = await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at });
    const list = Array.isArray(items) ? items : (items?.items ?? []);
    // The missing table first (preselected), then the report's snippets.
    assert.deepEqual(list.map((i) => i.label), ['插入表四：行政复议、行政诉讼情况', '年报标题', '统计期限', '现发布《…年度报告》', '信息处理费收取情况', '落款（机关和日期）']);
    assert.equal(list[0].preselect, true);
    const inserted = applyEdits(text, [{ range: { start: at, end: at }, newText: String(list[0].insertText) + '\n' }]);
    const diags = await replaceAll(uri, inserted);
    assert.ok(!diags.some((d) => d.code === 'table-missing' || String(d.code).startsWith('table4')), diags.map((d) => d.code).join(','));
    const inTable3 = await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: lines.findIndex((l) => l.startsWith('一、本年新收')), character: 0 } });
    assert.deepEqual(Array.isArray(inTable3) ? inTable3 : (inTable3?.items ?? []), []);
    await client.close(uri);
  });

  test('Format Document aligns the Markdown tables of a report, one small edit per row, markup kept', async () => {
    const uri = uriFor('format.md');
    const text = fixtureText('md/000.md').replace('| 规章 |', '| **规章**（见[目录](https://example.cn/a)） |');
    await openFresh(uri, 'markdown', text);
    const edits = (await client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) ?? [];
    assert.ok(edits.length > 0);
    assert.ok(edits.every((e) => e.range.start.line === e.range.end.line && e.range.start.character > 0), 'each edit is inside one row');
    assert.equal(new Set(edits.map((e) => e.range.start.line)).size, edits.length, 'one edit per row');
    const formatted = applyEdits(text, edits);
    assert.match(formatted, /^\| \*\*规章\*\*（见\[目录\]\(https:\/\/example\.cn\/a\)） +\| 0 /m);
    assert.equal(formatted.replace(/[ -]/g, ''), text.replace(/[ -]/g, ''));
    await replaceAll(uri, formatted);
    const again = (await client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) ?? [];
    assert.deepEqual(again, []);
    await client.close(uri);
  });

  test('Format Document on a plain-text report changes nothing and says why, in Chinese, once per document', async () => {
    const messages: string[] = [];
    client.conn.onNotification(ShowMessageNotification.type, (p) => void messages.push(p.message));
    const uri = uriFor('format.txt');
    await openFresh(uri, 'plaintext', fixtureText('rules/table3-row-total/fail-granted-total.txt'));
    const format = async () => (await client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } })) ?? [];
    assert.deepEqual(await format(), []);
    assert.deepEqual(await format(), [], 'and again (format on save)');
    await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }); // a round trip
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], /^年报：文本（\.txt）报告的表格以制表符分隔，不能用空格对齐/);
    await client.close(uri);
  });
});
