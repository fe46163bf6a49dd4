import type { CellItem, Item } from './items';
import { plainText } from './items';

const COMMENT = /^\s*<!--.*-->\s*$/;
const PAGE_MARKER = /^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$/;

/** A row holds at most this many cells (a report's widest has 16); the rest of the line is its last cell. */
export const MAX_ROW_CELLS = 256;

function trimmedCell(line: string, rel: number, from: number, to: number): CellItem {
  let a = from;
  let b = to;
  while (a < b && isSpace(line.charCodeAt(a))) a++;
  while (b > a && isSpace(line.charCodeAt(b - 1))) b--;
  return { text: line.slice(a, b), line: rel, start: a, end: b };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

/** Plain text as extracted from PDF or Word: tab-separated lines are table rows, other lines are paragraphs. */
export function parseTextBlock(lines: readonly string[]): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.indexOf('\t') >= 0) {
      const cells: CellItem[] = [];
      let from = 0;
      for (let j = 0; j <= line.length; j++) {
        if (j === line.length || (line.charCodeAt(j) === 9 && cells.length < MAX_ROW_CELLS - 1)) {
          cells.push(trimmedCell(line, i, from, j));
          from = j + 1;
        }
      }
      items.push({ kind: 'row', cells, line: i });
    } else if (COMMENT.test(line)) {
      items.push({ kind: 'comment', text: line.trim(), line: i, endLine: i });
    } else if (PAGE_MARKER.test(line)) {
      items.push({ kind: 'other', line: i, endLine: i, page: true });
    } else {
      const cell = trimmedCell(line, i, 0, line.length);
      items.push({ kind: 'para', text: plainText(cell.text, i, cell.start), line: i, endLine: i });
    }
  }
  return items;
}
