import type { TextEdit } from '../edits/edit';
import type { ParsedDocument } from '../parse/document';
import type { CellItem } from '../parse/items';
import { displayWidth } from './width';

type Align = 'left' | 'right' | 'center' | 'none';

function alignOf(cell: string): Align {
  const t = cell.trim();
  const l = t.startsWith(':');
  const r = t.endsWith(':');
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

/**
 * Aligns every GFM pipe table of a Markdown document, counting CJK characters as two columns.
 * Cell contents are kept byte for byte (markup included); only the spaces around them change.
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

function formatTable(doc: ParsedDocument, base: number, rows: { line: number; cells: CellItem[] }[]): TextEdit[] {
  // Each row must sit on its own line, with the delimiter row right after the header.
  const header = rows[0];
  const delimLine = header.line + 1;
  if (rows.some((r, i) => i > 0 && r.line !== header.line + 1 + i)) return [];
  const delimText = doc.lines[base + delimLine] ?? '';
  const delimCells = delimText.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  const n = header.cells.length;
  if (delimCells.length !== n) return [];
  const aligns = delimCells.map(alignOf);
  const raw = rows.map((r) => {
    const line = doc.lines[base + r.line];
    return Array.from({ length: n }, (_, c) => {
      const cell = r.cells[c];
      return cell && cell.text !== '' ? line.slice(cell.start, cell.end) : '';
    });
  });
  const widths = Array.from({ length: n }, (_, c) => Math.max(3, ...raw.map((r) => displayWidth(r[c]))));
  const render = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i], aligns[i] === 'none' ? 'left' : aligns[i])).join(' | ')} |`;
  const out: TextEdit[] = [];
  const replaceLine = (line: number, text: string) => {
    const old = doc.lines[base + line];
    if (old !== text) out.push({ range: { start: { line: base + line, character: 0 }, end: { line: base + line, character: old.length } }, newText: text });
  };
  // Tables whose text cannot be rebuilt safely (escaped pipes, rows with extra cells) are left alone.
  if (raw.some((r) => r.some((c) => c.includes('|')))) return [];
  for (const r of rows) {
    const line = doc.lines[base + r.line];
    if (line.includes('\\|') || line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').length > n) return [];
  }
  replaceLine(header.line, render(raw[0]));
  replaceLine(delimLine, `| ${widths.map((w, i) => delimiter(w, aligns[i])).join(' | ')} |`);
  for (let i = 1; i < rows.length; i++) replaceLine(rows[i].line, render(raw[i]));
  return out;
}
