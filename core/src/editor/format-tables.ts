import type { TextEdit } from '../edits/edit';
import type { ParsedDocument } from '../parse/document';
import type { CellItem } from '../parse/items';
import { displayWidth } from './width';

// Format Document changes whitespace only: cells are padded from their source text between the pipes
// (markup, escapes and code spans kept as written), each row keeps its container prefix (indentation, `>`,
// list markers), and only the delimiter row's dashes may grow or shrink. Anything else is left alone.

type Align = 'left' | 'right' | 'center' | 'none';

function alignOf(cell: string): Align {
  const l = cell.startsWith(':');
  const r = cell.endsWith(':');
  return l && r ? 'center' : r ? 'right' : l ? 'left' : 'none';
}

function pad(text: string, width: number, align: Align): string {
  const gap = Math.max(0, width - displayWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(gap >> 1) + text + ' '.repeat(gap - (gap >> 1));
  return text + ' '.repeat(gap);
}

function delimiter(width: number, align: Align): string {
  const w = Math.max(3, width);
  if (align === 'center') return ':' + '-'.repeat(w - 2) + ':';
  if (align === 'right') return '-'.repeat(w - 1) + ':';
  if (align === 'left') return ':' + '-'.repeat(w - 1);
  return '-'.repeat(w);
}

const isSpace = (c: number) => c === 0x20 || c === 0x09;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** Positions of a line's cell pipes: not escaped, not inside a code span. */
function pipesOf(line: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      if (i + 1 < line.length && ASCII_PUNCT.test(line[i + 1])) i++;
    } else if (c === '`') {
      let n = 1;
      while (line[i + n] === '`') n++;
      // A code span runs to the next backtick run of the same length; an unclosed run is literal.
      let j = i + n;
      let close = -1;
      while (j < line.length) {
        if (line[j] !== '`') { j++; continue; }
        let m = 1;
        while (line[j + m] === '`') m++;
        if (m === n) { close = j; break; }
        j += m;
      }
      i = close >= 0 ? close + n - 1 : i + n - 1;
    } else if (c === '|') at.push(i);
  }
  return at;
}

/** What may stand before a table's first row: indentation, `>` and list markers. */
const HEADER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*$/;
/** Before its other rows: only indentation and `>`. */
const ROW_PREFIX = /^[ \t>]*$/;
const DELIMITER_CELL = /^:?-+:?$/;

interface SourceRow {
  line: number;
  /** Everything before the leading pipe, kept as is. */
  prefix: string;
  /** Column of the leading pipe. */
  from: number;
  /** Cell sources, trimmed of spaces and tabs only. */
  cells: string[];
  /** Where each cell's pipes are: [left pipe, right pipe]. */
  spans: [number, number][];
}

/** A line read as a pipe row with leading and trailing pipes; null if it is not one, 'unsafe' if it cannot be aligned. */
function sourceRow(line: string, index: number, prefixRule: RegExp): SourceRow | 'unsafe' | null {
  const at = pipesOf(line);
  if (at.length < 2) return null;
  let end = line.length;
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  if (at[at.length - 1] !== end - 1) return null;
  const prefix = line.slice(0, at[0]);
  if (!prefixRule.test(prefix)) return null;
  const cells: string[] = [];
  const spans: [number, number][] = [];
  for (let k = 0; k + 1 < at.length; k++) {
    let a = at[k] + 1;
    let b = at[k + 1];
    while (a < b && isSpace(line.charCodeAt(a))) a++;
    while (b > a && isSpace(line.charCodeAt(b - 1))) b--;
    const cell = line.slice(a, b);
    if (cell.includes('\t')) return 'unsafe'; // no width to align a tab to
    cells.push(cell);
    spans.push([at[k], at[k + 1]]);
  }
  return { line: index, prefix, from: at[0], cells, spans };
}

/** The parser's cells all lie inside the cells read from source (else this reading is not the parser's). */
function agrees(row: SourceRow, parsed: readonly CellItem[], rel: number): boolean {
  return parsed.every((c) => c.covered || c.text === '' || (c.line === rel && row.spans.some(([l, r]) => l < c.start && c.end <= r)));
}

/**
 * Aligns every GFM pipe table of a Markdown document, counting CJK characters as two columns.
 * Edits change only spaces (and the delimiter row's dashes); there is at most one edit per row.
 */
export function formatMarkdownTables(doc: ParsedDocument): TextEdit[] {
  if (!doc.syntax.pipeTables) return [];
  const edits: TextEdit[] = [];
  for (const block of doc.blocks) {
    let rows: { line: number; cells: CellItem[] }[] = [];
    const flush = () => {
      if (rows.length) edits.push(...formatTable(doc, block.start, rows));
      rows = [];
    };
    for (const item of block.items) {
      if (item.kind === 'row' && !item.html) rows.push({ line: item.line, cells: item.cells });
      else if (item.kind === 'tableEnd') flush();
    }
    flush();
  }
  return edits;
}

const NOTE_MIN_WIDTH = 24;

/**
 * A note in a cell, as the standard's 表三 has over its label columns (`（本列数据的勾稽关系为：…）`): in brackets and
 * more than twice as wide as any other cell of its column. Padding every row to it would make the column unreadable.
 */
function isNote(rows: readonly SourceRow[], row: SourceRow, c: number): boolean {
  const text = row.cells[c];
  if (!/^[（(][^]*[）)]$/.test(text)) return false;
  const w = displayWidth(text);
  if (w < NOTE_MIN_WIDTH) return false;
  const others = rows.filter((r) => r !== row && c < r.cells.length).map((r) => displayWidth(r.cells[c]));
  return others.length > 0 && w > 2 * Math.max(...others);
}

function formatTable(doc: ParsedDocument, base: number, parsed: { line: number; cells: CellItem[] }[]): TextEdit[] {
  const header = parsed[0];
  const lineAt = (rel: number) => doc.lines[base + rel] ?? '';
  const head = sourceRow(lineAt(header.line), header.line, HEADER_PREFIX);
  const delim = sourceRow(lineAt(header.line + 1), header.line + 1, ROW_PREFIX);
  if (!head || !delim || head === 'unsafe' || delim === 'unsafe' || !agrees(head, header.cells, header.line)) return [];
  const n = head.cells.length;
  if (delim.cells.length !== n || !delim.cells.every((c) => DELIMITER_CELL.test(c))) return [];
  // Body rows: the parser's rows on the lines that follow, up to the first that is not a pipe row
  // (a caption or note right under a table is left as written).
  const body: SourceRow[] = [];
  for (let i = 1; i < parsed.length; i++) {
    const p = parsed[i];
    if (p.line !== header.line + 1 + i) break;
    const row = sourceRow(lineAt(p.line), p.line, ROW_PREFIX);
    if (!row) break;
    if (row === 'unsafe' || !agrees(row, p.cells, p.line)) return [];
    body.push(row);
  }
  const aligns = delim.cells.map(alignOf);
  const rows = [head, ...body];
  const notes = rows.map((r) => r.cells.map((_, c) => c < n && isNote(rows, r, c)));
  const widths = Array.from({ length: n }, (_, c) => Math.max(3, ...rows.map((r, k) => (c < r.cells.length && !notes[k][c] ? displayWidth(r.cells[c]) : 0))));
  // Cells past the header's count (GFM ignores them) are kept, unpadded; so is a note (it would widen its column).
  const render = (cells: string[], k: number) =>
    `| ${cells.map((c, i) => (i < n && !notes[k][i] ? pad(c, widths[i], aligns[i] === 'none' ? 'left' : aligns[i]) : c)).join(' | ')} |`;
  const out: TextEdit[] = [];
  const replace = (row: SourceRow, text: string) => {
    const old = lineAt(row.line);
    const next = row.prefix + text;
    if (old === next) return;
    // Only the changed run of the row.
    let a = row.from;
    while (a < old.length && a < next.length && old[a] === next[a]) a++;
    let b = old.length;
    let c = next.length;
    while (b > a && c > a && old[b - 1] === next[c - 1]) { b--; c--; }
    out.push({ range: { start: { line: base + row.line, character: a }, end: { line: base + row.line, character: b } }, newText: next.slice(a, c) });
  };
  replace(head, render(head.cells, 0));
  replace(delim, `| ${widths.map((w, i) => delimiter(w, aligns[i])).join(' | ')} |`);
  body.forEach((r, k) => replace(r, render(r.cells, k + 1)));
  return out;
}
