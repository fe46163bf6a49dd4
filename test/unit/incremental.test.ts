import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, it } from 'node:test';
import { analyze, checkDocument, ParsedDocument, type Range, type Report, type SourceFormat, subheadEnds } from '../../core/src/index';
import { lineIndexAt } from '../../core/src/text/lines';
import { read, SEED_FILES } from '../helpers';

/** Small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

function lineStarts(text: string): { starts: number[]; lengths: number[] } {
  const starts = [0];
  const lengths: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - starts[starts.length - 1]);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  lengths.push(text.length - starts[starts.length - 1]);
  return { starts, lengths };
}

const SNIPPETS = ['0', '7', '13', '\t', '\t0', ' ', '年', '2024 年', '报告', '一、总体情况', '\n', '\n\n', '\r\n', '\r', '|', '| 0 |', '#', '## ', '**', '`', '```', '<table>', '</table>', '<td rowspan="2">', '<!--', '-->', '（一）', '三、收到和处理政府信息公开申请情况', '\u3000', '\ufeff',
  // rows over several lines, blank cells, spans, page markers
  '三、本\n年度办\n', '结\n果\n', '\n- 2 -\n', '\t\t\t', '&nbsp;', '<td colspan="2">', '万元', '元'];

interface Corpus {
  lines: string[];
  tableChunks: string[];
}

function corpus(texts: string[]): Corpus {
  const lines = texts.flatMap((t) => t.split(/\r\n|\r|\n/)).filter((l) => l.trim());
  const tableChunks: string[] = [];
  for (const t of texts) {
    const ls = t.split(/\r\n|\r|\n/);
    for (let i = 0; i < ls.length; i++) {
      if (/\t|^\|/.test(ls[i]) && (i === 0 || !/\t|^\|/.test(ls[i - 1]))) {
        let j = i;
        while (j < ls.length && /\t|^\|/.test(ls[j])) j++;
        tableChunks.push(ls.slice(i, j).join('\n') + '\n');
      }
    }
  }
  return { lines, tableChunks };
}

/** One random edit: typing, deleting, pasting lines or tables, line-ending changes, blank lines in tables. */
function randomEdit(r: ReturnType<typeof rng>, text: string, c: Corpus): { range: Range; text: string } {
  const { starts, lengths } = lineStarts(text);
  const nl = starts.length;
  const at = () => {
    const line = r.int(nl);
    return { line, character: r.int(lengths[line] + 1) };
  };
  const kind = r.int(10);
  if (kind <= 2) {
    const p = at();
    return { range: { start: p, end: p }, text: r.pick(SNIPPETS) };
  }
  if (kind === 3) {
    const p = at();
    const len = 1 + r.int(30);
    const startOffset = starts[p.line] + p.character;
    const endOffset = Math.min(text.length, startOffset + len);
    const end = toPos(starts, lengths, text, endOffset);
    return { range: { start: p, end }, text: '' };
  }
  if (kind === 4) {
    const line = r.int(nl);
    const p = { line, character: 0 };
    return { range: { start: p, end: p }, text: r.pick(c.lines) + '\n' };
  }
  if (kind === 5) {
    const line = r.int(nl);
    const p = { line, character: 0 };
    return { range: { start: p, end: p }, text: r.pick(c.tableChunks) };
  }
  if (kind === 6) {
    // a blank line inside (or next to) a table row
    const rows = [];
    for (let i = 0; i < nl; i++) if (lengths[i] > 0 && /\t|\|/.test(text.slice(starts[i], starts[i] + lengths[i]))) rows.push(i);
    const line = rows.length ? r.pick(rows) : r.int(nl);
    const p = { line, character: r.next() < 0.5 ? 0 : lengths[line] };
    return { range: { start: p, end: p }, text: r.pick(['\n', '\r\n', '\n\n']) };
  }
  if (kind === 7) {
    // change one line ending
    const line = r.int(Math.max(1, nl - 1));
    if (line + 1 >= nl) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '' };
    return { range: { start: { line, character: lengths[line] }, end: { line: line + 1, character: 0 } }, text: r.pick(['\r\n', '\n', '\r', '\n\n', '']) };
  }
  if (kind === 8) {
    // delete whole lines
    const line = r.int(nl);
    const to = Math.min(nl - 1, line + 1 + r.int(4));
    return { range: { start: { line, character: 0 }, end: { line: to, character: 0 } }, text: '' };
  }
  // replace a digit
  const digits: number[] = [];
  for (let i = 0; i < text.length && digits.length < 400; i += 1 + r.int(7)) if (/\d/.test(text[i])) digits.push(i);
  const off = digits.length ? r.pick(digits) : r.int(text.length + 1);
  const s = toPos(starts, lengths, text, off);
  const e = toPos(starts, lengths, text, Math.min(text.length, off + 1));
  return { range: { start: s, end: e }, text: String(r.int(20)) };
}

function toPos(starts: number[], lengths: number[], _text: string, offset: number) {
  const line = lineIndexAt(starts, offset);
  return { line, character: Math.min(offset - starts[line], lengths[line]) };
}

/** Now and then an edit as a careless client sends it: its range reversed, or reaching past a line's or the text's end. */
function oddly(r: ReturnType<typeof rng>, edit: { range: Range; text: string }): { range: Range; text: string } {
  const x = r.next();
  const { start, end } = edit.range;
  if (x < 0.05) return { ...edit, range: { start: end, end: start } };
  if (x < 0.08) return { ...edit, range: { start, end: { line: end.line, character: end.character + 1 + r.int(20) } } };
  if (x < 0.1) {
    const past = { line: 10_000 + r.int(3), character: r.int(5) };
    return { ...edit, range: { start: past, end: past } };
  }
  return edit;
}


/** The report model as plain data (paragraphs and sub-heads compute their positions from their block). */
function reportSnapshot(report: Report): string {
  return JSON.stringify({
    ...report,
    paragraphs: report.paragraphs.map((p) => ({ text: p.text, base: p.base, section: p.section, opening: p.opening, line: p.line, endLine: p.endLine })),
    figures: report.figures.map((p) => report.paragraphs.indexOf(p)),
    subheads: report.subheads.map((s) => ({ text: s.text, range: s.range, line: s.line, endLine: s.endLine, section: s.section })),
    subheadEnds: subheadEnds(report),
  });
}

function snapshot(doc: ParsedDocument): string {
  return JSON.stringify(doc.blocks.map((b) => [b.start, b.end, b.key, b.items]));
}

function run(label: string, original: string, format: SourceFormat, edits: number, seed: number, c: Corpus): { reparsed: number; blocks: number } {
  const r = rng(seed);
  let text = original;
  let doc = ParsedDocument.parse(text, format);
  let reparsed = 0;
  let blocks = 0;
  // The reference parse splits the whole text afresh; the pure per-block parse is memoised to keep the run short.
  const memo = new Map<string, ReturnType<typeof ParsedDocument.parse>['blocks'][number]['items']>();
  for (let k = 0; k < edits; k++) {
    if (text.length > original.length * 3) {
      text = original;
      doc = ParsedDocument.parse(text, format);
    }
    const edit = oddly(r, randomEdit(r, text, c));
    // The reference is what the LSP library makes of the edit (reversed ranges start-first, positions past an end clamped).
    text = TextDocument.update(TextDocument.create('file:///x', 'plaintext', 0, text), [edit], 1).getText();
    doc.applyChange(edit);
    reparsed += doc.lastReparsed;
    blocks += doc.blocks.length;
    if (memo.size > 20_000) memo.clear();
    const full = ParsedDocument.parse(text, format, memo);
    if (doc.text !== text || snapshot(doc) !== snapshot(full)) {
      assert.equal(doc.text, text, `${label} edit #${k} (seed ${seed}): text differs after ${JSON.stringify(edit)}`);
      assert.equal(snapshot(doc), snapshot(full), `${label} edit #${k} (seed ${seed}): blocks differ after ${JSON.stringify(edit)}`);
    }
    // The report model is rebuilt after a varying number of edits, reusing what unchanged blocks gave before.
    if (k % 7 === 0 || r.next() < 0.2) {
      const a = reportSnapshot(analyze(doc));
      const b = reportSnapshot(analyze(full));
      if (a !== b) assert.equal(a, b, `${label} edit #${k} (seed ${seed}): report model differs after ${JSON.stringify(edit)}`);
    }
    if (k % 97 === 0) {
      assert.deepEqual(checkDocument(doc, { validate: 'always' }).diagnostics, checkDocument(full, { validate: 'always' }).diagnostics, `${label} edit #${k}: diagnostics differ`);
    }
  }
  return { reparsed, blocks };
}

const EDITS = Number(process.env.NIANBAO_EDITS ?? 0) || 10_000;

/** Reports with rows over several lines, blank cells, HTML spans and a PDF's line wraps and page markers. */
const SHAPES = [
  'test/fixtures/rules/table-row-missing/pass-label-lines.txt',
  'test/fixtures/rules/table-cell-blank/fail-blank-columns.txt',
  'test/fixtures/rules/table-cell-blank/fail-html-nbsp.md',
  'test/fixtures/rules/text-table-mismatch/fail-line-wrap.txt',
  'test/fixtures/rules/pass/pdf-wrapped.txt',
];

describe('incremental parsing equals a full parse', () => {
  const texts = [...SEED_FILES.flatMap((s) => [read(s.txt), read(s.md)]), ...SHAPES.map(read)];
  const c = corpus(texts);
  const docs = [
    ...SEED_FILES.flatMap((s) => [
      { label: s.txt, text: read(s.txt), format: 'text' as const },
      { label: s.md, text: read(s.md), format: 'markdown' as const },
    ]),
    ...SHAPES.map((f) => ({ label: f, text: read(f), format: f.endsWith('.md') ? ('markdown' as const) : ('text' as const) })),
  ];
  const per = Math.ceil(EDITS / docs.length);
  for (const [i, d] of docs.entries()) {
    it(`${d.label}: ${per} random edits`, () => {
      const { reparsed, blocks } = run(d.label, d.text, d.format, per, 1000 + i, c);
      // Re-parsing only what an edit touched: far fewer blocks than the document holds.
      assert.ok(reparsed < blocks / 5, `re-parsed ${reparsed} blocks of ${blocks} seen`);
    });
  }
  it('test/fixtures/formats/html/xian-page.html: a saved web page (one block: a page is re-read whole), 400 random edits', () => {
    run('xian-page.html', read('test/fixtures/formats/html/xian-page.html'), 'html', 400, 999, c);
  });
  it(`covers at least 10,000 edits in all (${per * docs.length})`, () => {
    assert.ok(per * docs.length >= 10_000);
  });
});

describe('the report model is rebuilt from what the edit touched', () => {
  // Seed 000 with its narrative repeated: many blocks of plain text before the tables.
  const seed = read(SEED_FILES[0].txt);
  const from = seed.indexOf('（一）主动公开');
  const to = seed.indexOf('二、主动公开政府信息情况');
  const text = seed.slice(0, to) + `${seed.slice(from, to).trimEnd()}\n\n`.repeat(400) + seed.slice(to);
  const lines = text.split('\n');
  const target = lines.findIndex((l, i) => i > lines.length / 2 && l.length > 60 && !l.includes('\t'));

  it('keeps the paragraphs and tables of unchanged blocks as the same objects', () => {
    const doc = ParsedDocument.parse(text, 'text');
    const before = analyze(doc);
    doc.applyChange({ range: { start: { line: target, character: 5 }, end: { line: target, character: 5 } }, text: '我' });
    const after = analyze(doc);
    const kept = new Set(before.paragraphs);
    const same = after.paragraphs.filter((p) => kept.has(p)).length;
    // Only the run of blocks around the edit is rebuilt (runs average 16 blocks and never exceed 256).
    assert.ok(after.paragraphs.length > 2000);
    assert.ok(same >= after.paragraphs.length * 0.85, `${same} of ${after.paragraphs.length} paragraphs reused`);
    assert.ok(!after.paragraphs.every((p) => kept.has(p)), 'the edited paragraph is new');
    assert.equal(after.t3, before.t3, 'table 三 reused');
    assert.equal(after.t4, before.t4, 'table 四 reused');
  });

  it('moves reused paragraphs, sub-heads and tables with the lines inserted above them', () => {
    const doc = ParsedDocument.parse(text, 'text');
    const before = analyze(doc);
    const lastLine = before.paragraphs[before.paragraphs.length - 1].line;
    const t3Line = before.t3!.range.start.line;
    doc.applyChange({ range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, text: '新增一段。\n\n' });
    const after = analyze(doc);
    assert.equal(after.paragraphs[after.paragraphs.length - 1].line, lastLine + 2);
    assert.equal(after.t3!.range.start.line, t3Line + 2);
    const full = analyze(ParsedDocument.parse(doc.text, 'text'));
    assert.equal(reportSnapshot(after), reportSnapshot(full));
  });
});

describe('rules that keep what they found per paragraph (placeholder-left)', () => {
  it('an edit that adds a placeholder is found, one elsewhere keeps it, one that removes it drops it', () => {
    const text = read('test/fixtures/cross-year/hekou-2024.txt');
    const doc = ParsedDocument.parse(text, 'text');
    const left = () => checkDocument(doc).diagnostics.filter((d) => d.code === 'placeholder-left').map((d) => `${d.range.start.line}:${d.range.start.character}`);
    assert.deepEqual(left(), []);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.length > 40 && /^[\u4e00-\u9fff]/.test(l) && !l.includes('\t'));
    const other = lines.findIndex((l, i) => i > line + 3 && l.length > 40 && /^[\u4e00-\u9fff]/.test(l) && !l.includes('\t'));
    assert.ok(line > 0 && other > line);
    doc.applyChange({ range: { start: { line, character: 4 }, end: { line, character: 4 } }, text: 'XX县' });
    assert.deepEqual(left(), [`${line}:4`]);
    doc.applyChange({ range: { start: { line: other, character: 2 }, end: { line: other, character: 2 } }, text: '年' });
    assert.deepEqual(left(), [`${line}:4`]);
    doc.applyChange({ range: { start: { line, character: 4 }, end: { line, character: 7 } }, text: '' });
    assert.deepEqual(left(), []);
    assert.deepEqual(checkDocument(doc).diagnostics, checkDocument(ParsedDocument.parse(doc.text, 'text')).diagnostics);
  });
});
