import type { Position, Range } from '../types';
import { countOf } from './tables/api';
import type { Cell, Paragraph, Report, TableRow } from './types';
import type { SectionKey } from './templates';
import { t2RowDef, t3ColumnLabel, t3RowLabel, t4ColumnLabel, type Label } from './labels';
import type { T2RowDef } from './templates';

export { countOf };

/** Index of the first item starting after `line` (items are in document order). */
export function firstAfter(items: readonly { readonly line: number }[], line: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The paragraphs of every section `key` (found by position: the cost follows the section, not the report). */
export function sectionParagraphs(report: Report, key: SectionKey): Paragraph[] {
  const out: Paragraph[] = [];
  const { paragraphs } = report;
  for (const s of report.sections) {
    if (s.key !== key) continue;
    for (let k = firstAfter(paragraphs, s.headingRange.start.line); k < paragraphs.length && paragraphs[k].line <= s.range.end.line; k++) {
      if (paragraphs[k].section === key) out.push(paragraphs[k]);
    }
  }
  return out;
}

export interface ValueCell {
  table: 't2' | 't3' | 't4';
  row: TableRow;
  cell: Cell;
  /** Index of the value in its row. */
  col: number;
  /** Table 二: the row's definition in its block's format. */
  def?: T2RowDef;
}

const valueCache = new WeakMap<Report, { table: ValueCell['table']; cells: ValueCell[] }[]>();

/** Every value cell of tables 二, 三 and 四 that can be placed under its column, in document order per table (computed once per report). */
export function valueCells(report: Report): { table: ValueCell['table']; cells: ValueCell[] }[] {
  let out = valueCache.get(report);
  if (!out) valueCache.set(report, (out = collectValueCells(report)));
  return out;
}

function collectValueCells(report: Report): { table: ValueCell['table']; cells: ValueCell[] }[] {
  const out: { table: ValueCell['table']; cells: ValueCell[] }[] = [];
  const { t2, t3, t4 } = report;
  if (t2) {
    const cells: ValueCell[] = [];
    for (const row of t2.rows) {
      if (!row.key) continue;
      const def = t2RowDef(row.form ?? t2.template, row.key);
      if (!def || row.values.length > def.columns.length) continue;
      for (let c = 0; c < row.values.length; c++) cells.push({ table: 't2', row, cell: row.values[c], col: c, def });
    }
    out.push({ table: 't2', cells });
  }
  if (t3) {
    const cells: ValueCell[] = [];
    for (const row of t3.rows) {
      if (!row.key || row.values.length > t3.expectedColumns) continue;
      for (let c = 0; c < row.values.length; c++) cells.push({ table: 't3', row, cell: row.values[c], col: c });
    }
    out.push({ table: 't3', cells });
  }
  if (t4?.data && t4.data.values.length <= 15) {
    const row = t4.data;
    out.push({ table: 't4', cells: row.values.map((cell, col) => ({ table: 't4' as const, row, cell, col })) });
  }
  return out;
}

const FIGURES: Label = { zh: '数据', en: 'figures' };

/** The row a value cell is in, as a reader names it. */
export function valueRowLabel(v: ValueCell): Label {
  return v.table === 't2' ? v.def! : v.table === 't3' ? t3RowLabel(v.row.key!) : FIGURES;
}

/** The column a value cell is in (table 三 without a 总计 column has six). */
export function valueColumnLabel(report: Report, v: ValueCell): Label {
  if (v.table === 't2') return v.def!.columns[v.col];
  if (v.table === 't4') return t4ColumnLabel(v.col);
  return t3ColumnLabel(report.t3?.hasTotalColumn ? v.col : Math.min(v.col, 5));
}

/** What a value cell's column takes besides counts. */
export function valueAllows(v: ValueCell): { decimal?: boolean; signed?: boolean } {
  const col = v.def?.columns[v.col];
  return col ? { decimal: col.decimal, signed: col.signed } : {};
}

export const TABLE_NAMES: Record<ValueCell['table'], Label> = {
  t2: { zh: '表二', en: 'Table 2' },
  t3: { zh: '表三', en: 'Table 3' },
  t4: { zh: '表四', en: 'Table 4' },
};

/** The span of a row's values (its whole range when it has none). */
export function valuesSpan(row: TableRow): Range {
  return row.values.length ? { start: row.values[0].range.start, end: row.values[row.values.length - 1].range.end } : row.range;
}

/** Where a row's last value ends (a cell added after it goes there). */
export function lastValueEnd(row: TableRow): Position | null {
  return row.values.length ? row.values[row.values.length - 1].range.end : null;
}

/** The sum of a row's values as counts (NaN when one is not a count). */
export function valuesSum(row: TableRow): number {
  return row.values.reduce((a, c) => a + (countOf(c) ?? NaN), 0);
}
