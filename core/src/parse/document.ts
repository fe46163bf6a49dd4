import { wellFormed, type Range, type SourceFormat } from '../types';
import { formatById, type InputFormat } from '../formats/index';
import { isBlank } from '../text/lines';
import type { Block, Item } from './items';

function parseBlock(lines: readonly string[], start: number, end: number, format: SourceFormat, cache?: Map<string, Item[]>): Block {
  const slice = lines.slice(start, end);
  const key = slice.join('\n');
  let items = cache?.get(key);
  if (!items) {
    items = formatById(format).parseBlock(slice);
    cache?.set(key, items);
  }
  return { start, end, key, items, model: undefined };
}

function splitEols(text: string): { lines: string[]; eols: string[] } {
  const lines: string[] = [];
  const eols: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push(text.slice(start, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        eols.push('\r\n');
        i++;
      } else eols.push(c === 13 ? '\r' : '\n');
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  eols.push('');
  return { lines, eols };
}

export interface TextChange {
  range: Range;
  text: string;
}

/**
 * A document split into blocks. `applyChange` re-splits and re-parses only the blocks around an edit
 * and reuses every other block, so the result always equals a fresh parse of the same text.
 */
export class ParsedDocument {
  lines: string[];
  private eols: string[];
  blocks: Block[];
  /** Blocks re-parsed by the last change (for tests and benchmarks). */
  lastReparsed = 0;

  private constructor(readonly format: SourceFormat, lines: string[], eols: string[]) {
    this.lines = lines;
    this.eols = eols;
    this.blocks = [];
  }

  /** `memo` (block text → items) may be shared between parses; block parsing is a pure function of the block. */
  static parse(text: string, format: SourceFormat, memo?: Map<string, Item[]>): ParsedDocument {
    const { lines, eols } = splitEols(text);
    const doc = new ParsedDocument(format, lines, eols);
    doc.blocks = doc.splitFrom(0, Infinity, null, memo).blocks;
    doc.lastReparsed = doc.blocks.length;
    return doc;
  }

  /** The format's own behaviour (block splitting, tables, headings, cell edits). */
  get syntax(): InputFormat {
    return formatById(this.format);
  }

  /** The document's line ending (its first one; \n when it has none). */
  get eol(): string {
    for (const e of this.eols) if (e) return e;
    return '\n';
  }

  get text(): string {
    let s = '';
    for (let i = 0; i < this.lines.length; i++) s += this.lines[i] + this.eols[i];
    return s;
  }

  /**
   * Splits from line `from` (which must start a block or be blank) until past `dirtyEnd`, stopping as
   * soon as a block starts where one of `old` (already shifted) starts: from there on the old blocks are valid.
   */
  private splitFrom(from: number, dirtyEnd: number, old: { blocks: Block[]; index: number } | null, cache?: Map<string, Item[]>) {
    const out: Block[] = [];
    const lines = this.lines;
    let i = from;
    let oi = old ? old.index : 0;
    for (;;) {
      while (i < lines.length && isBlank(lines[i])) i++;
      if (old && i >= dirtyEnd) {
        while (oi < old.blocks.length && old.blocks[oi].start < i) oi++;
        if (oi < old.blocks.length && old.blocks[oi].start === i) return { blocks: out, resume: oi };
        if (oi >= old.blocks.length && i >= lines.length) return { blocks: out, resume: oi };
      }
      if (i >= lines.length) return { blocks: out, resume: old ? old.blocks.length : 0 };
      const end = formatById(this.format).blockEnd(lines, i);
      out.push(parseBlock(lines, i, end, this.format, cache));
      i = end;
    }
  }

  /** A range as lines and columns inside the text: reversed ranges start-first, positions past an end clamped (as editors do). */
  private clamp(r: Range): { sl: number; sc: number; el: number; ec: number } {
    const { start, end } = wellFormed(r);
    const nLines = this.lines.length;
    const sl = Math.min(Math.max(0, start.line), nLines - 1);
    const el = Math.min(Math.max(0, end.line), nLines - 1);
    const sc = Math.min(Math.max(0, start.line > nLines - 1 ? this.lines[sl].length : start.character), this.lines[sl].length);
    const ec = Math.min(Math.max(0, end.line > nLines - 1 ? this.lines[el].length : end.character), this.lines[el].length);
    return { sl, sc, el, ec };
  }

  /** The text a change of `range` replaces. */
  textIn(range: Range): string {
    const { sl, sc, el, ec } = this.clamp(range);
    if (sl === el) return this.lines[sl].slice(sc, ec);
    let s = this.lines[sl].slice(sc) + this.eols[sl];
    for (let i = sl + 1; i < el; i++) s += this.lines[i] + this.eols[i];
    return s + this.lines[el].slice(0, ec);
  }

  applyChange(change: TextChange): void {
    const clamped = this.clamp(change.range);
    let sl = clamped.sl;
    const { sc, el, ec } = clamped;
    let region = this.lines[sl].slice(0, sc) + change.text + this.lines[el].slice(ec) + this.eols[el];
    // A lone \r before the region and a \n at its start become one line break.
    if (sl > 0 && this.eols[sl - 1] === '\r' && region.charCodeAt(0) === 10) {
      sl--;
      region = this.lines[sl] + '\r' + region;
    }
    const parts = splitEols(region);
    if (this.eols[el] !== '') {
      parts.lines.pop();
      parts.eols.pop();
    }
    const oldCount = el - sl + 1;
    const delta = parts.lines.length - oldCount;
    this.lines.splice(sl, oldCount, ...parts.lines);
    this.eols.splice(sl, oldCount, ...parts.eols);
    if (this.lines.length === 0) {
      this.lines.push('');
      this.eols.push('');
    }

    // Blocks: keep those ending before the edit (and the one just before it, which an edit may extend).
    const blocks = this.blocks;
    let first = 0;
    while (first < blocks.length && blocks[first].start < sl) first++;
    first = Math.max(0, first - 1);
    let after = first;
    while (after < blocks.length && blocks[after].start <= el) after++;
    const cache = new Map<string, Item[]>();
    for (let k = first; k < after; k++) cache.set(blocks[k].key, blocks[k].items);
    const tail = blocks.slice(after);
    for (const b of tail) {
      b.start += delta;
      b.end += delta;
    }
    const from = first < blocks.length ? Math.min(blocks[first].start, sl) : sl;
    const dirtyEnd = sl + parts.lines.length;
    const reusable = new Set(cache.keys());
    const { blocks: fresh, resume } = this.splitFrom(from, dirtyEnd, { blocks: tail, index: 0 }, cache);
    this.lastReparsed = fresh.filter((b) => !reusable.has(b.key)).length;
    this.blocks = blocks.slice(0, first).concat(fresh, tail.slice(resume));
  }
}
