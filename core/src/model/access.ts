import type { Cell, Paragraph, Report, Table3, TableRow } from './types';
import type { SectionKey } from './templates';
import { t2RowDef, t3ColumnLabel, t3RowLabel, t4ColumnLabel, type Label } from './labels';

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
  rowLabel: () => Label;
  column: () => Label;
  /** What the column takes besides counts. */
  allow: { decimal?: boolean; signed?: boolean };
}

/** Every value cell of tables 二, 三 and 四 that can be placed under its column, in document order per table. */
export function valueCells(report: Report): { table: ValueCell['table']; cells: ValueCell[] }[] {
  const out: { table: ValueCell['table']; cells: ValueCell[] }[] = [];
  const { t2, t3, t4 } = report;
  if (t2) {
    const cells: ValueCell[] = [];
    for (const row of t2.rows) {
      if (!row.key) continue;
      const def = t2RowDef(row.form ?? t2.template, row.key);
      if (!def || row.values.length > def.columns.length) continue;
      row.values.forEach((cell, c) => {
        const col = def.columns[c];
        cells.push({ table: 't2', row, cell, rowLabel: () => def, column: () => col, allow: { decimal: col.decimal, signed: col.signed } });
      });
    }
    out.push({ table: 't2', cells });
  }
  if (t3) {
    const cells: ValueCell[] = [];
    for (const row of t3.rows) {
      if (!row.key || row.values.length > t3.expectedColumns) continue;
      row.values.forEach((cell, c) => cells.push({ table: 't3', row, cell, rowLabel: () => t3RowLabel(row.key!), column: () => t3ColumnLabel(t3.hasTotalColumn ? c : Math.min(c, 5)), allow: {} }));
    }
    out.push({ table: 't3', cells });
  }
  if (t4?.data && t4.data.values.length <= 15) {
    const row = t4.data;
    out.push({ table: 't4', cells: row.values.map((cell, i) => ({ table: 't4', row, cell, rowLabel: () => ({ zh: '数据', en: 'figures' }), column: () => t4ColumnLabel(i), allow: {} })) });
  }
  return out;
}

export const TABLE_NAMES: Record<ValueCell['table'], Label> = {
  t2: { zh: '表二', en: 'Table 2' },
  t3: { zh: '表三', en: 'Table 3' },
  t4: { zh: '表四', en: 'Table 4' },
};
