import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCell } from '../../core/src/model/cells';
import { rowInfo } from '../../core/src/model/recognize';

const row = (...texts: string[]) => ({ cells: texts.map((text, i) => ({ text, line: 0, start: i * 4, end: i * 4 + text.length })) });

describe('reading cells', () => {
  it('reads numbers, blanks, dashes, money and text, the same when read again (memoised)', () => {
    for (let pass = 0; pass < 2; pass++) {
      assert.deepEqual(readCell('12'), { kind: 'number', value: 12 });
      assert.deepEqual(readCell('１２'), { kind: 'number', value: 12 });
      assert.deepEqual(readCell('1 0 3'), { kind: 'number', value: 103 });
      assert.deepEqual(readCell('1,234'), { kind: 'number', value: 1234 });
      assert.deepEqual(readCell(' '), { kind: 'blank', value: null });
      assert.deepEqual(readCell('—'), { kind: 'dash', value: null });
      assert.deepEqual(readCell('12.5 万元'), { kind: 'number', value: 12.5, unit: '万元' });
      assert.deepEqual(readCell('（一）予以公开'), { kind: 'text', value: null });
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

  it('gives every cell the same shape (unit and covered present, undefined when absent)', () => {
    const cells = rowInfo({ cells: [{ text: '5 元', line: 0, start: 0, end: 3 }, { text: '', line: 0, start: 4, end: 4, covered: 'col' as const }] }).cells;
    assert.deepEqual(Object.keys(cells[0]), Object.keys(cells[1]));
    assert.equal(cells[0].unit, '元');
    assert.equal(cells[1].covered, 'col');
  });
});
