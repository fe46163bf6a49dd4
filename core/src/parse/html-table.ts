import { Parser } from 'htmlparser2';
import { lineIndexAt } from '../text/lines';
import type { CellItem, Item } from './items';

interface OpenCell {
  text: string;
  first: number;
  last: number;
  /** A cell with no text: its whitespace (`&nbsp;`), else the point after its last opening tag. */
  blankFrom: number;
  blankTo: number;
  rowspan: number;
  colspan: number;
}

/**
 * The widest grid read: the standard tables have at most 16 columns; a wider one (a hostile `colspan`) would make
 * the grid, and the work, grow with rows × columns. Cells past it are left out.
 */
export const MAX_GRID_COLUMNS = 64;
const MAX_ROWSPAN = 1000;
const MAX_COLSPAN = MAX_GRID_COLUMNS;

/**
 * Reads an HTML <table> (as Word pastes it) into rows of cells. Merged cells are expanded the way
 * text extraction shows them: the cell where the merge starts holds the text, the others are empty
 * placeholders marked `covered` (so a value written across two grid columns stays one value).
 */
export function parseHtmlTable(html: string, baseLine: number, baseColumn: number): Item[] {
  // Offsets in `html` → (line, character) in the block.
  const lineStarts = [0];
  for (let i = 0; i < html.length; i++) if (html.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const pos = (offset: number) => {
    const lo = lineIndexAt(lineStarts, offset);
    return { line: baseLine + lo, character: offset - lineStarts[lo] + (lo === 0 ? baseColumn : 0) };
  };

  const rows: { cells: OpenCell[]; offset: number }[] = [];
  let row: { cells: OpenCell[]; offset: number } | null = null;
  let cell: OpenCell | null = null;
  let depth = 0;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'table') depth++;
        if (depth !== 1) return;
        if (cell && cell.blankTo < 0 && name !== 'td' && name !== 'th') cell.blankFrom = parser.endIndex + 1;
        if (name === 'tr') {
          row = { cells: [], offset: parser.startIndex };
          rows.push(row);
        } else if ((name === 'td' || name === 'th') && row) {
          cell = {
            text: '',
            first: -1,
            last: -1,
            blankFrom: parser.endIndex + 1,
            blankTo: -1,
            rowspan: Math.min(Math.max(1, Number.parseInt(attribs.rowspan ?? '1', 10) || 1), MAX_ROWSPAN),
            colspan: Math.min(Math.max(1, Number.parseInt(attribs.colspan ?? '1', 10) || 1), MAX_COLSPAN),
          };
          row.cells.push(cell);
        }
      },
      ontext(data) {
        if (!cell || depth !== 1) return;
        const start = parser.startIndex;
        const decoded = data.replace(/&nbsp;|&#160;/g, (m) => ' '.repeat(m.length));
        if (cell.blankTo < 0 && /\S/.test(decoded.replace(/\u00a0/g, ' ')) === false && decoded.indexOf('\n') < 0) {
          cell.blankFrom = start;
          cell.blankTo = start + data.length;
        }
        for (let i = 0; i < decoded.length; i++) {
          const ch = decoded[i];
          if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u3000' || ch === '\u00a0') continue;
          if (cell.first < 0) cell.first = start + i;
          cell.last = start + i + 1;
        }
        cell.text += decoded;
      },
      onclosetag(name) {
        if (name === 'table') depth--;
        if (depth !== 1 && name !== 'table') return;
        if (name === 'td' || name === 'th') cell = null;
        else if (name === 'tr') row = null;
      },
    },
    { decodeEntities: false, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();

  // Expand rowspan/colspan into a grid.
  const pending: number[] = []; // column → rows still covered by a rowspan from above
  const items: Item[] = [];
  for (const r of rows) {
    const cells: CellItem[] = [];
    const at = pos(r.offset);
    const placeholder = (covered: 'col' | 'row'): CellItem => ({ text: '', line: at.line, start: at.character, end: at.character, covered });
    let col = 0;
    const take = () => {
      while (col < MAX_GRID_COLUMNS && (pending[col] ?? 0) > 0) {
        pending[col]--;
        cells.push(placeholder('row'));
        col++;
      }
    };
    for (const c of r.cells) {
      take();
      if (col >= MAX_GRID_COLUMNS) break;
      const text = c.text.replace(/\s+/g, ' ').trim();
      if (c.first >= 0) {
        const a = pos(c.first);
        const b = pos(c.last);
        cells.push({ text, line: a.line, start: a.character, end: b.line === a.line ? b.character : a.character + text.length });
      } else {
        const a = pos(c.blankFrom);
        const b = c.blankTo < 0 ? a : pos(c.blankTo);
        cells.push({ text: '', line: a.line, start: a.character, end: b.line === a.line ? b.character : a.character });
      }
      if (c.rowspan > 1) pending[col] = c.rowspan - 1;
      col++;
      for (let k = 1; k < c.colspan && col < MAX_GRID_COLUMNS; k++) {
        cells.push(placeholder('col'));
        if (c.rowspan > 1) pending[col] = c.rowspan - 1;
        col++;
      }
    }
    for (let k = col; k < pending.length; k++) {
      const down = (pending[k] ?? 0) > 0;
      if (down) pending[k]--;
      cells.push(placeholder(down ? 'row' : 'col'));
    }
    items.push({ kind: 'row', cells, line: at.line, html: true });
  }
  return items;
}
