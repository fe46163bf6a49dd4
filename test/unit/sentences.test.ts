import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParsedDocument } from '../../core/src/index';
import { plainText } from '../../core/src/parse/items';
import { sentenceDigests } from '../../core/src/model/sentences';
import { read } from '../helpers';

/** A sentence's hash as the definition says: two 32-bit FNV-1a lanes over its UTF-16 units, 53 bits kept. */
function sentenceHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (b >>> 11) * 0x100000000 + (a >>> 0);
}

/** The definition, spelled out with strings: NFKC, split on 。；！？, drop whitespace and marks, numbers → #. */
function reference(text: string): number[] {
  const out: number[] = [];
  for (const raw of text.normalize('NFKC').split(/[。;!?；！？]/)) {
    const s = raw.replace(/[\s*_`]/g, '').replace(/\d+(?:[.,]\d+)*/g, '#');
    if (s.length >= 6) out.push(sentenceHash(s), s.length);
  }
  return out;
}

const digests = (text: string) => [...sentenceDigests(plainText(text, 0, 0))];

describe('sentence digests', () => {
  it('are the hashes and lengths of the sentences as the definition builds them', () => {
    for (const text of [
      '2024 年共收到申请 1,234.5 件。其中 **依申请** 公开 12 件；无。',
      '本年度办理结果：予以公开 3 件, 部分公开 1.2.3 件!不予公开 1..2 件?',
      '数字 1 , 2 与 3 .5 之间有空格　全角空格\u00a0不换行空格\ufeff。',
      '１２３ 全角数字和（括号）与 ＡＢＣ；尾句没有句号',
      '', '。。。', '短。', '😀 表情 😀 字符 😀 很多。', '#号 ## 自带 1# 井号。', '1.', '.5 开头的小数点 5.', 'a,1,2,b,3,.4',
    ]) {
      assert.deepEqual(digests(text), reference(text), text);
    }
  });

  it('on every paragraph of the seeds and on random text of digits, separators, spaces and marks', () => {
    for (const f of ['examples/haiyuan-xian-2024.txt', 'examples/pingluo-2024.txt', 'examples/xibao-2023.txt']) {
      for (const b of ParsedDocument.parse(read(f), 'text').blocks) {
        for (const item of b.items) if (item.kind === 'para') assert.deepEqual(digests(item.text.text), reference(item.text.text));
      }
    }
    let a = 5;
    const next = () => (a = (a * 1103515245 + 12345) & 0x7fffffff);
    const parts = ['1', '23', '.', ',', ' ', '　', '*', '_', '`', '\t', '年', '件', 'ａ', '１', '。', '；', '!', '?', '#', '\u00a0', '\u1680', '\u2028', '\ufeff', '\v', '😀', '，', '．'];
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let n = next() % 40; n > 0; n--) text += parts[next() % parts.length];
      assert.deepEqual(digests(text), reference(text), JSON.stringify(text));
    }
  });
});
