import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, fixAll, ParsedDocument, type SourceFormat } from '../../core/src/index';
import { read, SEED_FILES } from '../helpers';

/** Deterministic pseudo-random bytes (as Latin-1 characters). */
function bytes(n: number, seed: number): string {
  let a = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    a = (a * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(a % 256);
  }
  return s;
}

/** Random text of the whole of Unicode's BMP and beyond: CJK, full-width forms, surrogate pairs, lone surrogates, controls. */
function unicode(n: number, seed: number): string {
  let a = seed;
  const next = () => (a = (a * 1103515245 + 12345) & 0x7fffffff);
  let s = '';
  while (s.length < n) {
    const k = next() % 10;
    if (k < 3) s += String.fromCharCode(0x4e00 + (next() % 0x5200));
    else if (k < 4) s += String.fromCharCode(0xff01 + (next() % 0x5e));
    else if (k < 5) s += String.fromCodePoint(0x20000 + (next() % 0x2000));
    else if (k < 6) s += String.fromCharCode(0xd800 + (next() % 0x800));
    else if (k < 7) s += String.fromCharCode(next() % 0x20);
    else s += String.fromCharCode(next() % 0x10000);
  }
  return s;
}

/** Random Markdown: nested quotes and lists, emphasis, code spans, links, HTML and tables, broken or not. */
function markdownNoise(lines: number, seed: number): string {
  let a = seed;
  const pick = <T>(xs: readonly T[]) => xs[(a = (a * 1103515245 + 12345) & 0x7fffffff) % xs.length];
  const inline = ['**粗体', '粗体**', '*斜*', '`代码', '代码`', '[链接](http://x', '](y)', '<b>', '</b>', '<span style="x">', '<!--', '-->', '| 12 |', '\\|', '一、总体情况', '2024 年', ' 12 件 '];
  const prefix = ['', '> ', '> > ', '- ', '  - ', '    - ', '1. ', '   1. ', '> - ', '- > ', '| ', '|---|---|', '```', '    '];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(pick(prefix) + Array.from({ length: 1 + (a % 6) }, () => pick(inline)).join(pick(['', ' ', '\t'])));
  return out.join('\n');
}

function inBounds(text: string, format: SourceFormat): void {
  const r = checkText(text, format, { validate: 'always' });
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of r.diagnostics) {
    assert.ok(d.range.start.line >= 0 && d.range.end.line < lines.length, `${d.code}: line in bounds`);
    assert.ok(d.range.start.character <= lines[d.range.start.line].length && d.range.end.character <= lines[d.range.end.line].length, `${d.code}: character in bounds`);
  }
}

const seed = read(SEED_FILES[0].txt);
const seedMd = read(SEED_FILES[0].md);
const LONG = 100_000;

/** Inputs built to make a careless regular expression backtrack; each must still be checked (a hang fails the test by its time-out). */
const adversarial: Record<string, string> = {
  'spaces after a period date': '本报告统计数据从 2024 年 1 月 1 日' + ' '.repeat(LONG) + 'x',
  'a long run of digits': '共' + '1'.repeat(LONG) + ' 个，其中',
  'digits before 条 with no 其中': ('12 条' + '3'.repeat(1000)).repeat(100),
  'many 受理 without 件': '受理'.repeat(LONG / 2),
  '受理 followed by digits': ('受理' + '9'.repeat(40)).repeat(2000),
  'tabs only': '\t'.repeat(LONG),
  'a table row with 100,000 cells': '一、本年新收政府信息公开申请数量' + '\t0'.repeat(LONG),
  'full-width spaces': '\u3000'.repeat(LONG),
  'year-like digits': '2024'.repeat(LONG / 4),
  'a comment that never closes': '<!-- nianbao-disable ' + 'x'.repeat(LONG),
  'a heading-like line that goes on': '一、总体情况' + '况'.repeat(LONG),
  'dates everywhere': '2024 年 1 月 1 日'.repeat(10_000),
  '其中 lists that never end': '共 5 条，其中' + 'a 1 条，'.repeat(20_000),
};

describe('robustness: bad input is checked or skipped, never a crash or a hang', () => {
  for (const format of ['text', 'markdown'] as const) {
    it(`${format}: empty, whitespace and a lone line break`, () => {
      for (const t of ['', ' ', '\n', '\r', '\r\n', '\ufeff']) {
        const r = checkText(t, format);
        assert.equal(r.report.isReport, false);
        assert.deepEqual(r.diagnostics, []);
      }
    });
    it(`${format}: random bytes`, { timeout: 60_000 }, () => {
      for (let s = 1; s <= 20; s++) inBounds(bytes(20_000, s), format);
    });
    it(`${format}: random Unicode (CJK, surrogates, controls) and random Markdown structure`, { timeout: 60_000 }, () => {
      for (let s = 1; s <= 10; s++) inBounds(unicode(20_000, s), format);
      for (let s = 1; s <= 10; s++) inBounds(markdownNoise(2000, s), format);
    });
    it(`${format}: a seed with a BOM, mixed line endings and NUL bytes`, () => {
      const base = format === 'text' ? seed : seedMd;
      const mixed = '\ufeff' + base.split('\n').map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n')).join('');
      const r = checkText(mixed, format);
      assert.equal(r.report.isReport, true);
      assert.deepEqual(r.diagnostics, checkText(base, format).diagnostics);
      inBounds(base.replace(/0/g, '\0'), format);
    });
    for (const [name, line] of Object.entries(adversarial)) {
      it(`${format}: ${name}`, { timeout: 60_000 }, () => {
        const doc = `某局 2024 年政府信息公开工作年度报告\n\n${line}\n\n一、总体情况\n\n${line}\n`;
        inBounds(doc, format);
        const p = ParsedDocument.parse(doc, format);
        p.applyChange({ range: { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } }, text: '字' });
        // The edit is in the text and the blocks are those of a fresh parse of it.
        const edited = doc.split('\n').map((l, i) => (i === 2 ? l.slice(0, 5) + '字' + l.slice(5) : l)).join('\n');
        assert.equal(p.text, edited);
        const fresh = ParsedDocument.parse(edited, format);
        assert.deepEqual(p.blocks.map((b) => [b.start, b.end, b.key]), fresh.blocks.map((b) => [b.start, b.end, b.key]));
      });
    }
  }

  it('markdown: unbalanced emphasis, pipes, fences and HTML on long lines', { timeout: 60_000 }, () => {
    for (const line of ['*'.repeat(LONG / 10), '|'.repeat(LONG), '`'.repeat(LONG / 10), '<table>'.repeat(5000), '[' .repeat(LONG / 10), '```\n' + 'x\n'.repeat(1000)]) {
      inBounds(`# 某局 2024 年政府信息公开工作年度报告\n\n${line}\n\n## 一、总体情况\n`, 'markdown');
    }
  });

  it('broken tables: rows with random numbers of cells never break the checker or its fixes', { timeout: 60_000 }, () => {
    const lines = seed.split('\n');
    let a = 7;
    for (let k = 0; k < 40; k++) {
      const copy = lines.map((l) => {
        if (!l.includes('\t')) return l;
        a = (a * 1103515245 + 12345) & 0x7fffffff;
        const cells = l.split('\t');
        const cut = a % (cells.length + 3);
        return (a & 1 ? cells.slice(0, cut) : [...cells, ...Array(cut).fill(a % 5 === 0 ? '/' : String(a % 9))]).join('\t');
      });
      const text = copy.join('\n');
      inBounds(text, 'text');
      const fixed = fixAll(text, 'text', {}, undefined, false);
      assert.equal(fixAll(fixed, 'text', {}, undefined, false), fixed);
    }
  });
});
