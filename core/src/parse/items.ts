/**
 * Block items: what one block of source says, with positions relative to the block's first line.
 * Text and Markdown sources are both reduced to these, so the report model is built the same way.
 */

/** Maps a run of `length` characters of extracted text, from `offset`, to one source line. */
export interface Seg {
  offset: number;
  line: number;
  character: number;
  length: number;
}

/** Text as read (inline markup removed), with a map back to the source. */
export interface MappedText {
  text: string;
  segs: Seg[];
}

export interface CellItem {
  /** Cell text, trimmed, markup removed. */
  text: string;
  line: number;
  start: number;
  end: number;
  /** An HTML grid slot covered by a merged cell to its left ('col') or above ('row'): it holds nothing of its own. */
  covered?: 'col' | 'row';
}

export type Item =
  | { kind: 'heading'; depth: number; text: MappedText; line: number; endLine: number }
  | { kind: 'para'; text: MappedText; line: number; endLine: number }
  | { kind: 'row'; cells: CellItem[]; line: number; html?: boolean }
  | { kind: 'tableEnd'; line: number }
  | { kind: 'comment'; text: string; line: number; endLine: number }
  | { kind: 'other'; line: number; endLine: number; page?: boolean };

/** A block: a run of lines between blank lines (Markdown fences and HTML tables may span blank lines). */
export interface Block {
  start: number;
  end: number;
  key: string;
  items: Item[];
  /** The report builder's work on this block (model/incremental.ts), kept while the block lives; the parser sets none. */
  model: unknown;
}

export function plainText(text: string, line: number, character: number): MappedText {
  return { text, segs: text.length ? [{ offset: 0, line, character, length: text.length }] : [] };
}

/** Appends `b` to `a`, separated by `sep` (which maps nowhere). */
export function joinMapped(a: MappedText, b: MappedText, sep = ''): MappedText {
  const base = a.text.length + sep.length;
  return {
    text: a.text + sep + b.text,
    segs: a.segs.concat(b.segs.map((s) => ({ ...s, offset: s.offset + base }))),
  };
}

/** Source position of a text offset (the end of a range may pass `end: true` to map to a segment's end). */
export function mapOffset(m: MappedText, offset: number, end = false): { line: number; character: number } {
  const segs = m.segs;
  if (segs.length === 0) return { line: 0, character: 0 };
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].offset <= offset - (end ? 1 : 0)) lo = mid;
    else hi = mid - 1;
  }
  const s = segs[lo];
  const d = Math.max(0, Math.min(offset - s.offset, s.length));
  return { line: s.line, character: s.character + d };
}
