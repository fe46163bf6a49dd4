// 表格预览's tables (core/src/editor/table-preview.ts): the national format's merged header cells, every value
// with its range, identity totals marked from the check, for text and Markdown reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChecker, type PreviewTable } from '../../core/src/index';
import { read } from '../helpers';

const settings = { config: {}, locale: 'zh-cn' as const };

function preview(uri: string, languageId: string, text: string): PreviewTable[] {
  const c = createChecker();
  c.open(uri, languageId, 1, text);
  c.check(uri, settings);
  return c.tablePreview(uri, 'zh-cn');
}

describe('table preview', () => {
  for (const [file, languageId] of [['test/fixtures/md/000.md', 'markdown'], ['test/fixtures/cross-year/hekou-2024.txt', 'nianbao']] as const) {
    it(`${file}: tables 二/三/四 with merged headers, ranges on the cells' text, balanced totals`, () => {
      const text = read(file);
      const lines = text.split('\n');
      const tables = preview(`file:///r/${file.split('/').pop()}`, languageId, text);
      assert.deepEqual(tables.map((t) => t.kind), ['t2', 't3', 't4']);
      const t3 = tables[1];
      assert.equal(t3.rows[0][0].rowspan, 3, 'the 勾稽关系 note spans the three header rows');
      assert.equal(t3.rows[1].find((c) => c.text === '法人或其他组织')?.colspan, 5);
      for (const t of tables) {
        for (const c of t.rows.flat()) {
          if (!c.range) continue;
          assert.equal(lines[c.range.start.line].slice(c.range.start.character, c.range.end.character).trim(), c.text, `${t.kind} cell ${c.text} is where it says`);
        }
      }
      const marked = t3.rows.flat().filter((c) => c.status);
      assert.ok(marked.length >= 20 && marked.every((c) => c.status === 'ok'), 'every total of a correct report balances');
      assert.ok(tables[2].rows.flat().filter((c) => c.status === 'ok').length === 3, 'table 四: its three totals');
    });
  }

  it('a broken total is marked, with what it should be', () => {
    const text = read('test/fixtures/rules/table3-row-total/fail-granted-total.txt');
    const t3 = preview('file:///r/broken.txt', 'nianbao', text).find((t) => t.kind === 't3')!;
    const bad = t3.rows.flat().filter((c) => c.status === 'bad');
    assert.ok(bad.length >= 1, 'the wrong total is red');
    assert.match(bad[0].tip ?? '', /应等于|现为/);
  });

  it('no tables: nothing to show', () => {
    assert.deepEqual(preview('file:///r/news.txt', 'plaintext', '今天天气很好。\n'), []);
  });
});
