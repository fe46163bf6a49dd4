import type { Cell, Paragraph, Report, Table3, TableRow } from './types';
import type { SectionKey } from './templates';

/** A cell as a count: a non-negative integer, or null when it is missing or not a count. */
export function countOf(cell: Cell | undefined): number | null {
  if (!cell || cell.kind !== 'number' || cell.value === null) return null;
  return Number.isInteger(cell.value) && cell.value >= 0 ? cell.value : null;
}

/**
 * The cell of a table-三 row in column `c`. A row with fewer values than the table is laid out for is
 * read from the left (the missing cells are the last ones); a row with more is not read at all.
 */
export function t3Cell(t: Table3, row: TableRow | undefined, c: number): Cell | undefined {
  if (!row) return undefined;
  if (row.values.length > t.expectedColumns) return undefined;
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
