import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, ParsedDocument } from '../../core/src/index';
import { Cell } from '../../core/src/model/types';
import { readCell } from '../../core/src/model/cells';
import { rowInfo } from '../../core/src/model/recognize';
import { ROOT } from '../helpers';

const row = (...texts: string[]) => ({ cells: texts.map((text, i) => ({ text, line: 0, start: i * 4, end: i * 4 + text.length })) });

describe('reading cells', () => {
  it('reads numbers, blanks, dashes, money and text, the same when read again (memoised)', () => {
    for (let pass = 0; pass < 2; pass++) {
      assert.deepEqual(readCell('12'), { kind: 'number', value: 12, unit: undefined });
      assert.deepEqual(readCell('１２'), { kind: 'number', value: 12, unit: undefined });
      assert.deepEqual(readCell('1 0 3'), { kind: 'number', value: 103, unit: undefined });
      assert.deepEqual(readCell('1,234'), { kind: 'number', value: 1234, unit: undefined });
      assert.deepEqual(readCell(' '), { kind: 'blank', value: null, unit: undefined });
      assert.deepEqual(readCell('—'), { kind: 'dash', value: null, unit: undefined });
      assert.deepEqual(readCell('12.5 万元'), { kind: 'number', value: 12.5, unit: '万元' });
      assert.deepEqual(readCell('（一）予以公开'), { kind: 'text', value: null, unit: undefined });
    }
  });

  it("finds table 三's header words in a row, also written in compatibility forms NFKC folds", () => {
    assert.equal(rowInfo(row('申请人情况', '自然人')).t3Header, true);
    assert.equal(rowInfo(row('本列数据的勾稽关系为：第一项加第二项之和等于第三项加第四项之和')).t3Header, true);
    assert.equal(rowInfo(row('申 请 人 情 况')).t3Header, true, 'spaces are dropped');
    assert.equal(rowInfo(row('\u{1F238}请人情况')).t3Header, true, 'U+1F238 folds to 申');
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const c = String.fromCodePoint(cp);
      const n = c.normalize('NFKC');
      if (n === '勾') assert.equal(rowInfo(row(c + '稽关系')).t3Header, true, `U+${cp.toString(16)} folds to 勾`);
      if (n === '申') assert.equal(rowInfo(row(c + '请人情况')).t3Header, true, `U+${cp.toString(16)} folds to 申`);
    }
    assert.equal(rowInfo(row('申请人', '情况')).t3Header, true, 'across cells, as the joined row reads');
    assert.equal(rowInfo(row('一、本年新收政府信息公开申请数量', '0')).t3Header, false);
    assert.equal(rowInfo(row('商业企业', '科研机构')).t3Header, false);
  });

  it('gives every cell of a report one shape, its range made once when asked for and in its JSON', () => {
    const reports = [
      analyze(ParsedDocument.parse(readFileSync(join(ROOT, 'test/fixtures/formats/html/xian-page.html'), 'utf8'), 'html')),
      analyze(ParsedDocument.parse(readFileSync(join(ROOT, 'test/fixtures/rules/table-cell-blank/fail-slash-blank-dash.txt'), 'utf8'), 'text')),
    ];
    const cells = reports.flatMap((report) => [report.t2, report.t3, report.t4].flatMap((t) => t?.rows.flatMap((r) => r.values) ?? []));
    assert.ok(cells.length > 100, `${cells.length} cells`);
    assert.ok(cells.every((c) => c instanceof Cell));
    assert.ok(cells.some((c) => c.kind === 'blank'), 'a blank cell');
    for (const c of cells) {
      assert.equal(c.range, c.range, 'made once');
      assert.deepEqual(c.range, { start: { line: c.line, character: c.start }, end: { line: c.endLine, character: c.end } });
      assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(c))), ['raw', 'kind', 'value', ...(c.unit ? ['unit'] : []), ...(c.covered ? ['covered'] : []), 'range']);
    }
  });
});
