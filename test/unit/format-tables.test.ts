// Format Document changes whitespace only: markup in cells, containers and captions survive, and the
// edits are one per changed row. A property test checks the invariant on fixtures and random tables.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, displayWidth, formatMarkdownTables, ParsedDocument, skeleton, type Item, type TextEdit } from '../../core/src/index';
import { read, ROOT, rng } from '../helpers';

const lines = (...ls: string[]) => ls.map((l) => l + '\n').join('');

/** A delimiter row: its dashes may change in number. */
const DELIMITER_ROW = /^[ \t>]*\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$/;
/** A line with spaces and tabs removed (U+3000 kept) and, on a delimiter row, each run of dashes as one. */
function essence(line: string): string {
  const s = line.replace(/[ \t]/g, '');
  return DELIMITER_ROW.test(line) ? s.replace(/-+/g, '-') : s;
}

/** What the parser reads from a document: per block, each item's kind and text (positions left out). */
function reading(text: string): string[] {
  const of = (i: Item) => (i.kind === 'row' ? `row ${i.cells.map((c) => c.text).join(' | ')}` : i.kind === 'para' || i.kind === 'heading' ? `${i.kind} ${i.text.text}` : i.kind === 'comment' ? `comment ${i.text}` : i.kind);
  return ParsedDocument.parse(text, 'markdown').blocks.flatMap((b) => b.items.map(of));
}

/** Checks every edit of a document's formatting; returns the formatted text. */
function checkFormatting(text: string, what: string): string {
  const doc = ParsedDocument.parse(text, 'markdown');
  const edits = formatMarkdownTables(doc);
  const src = doc.lines;
  const seen = new Set<number>();
  for (const e of edits) {
    const line = e.range.start.line;
    assert.equal(e.range.end.line, line, `${what}: an edit stays on its line`);
    assert.ok(!seen.has(line), `${what}: one edit per line (line ${line})`);
    seen.add(line);
    assert.ok(!e.newText.includes('\n'), `${what}: no line added`);
    const old = src[line].slice(e.range.start.character, e.range.end.character);
    const after = src[line].slice(0, e.range.start.character) + e.newText + src[line].slice(e.range.end.character);
    assert.equal(essence(after), essence(src[line]), `${what}: line ${line} changes only in whitespace\n  ${src[line]}\n  ${after}`);
    // Minimal: the edit neither starts nor ends with text it leaves as it was.
    if (old && e.newText) assert.ok(old[0] !== e.newText[0] && old[old.length - 1] !== e.newText[e.newText.length - 1], `${what}: edit on line ${line} is minimal`);
  }
  const out = applyEdits(text, edits);
  const a = text.split('\n');
  const b = out.split('\n');
  assert.equal(b.length, a.length, `${what}: same number of lines`);
  for (let i = 0; i < a.length; i++) assert.equal(essence(b[i]), essence(a[i]), `${what}: line ${i}`);
  assert.equal(out.replace(/[ \t]/g, '').replace(/-+/g, '-'), text.replace(/[ \t]/g, '').replace(/-+/g, '-'), `${what}: whole document`);
  assert.deepEqual(reading(out), reading(text), `${what}: the parser reads the same document`);
  assert.deepEqual(formatMarkdownTables(ParsedDocument.parse(out, 'markdown')), [], `${what}: formatting again changes nothing`);
  return out;
}

describe('Format Document keeps everything but whitespace', () => {
  it('keeps inline markup in cells: strong, links, code, HTML tags, comments, images', () => {
    const text = lines(
      '| 项目 | 数量 |',
      '| --- | --- |',
      '| **规章**（见[目录](http://x/y)） | 1 |',
      '| `代码` <b>粗</b> | <span class="n">2</span> |',
      '| 说明<!-- 备注 --> | ![图](p.png) |',
    );
    assert.equal(
      checkFormatting(text, 'markup'),
      lines(
        '| 项目                             | 数量                     |',
        '| -------------------------------- | ------------------------ |',
        '| **规章**（见[目录](http://x/y)） | 1                        |',
        '| `代码` <b>粗</b>                 | <span class="n">2</span> |',
        '| 说明<!-- 备注 -->                | ![图](p.png)             |',
      ),
    );
  });

  it('keeps escaped pipes and pipes inside code spans in their cell', () => {
    const text = lines('| a | b |', '| --- | --- |', '| `x|y` | 1 \\| 2 |', '| 规章 | 3 |');
    assert.equal(checkFormatting(text, 'pipes'), lines('| a     | b      |', '| ----- | ------ |', '| `x|y` | 1 \\| 2 |', '| 规章  | 3      |'));
  });

  it('keeps a table indented in a list item where it is', () => {
    const text = lines('- 表一：', '', '  | a | b |', '  | --- | --- |', '  | 规章 | 1 |');
    assert.equal(checkFormatting(text, 'indented'), lines('- 表一：', '', '  | a    | b   |', '  | ---- | --- |', '  | 规章 | 1   |'));
  });

  it('keeps list markers and quote markers before the rows', () => {
    assert.equal(checkFormatting(lines('- | a | b |', '  | --- | --- |', '  | 规章 | 1 |'), 'list'), lines('- | a    | b   |', '  | ---- | --- |', '  | 规章 | 1   |'));
    assert.equal(checkFormatting(lines('> | a | b |', '> | --- | --- |', '> | 规章 | 1 |'), 'quote'), lines('> | a    | b   |', '> | ---- | --- |', '> | 规章 | 1   |'));
  });

  it('leaves a caption line right under a table as it is', () => {
    const text = lines('| a | b |', '| --- | --- |', '| 规章 | 1 |', '注：单位为件');
    assert.equal(checkFormatting(text, 'caption'), lines('| a    | b   |', '| ---- | --- |', '| 规章 | 1   |', '注：单位为件'));
  });

  it('adds no pipes to a short row and keeps a full-width space as content (counted double)', () => {
    const text = lines('| a | b |', '| --- | --- |', '| 　x | 1 |', '| 规章 |');
    assert.equal(checkFormatting(text, 'short'), lines('| a    | b   |', '| ---- | --- |', '| 　x  | 1   |', '| 规章 |'));
  });

  it('returns one small edit per changed row, never a whole line or span', () => {
    const text = lines('# 标题', '', '| a | b |', '| --- | --- |', '| 规章 | 1 |', '| 文件 | 2 |', '', '正文');
    const edits = formatMarkdownTables(ParsedDocument.parse(text, 'markdown'));
    const brief = (e: TextEdit) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText];
    assert.deepEqual(edits.map(brief), [
      [2, 4, 2, 7, '   | b  '],
      [3, 5, 3, 5, '-'],
      [4, 9, 4, 9, '  '],
      [5, 9, 5, 9, '  '],
    ]);
  });

  it('leaves a table alone when a cell holds a tab (no width to align it to)', () => {
    const text = lines('| a | b |', '| --- | --- |', '| x\ty | 1 |');
    assert.deepEqual(formatMarkdownTables(ParsedDocument.parse(text, 'markdown')), []);
  });
});


const FRAGMENTS = [
  '规章', '12', 'ab', '—', '　全角', '**规章**', '*斜体*', '__下划__', '[目录](http://x.cn/a)', '[链接][1]', '`代码`', '`a|b`', '``x`|`y``', 'a \\| b',
  '\\\\', '<b>粗</b>', '<span class="k">值</span>', '<!-- 注 -->', '![图](p.png)', '&amp;', '&#x4e00;', '😀', '（一）', '~~删~~', '<br>', '\\*', '`未闭合', 'x:', ':-',
];
const CONTAINERS: [string, string][] = [['', ''], ['  ', '  '], ['> ', '> '], ['>', '>'], ['- ', '  '], ['* ', '  '], ['1. ', '   '], ['> - ', '>   '], ['> > ', '> > ']];
const sp = (r: () => number) => ' '.repeat(Math.floor(r() * 3));

function randomCell(r: () => number, fragments = FRAGMENTS, apart = 0.3): string {
  const k = Math.floor(r() * 3);
  let s = '';
  for (let i = 0; i < k; i++) s += (i && r() < apart ? ' ' : '') + fragments[Math.floor(r() * fragments.length)];
  return s;
}

/** A random pipe table with markup in its cells, maybe in a container and with a caption under it. */
function randomTable(r: () => number): string {
  const [first, rest] = CONTAINERS[Math.floor(r() * CONTAINERS.length)];
  const n = 1 + Math.floor(r() * 4);
  const row = (cells: string[]) => `|${cells.map((c) => sp(r) + c + sp(r)).join('|')}|${r() < 0.2 ? '  ' : ''}`;
  const out = [first + row(Array.from({ length: n }, () => randomCell(r)))];
  out.push(rest + row(Array.from({ length: n }, () => { const d = '-'.repeat(1 + Math.floor(r() * 4)); return [d, ':' + d, d + ':', ':' + d + ':'][Math.floor(r() * 4)]; })));
  const body = Math.floor(r() * 5);
  for (let i = 0; i < body; i++) {
    const m = r() < 0.8 ? n : Math.max(1, n + (r() < 0.5 ? -1 : 1));
    out.push(rest + row(Array.from({ length: m }, () => randomCell(r))));
  }
  if (r() < 0.3) out.push(rest + ['注：单位为件', '（表格说明）', '数据来源：统计'][Math.floor(r() * 3)]);
  return out.join('\n');
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

describe('Format Document, property: only whitespace changes', () => {
  it('on every Markdown fixture and report skeleton', () => {
    const files = markdownFiles(join(ROOT, 'test', 'fixtures')).map((p) => p.slice(ROOT.length + 1));
    assert.ok(files.length >= 10);
    for (const f of files) checkFormatting(read(f), f);
    for (const year of [2020, 2024]) checkFormatting(skeleton(year, '某县某局', 'markdown'), `skeleton ${year}`);
  });

  const CASES = Number(process.env.NIANBAO_FORMAT_CASES ?? 0) || 400;
  it(`on ${CASES} random documents of tables with markup in cells`, () => {
    const r = rng(7);
    let formatted = 0;
    for (let k = 0; k < CASES; k++) {
      const parts = Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.2 ? '正文段落，**重点**。' : randomTable(r)));
      const text = parts.join('\n\n') + '\n';
      const out = checkFormatting(text, `case ${k}:\n${text}`);
      if (out !== text) formatted++;
    }
    assert.ok(formatted > CASES / 4, `${formatted} of ${CASES} documents were formatted`);
  });

  it('aligns rows to one display width when every row has the header\'s cells', () => {
    const r = rng(11);
    // Without unclosed backticks or fragments run together (backtick runs could pair across cells).
    const closed = FRAGMENTS.filter((f) => f !== '`未闭合');
    for (let k = 0; k < 100; k++) {
      const n = 1 + Math.floor(r() * 4);
      const row = () => `|${Array.from({ length: n }, () => ` ${randomCell(r, closed, 1)} `).join('|')}|`;
      const text = [row(), `|${' --- |'.repeat(n)}`, row(), row()].join('\n') + '\n';
      const out = checkFormatting(text, `case ${k}`);
      const widths = out.trimEnd().split('\n').map(displayWidth);
      // Only tables the formatter took on (a tab or a misread row leaves one alone).
      if (out !== text) assert.equal(new Set(widths).size, 1, `case ${k}:\n${out}`);
    }
  });
});

describe('Format Document on table 三 of the standard', () => {
  it('the 勾稽关系 note does not set the width of its column: the other rows size on their own', () => {
    for (const [what, text] of [['md/000.md', read('test/fixtures/md/000.md')], ['skeleton', skeleton(2024, '某县某局', 'markdown')]] as const) {
      const out = checkFormatting(text, what);
      const rows = out.split('\n').filter((l) => l.startsWith('|'));
      const head = rows.findIndex((l) => l.includes('勾稽关系'));
      assert.ok(head >= 0, what);
      const body = rows.slice(head + 2).filter((l) => /^\| (?:一、|二、|三、|四、|\(|（| )/.test(l)).slice(0, 25);
      // The first column's second pipe: the same place in every body row, and well left of the note's end.
      const at = (l: string) => displayWidth(l.slice(0, l.indexOf('|', 1)));
      assert.equal(new Set(body.map(at)).size, 1, `${what}:\n${body.join('\n')}`);
      assert.ok(at(body[0]) < displayWidth('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） '), `${what}: ${at(body[0])}`);
      assert.ok(rows[head].startsWith('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | '), `${what}: the note row is left unpadded in that cell`);
      // The delimiter row follows the body's widths.
      assert.equal(at(rows[head + 1]), at(body[0]), what);
    }
  });
});
