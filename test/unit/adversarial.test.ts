// Adversarial input the parsers must take in bounded work (issue: nothing crashes it). Structural checks only,
// no timing: the work is bounded by what is built (cells, items), and a recursion is gone when deep input parses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_GRID_COLUMNS, parseHtmlTable } from '../../core/src/parse/html-table';
import { parseMarkdownBlockFull } from '../../core/src/parse/md-block';
import { ParsedDocument } from '../../core/src/parse/document';
import { createChecker } from '../../core/src/index';

function spanTable(bytes: number): string {
  const cell = '<td colspan=100 rowspan=1000>x</td>';
  let html = '<table>';
  while (html.length < bytes) html += '<tr>' + cell.repeat(10) + '</tr>';
  return html + '</table>';
}
const cellCount = (items: ReturnType<typeof parseHtmlTable>) => items.reduce((a, r) => a + (r.kind === 'row' ? r.cells.length : 0), 0);

describe('HTML tables with hostile spans', () => {
  test('the grid grows linearly with the input: doubling a table of colspan=100 rowspan=1000 cells at most doubles its cells', () => {
    const small = cellCount(parseHtmlTable(spanTable(6 * 1024), 0, 0));
    const large = cellCount(parseHtmlTable(spanTable(12 * 1024), 0, 0));
    assert.ok(large <= 2.5 * small, `6 KB: ${small} cells, 12 KB: ${large} cells`);
  });

  test(`no row is wider than ${MAX_GRID_COLUMNS} columns, and a normal merged table is read as before`, () => {
    const rows = parseHtmlTable(spanTable(24 * 1024), 0, 0);
    assert.ok(rows.every((r) => r.kind !== 'row' || r.cells.length <= MAX_GRID_COLUMNS));
    const normal = parseHtmlTable('<table><tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>3</td></tr><tr><td>a</td><td>b</td><td>4</td></tr></table>', 0, 0);
    assert.deepEqual(normal.map((r) => (r.kind === 'row' ? r.cells.map((c) => c.text || (c.covered ?? '')) : [])), [
      ['三、本年度办理结果', '（一）予以公开', 'col', '3'],
      ['row', 'a', 'b', '4'],
    ]);
  });
});

describe('Markdown nested without bound', () => {
  test('a line of 4,000 `>` parses (no recursion over the nesting) and its text is read', () => {
    const items = parseMarkdownBlockFull(['>'.repeat(4000) + ' 本年新收申请 3 件']);
    assert.ok(items.some((i) => i.kind === 'para' && i.text.text.includes('本年新收申请 3 件')), JSON.stringify(items).slice(0, 300));
  });

  test('1 MB of `>`, a list nested 1,000 deep and 200 KB of `*`, `[`, `<` are read as plain lines', () => {
    assert.ok(parseMarkdownBlockFull(['>'.repeat(1 << 20)]).length === 1);
    const nested = Array.from({ length: 1000 }, (_, i) => ' '.repeat(i * 2) + '- 第 ' + i + ' 项');
    const items = parseMarkdownBlockFull(nested);
    assert.equal(items.filter((i) => i.kind === 'para').length, 1000);
    assert.equal(items[999].kind === 'para' && items[999].text.text, '- 第 999 项');
    let x = 7;
    const noise = Array.from({ length: 200_000 }, () => '*<[ ]a>_'[(x = (x * 1103515245 + 12345) & 0x7fffffff) % 8]).join('');
    assert.equal(parseMarkdownBlockFull([noise]).length, 1);
  });

  test('a report quoting itself deeply is still checked, and checked again after the next edit', () => {
    const checker = createChecker();
    const uri = 'file:///deep.md';
    checker.open(uri, 'markdown', 1, '# 某县2024年政府信息公开工作年度报告\n\n' + '>'.repeat(4000) + ' x\n');
    assert.ok(checker.check(uri, { config: {}, locale: 'zh-cn' }));
    assert.equal(checker.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '>' }]), 'changed');
    assert.ok(checker.check(uri, { config: {}, locale: 'zh-cn' }));
    assert.deepEqual(ParsedDocument.parse(checker.text(uri)!, 'markdown').blocks.map((b) => b.items.length), checker.document(uri)!.blocks.map((b) => b.items.length));
  });
});

describe('a tab row of 200,000 cells', () => {
  test('is at most MAX_ROW_CELLS cells; the rest of the line is its last cell, so no text is lost', async () => {
    const { MAX_ROW_CELLS, parseTextBlock } = await import('../../core/src/parse/text-block');
    const line = '一、本年新收政府信息公开申请数量' + '\t0'.repeat(200_000);
    const [row] = parseTextBlock([line]);
    assert.ok(row.kind === 'row');
    assert.equal(row.cells.length, MAX_ROW_CELLS);
    const last = row.cells[row.cells.length - 1];
    assert.equal(last.end, line.length);
    assert.equal(row.cells.slice(0, -1).every((c) => c.text === '0' || c.text.startsWith('一、')), true);
  });
});
