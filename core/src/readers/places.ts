// Where a line of extracted text came from in the original file, so that a problem names its page (PDF) or
// its paragraph or table cell (Word). Diagnostics keep their ranges on the extracted text (the JSON contract).
import type { Range } from '../types';

/** `slots` (a PDF table row): each grid slot's spans, or null where a merged cell covers it. */
export type LinePlace = { page: number; slots?: ({ colspan: number; rowspan: number } | null)[] } | { paragraph: number } | { table: number; row: number; cells: { start: number; end: number; cell: number }[] };

/** A problem's place in the original: page; paragraph; or table, row and cell (all 1-based). */
export type Place = { page: number } | { paragraph: number } | { table: number; row: number; cell?: number };

export function placeOf(places: readonly (LinePlace | null)[] | undefined, range: Range): Place | null {
  if (!places) return null;
  // The first line of the range that has a place; for a range that starts on a blank line, the next one.
  for (let line = range.start.line; line <= Math.min(range.end.line, places.length - 1) + 1 && line < places.length; line++) {
    const p = places[line];
    if (!p) continue;
    if ('cells' in p) {
      const at = line === range.start.line ? range.start.character : 0;
      const cell = p.cells.find((c) => at >= c.start && at < c.end)?.cell;
      return cell !== undefined ? { table: p.table, row: p.row, cell } : { table: p.table, row: p.row };
    }
    return 'page' in p ? { page: p.page } : p;
  }
  return null;
}
