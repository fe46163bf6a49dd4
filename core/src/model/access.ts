import type { Cell, Paragraph, Report, Table3, TableRow } from './types';
import type { SectionKey } from './templates';
import { t2RowDef, t3ColumnLabel, t3RowLabel, t4ColumnLabel, type Label } from './labels';
import type { T2RowDef } from './templates';

/**
 * A cell as a count: a non-negative integer, or null when it is missing or not a count. A blank or a dash
 * (`/`, `—`, `无`) counts as 0: table-cell-blank says so once per table.
 */
export function countOf(cell: Cell | undefined): number | null {
  if (!cell) return null;
  if (cell.kind === 'blank' || cell.kind === 'dash') return 0;
  if (cell.kind !== 'number' || cell.value === null || cell.unit) return null;
  return Number.isInteger(cell.value) && cell.value >= 0 ? cell.value : null;
}

/**
 * The cell of a table-三 row in column `c`. A row with more or fewer values than the table is laid out for
 * is not read at all: its cells cannot be placed (table-column-count says so), and reading them from the
 * left would put them under the wrong columns.
 */
export function t3Cell(t: Table3, row: TableRow | undefined, c: number): Cell | undefined {
  if (!row || row.values.length !== t.expectedColumns) return undefined;
  return row.values[c];
}

export function t3Count(t: Table3, row: TableRow | undefined, c: number): number | null {
  return countOf(t3Cell(t, row, c));
}

/** A table-三 row's total: its 总计 cell, or the sum of the six applicant columns when the table has no 总计 column. */
export function t3Total(t: Table3, key: string): number | null {
  const row = t.byKey[key];
  if (!row) return null;
  if (t.hasTotalColumn) return row.values.length === 7 ? countOf(row.values[6]) : null;
  if (row.values.length !== 6) return null;
  let sum = 0;
  for (const c of row.values) {
    const v = countOf(c);
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** Table 四 value by index (0–14), when the row is complete. */
export function t4Count(row: TableRow | null | undefined, i: number): number | null {
  if (!row || row.values.length !== 15) return null;
  return countOf(row.values[i]);
}

/** False when a table-三 row's 总计 is not the sum of its six applicant columns (as far as they are known). */
export function t3RowConsistent(t: Table3, row: TableRow | undefined): boolean {
  if (!row || !t.hasTotalColumn || row.values.length !== 7) return true;
  let sum = 0;
  for (let c = 0; c < 6; c++) {
    const v = countOf(row.values[c]);
    if (v === null) return true;
    sum += v;
  }
  const total = countOf(row.values[6]);
  return total === null || total === sum;
}

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
