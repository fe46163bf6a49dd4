// What the read-only report view (VS Code) shows of a PDF or Word file: the extracted text as paragraphs,
// headings, table rows (cells with their spans and their offsets in the checked line) and page breaks. Pure.
import type { SourceFormat } from '../types';
import type { LinePlace } from './places';

export interface ViewCell {
  text: string;
  /** Offsets of the cell in the checked line (for placing a problem's range). */
  start: number;
  end: number;
  colspan: number;
  rowspan: number;
}

export type ViewLine =
  | { kind: 'text'; line: number; text: string; offset: number; heading: boolean }
  | { kind: 'row'; line: number; cells: ViewCell[] }
  | { kind: 'tableEnd' }
  | { kind: 'page'; page: number };

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const TD = /<td([^>]*)>(.*?)<\/td>/g;
const span = (attrs: string, name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(attrs)?.[1] ?? 1);

export function viewLines(text: string, format: SourceFormat, places?: readonly (LinePlace | null)[]): ViewLine[] {
  const out: ViewLine[] = [];
  let page = 0;
  let inTable = false;
  const endTable = () => {
    if (inTable) out.push({ kind: 'tableEnd' });
    inTable = false;
  };
  text.split(/\r\n|\r|\n/).forEach((raw, line) => {
    const place = places?.[line];
    if (place && 'page' in place && place.page !== page) {
      endTable();
      page = place.page;
      out.push({ kind: 'page', page });
    }
    if (!raw.trim()) {
      if (format === 'text') endTable();
      return;
    }
    if (format === 'markdown' && /^<\/?table>$/.test(raw.trim())) {
      endTable();
      return;
    }
    if (format === 'markdown' && raw.startsWith('<tr>')) {
      const cells: ViewCell[] = [];
      TD.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = TD.exec(raw))) cells.push({ text: unescape(m[2]), start: m.index, end: m.index + m[0].length, colspan: span(m[1], 'colspan'), rowspan: span(m[1], 'rowspan') });
      inTable = true;
      out.push({ kind: 'row', line, cells });
      return;
    }
    if (format === 'text' && raw.includes('\t')) {
      const cells: ViewCell[] = [];
      const slots = place && 'slots' in place ? place.slots : undefined;
      let start = 0;
      raw.split('\t').forEach((cell, k) => {
        const slot = slots?.[k];
        // A PDF table's merged cell: one cell with its spans; the slots it covers are no cells.
        if (slot !== null) cells.push({ text: cell, start, end: start + cell.length, colspan: slot?.colspan ?? 1, rowspan: slot?.rowspan ?? 1 });
        start += cell.length + 1;
      });
      inTable = true;
      out.push({ kind: 'row', line, cells });
      return;
    }
    endTable();
    const heading = format === 'markdown' ? /^#{1,6} /.exec(raw) : null;
    const offset = heading ? heading[0].length : 0;
    out.push({ kind: 'text', line, text: format === 'markdown' ? unescape(raw.slice(offset)).replace(/\\([\\`*_#>+\-.)])/g, '$1') : raw, offset, heading: !!heading });
  });
  endTable();
  return out;
}
