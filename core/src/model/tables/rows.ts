// A table's lines as rows: label cells and value slots, rows whose label comes over several lines, and the
// values placed on the table's grid. Shared by the readers of tables 二, 三 and 四.
import type { Range } from '../../types';
import { leadingNumber, normalizeLabel } from '../../text/normalize';
import type { Cell, TableRow } from '../types';

/** One line of a table region as read: its cells (a caption or a wrapped label is one text cell). */
export interface RawRow {
  cells: Cell[];
  line: number;
}

export interface LabelPart {
  text: string;
  range: Range;
}

/** The label cells of each row, with their ranges, and the line's cells (kept beside the rows, not in the model). */
export type Parts = Map<TableRow, { labels: LabelPart[]; cells: Cell[] }>;

export const isValue = (c: Cell) => c.kind === 'number' || c.kind === 'dash';

/**
 * Splits a line into label cells and value slots. Slots run from the cell after the last label (text)
 * cell that precedes the first number or dash, to the end of the line: blank cells are slots, so a row
 * keeps its width (`14\t\t\t\t\t\t` has 7 slots). A line with text and only blank cells after it keeps
 * those as `blankSlots` (a wholly blank data row, or a header). Grid slots covered by an HTML colspan are
 * not slots: a value written across two grid columns is one value.
 */
export function splitRow(raw: RawRow, parts: Parts): TableRow {
  const cells = raw.cells.some((c) => c.covered === 'col') ? raw.cells.filter((c) => c.covered !== 'col') : raw.cells;
  const first = cells.findIndex(isValue);
  let lastLabel = -1;
  for (let i = (first < 0 ? cells.length : first) - 1; i >= 0; i--) {
    if (cells[i].kind === 'text') {
      lastLabel = i;
      break;
    }
  }
  const labels = cells.slice(0, lastLabel + 1).filter((c) => c.kind !== 'blank');
  const slots = cells.slice(lastLabel + 1);
  let last = cells.length - 1;
  while (last > 0 && cells[last].kind === 'blank') last--;
  const rowStart = cells.length ? cells[0].range.start : { line: raw.line, character: 0 };
  const rowEnd = cells.length ? cells[Math.max(0, last)].range.end : rowStart;
  const row: TableRow = {
    key: null,
    label: labels.map((c) => c.raw).join(' '),
    labelCells: labels.map((c) => c.raw),
    labelRange: labels.length ? { start: labels[0].range.start, end: labels[labels.length - 1].range.end } : null,
    itemLabel: labels.length ? { text: labels[labels.length - 1].raw, range: labels[labels.length - 1].range } : null,
    values: first < 0 ? [] : slots,
    line: raw.line,
    range: { start: rowStart, end: rowEnd },
  };
  if (first < 0 && slots.length) row.blankSlots = slots;
  parts.set(row, { labels: labels.map((c) => ({ text: c.raw, range: c.range })), cells });
  return row;
}

/**
 * Places the values of a table's data rows. Extraction leaves blank cells around a row's values that are
 * not values: a merged label's filler before them, a tab at the line's end after them. How many depends on
 * the row's shape (where its label starts and how many label cells it has), so the full rows of each shape
 * teach how many blanks to drop before and after; a row of a shape no full row has keeps its slots up to
 * the table's width (trailing blanks dropped first).
 */
export function alignValues(rows: TableRow[], parts: Parts, width: number): void {
  const shapeOf = (row: TableRow) => {
    const cells = parts.get(row)?.cells ?? [];
    const first = cells.findIndex((c) => c.kind === 'text');
    return `${first}:${row.labelCells.length}`;
  };
  const edges = (v: Cell[]) => {
    let lead = 0;
    while (lead < v.length && v[lead].kind === 'blank') lead++;
    let trail = 0;
    while (trail < v.length - lead && v[v.length - 1 - trail].kind === 'blank') trail++;
    return { lead, trail };
  };
  const votes = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const v = row.values;
    if (v.length < width) continue;
    const { lead, trail } = v.length === width ? { lead: 0, trail: 0 } : edges(v);
    if (v.length - lead - trail !== width) continue;
    const shape = shapeOf(row);
    const m = votes.get(shape) ?? new Map<string, number>();
    m.set(`${lead}:${trail}`, (m.get(`${lead}:${trail}`) ?? 0) + 1);
    votes.set(shape, m);
  }
  // When (nearly) every line has the same number of cells, as a PDF's ruled grid gives, a line with fewer lost
  // cells: a blank at its end is then the line's end, not a value (one missing tab is one short row, not a blank
  // 总计 that every identity would then trip over).
  const widths = new Map<number, number>();
  for (const row of rows) {
    const n = parts.get(row)?.cells.length ?? 0;
    widths.set(n, (widths.get(n) ?? 0) + 1);
  }
  let grid = 0;
  for (const [n, count] of widths) if (count >= rows.length * 0.6 && rows.length >= 5) grid = n;
  const short = (row: TableRow) => {
    const lost = grid - (parts.get(row)?.cells.length ?? grid);
    if (lost <= 0) return;
    let v = row.values;
    while (v.length > width - lost && v.length > 0 && v[v.length - 1].kind === 'blank') v = v.slice(0, -1);
    // A merged label's filler before the values, now that the line is known to be short.
    while (v.length > width - lost && v.length > 0 && v[0].kind === 'blank') v = v.slice(1);
    row.values = v;
  };
  for (const row of rows) {
    const m = votes.get(shapeOf(row));
    let pattern: string | null = null;
    let best = 0;
    for (const [p, n] of m ?? []) if (n > best) [pattern, best] = [p, n];
    if (pattern && row.values.length !== width) {
      const [lead, trail] = pattern.split(':').map(Number);
      const v = row.values;
      const e = edges(v);
      if (e.lead >= lead && e.trail >= trail && v.length > lead + trail && v.length - lead - trail <= width) {
        row.values = v.slice(lead, v.length - trail);
        short(row);
        continue;
      }
    }
    row.values = fitSlots(row.values, width);
    short(row);
  }
}

/** Drops blank slots beyond `width`: trailing ones first (trailing tabs), then leading ones (merged label columns). */
export function fitSlots(values: Cell[], width: number): Cell[] {
  let a = 0;
  let b = values.length;
  while (b - a > width && values[b - 1].kind === 'blank') b--;
  while (b - a > width && values[a].kind === 'blank') a++;
  return a === 0 && b === values.length ? values : values.slice(a, b);
}

/**
 * A row whose label arrived over several lines (cells written as several paragraphs, a wrapped long label):
 * the label lines before it become its label. A cell split across lines is joined back (`三、本` + `年度办` +
 * `理结果`) unless the line before ends with a complete label or the next starts with a numbering.
 */
export function withLabelLines(lines: TableRow[], row: TableRow, parts: Parts, complete: (text: string) => boolean): TableRow {
  const merged: LabelPart[] = [];
  for (const r of [...lines, row]) {
    const own = parts.get(r)?.labels ?? [];
    for (let k = 0; k < own.length; k++) {
      const part = own[k];
      const prev = merged[merged.length - 1];
      if (k === 0 && prev && !complete(prev.text) && !complete(part.text) && !leadingNumber(normalizeLabel(part.text))) {
        merged[merged.length - 1] = { text: prev.text + part.text, range: { start: prev.range.start, end: part.range.end } };
      } else merged.push(part);
    }
  }
  if (merged.length === 0) return row;
  const start = lines[0].range.start;
  const out: TableRow = {
    ...row,
    label: merged.map((p) => p.text).join(' '),
    labelCells: merged.map((p) => p.text),
    labelRange: { start: merged[0].range.start, end: merged[merged.length - 1].range.end },
    itemLabel: merged[merged.length - 1],
    range: { start, end: row.range.end },
  };
  parts.set(out, { labels: merged, cells: parts.get(row)?.cells ?? [] });
  return out;
}
