import type { Cell, Table3, TableRow } from './types';

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

/** Number of applicant columns with data (总计 excluded). */
export function t3ApplicantColumns(t: Table3): number {
  return 6 + (t.hasTotalColumn ? 0 : 0);
}
