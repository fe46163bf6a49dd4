import { valueCells } from './model/access';
import type { Report } from './model/types';
import type { Diagnostic, SourceFormat } from './types';

// A problem in one table cell is underlined over the whole cell, its padding included (a 1-digit cell's squiggle is
// too small to see): in a pipe table, from pipe to pipe; in a tab-separated row, the cell with the tab after it (the
// last cell of a row, with the tab before it). The rule's own range stays as `target`: fixes edit that one.

const isPad = (c: number) => c === 0x20 || c === 0x3000 || c === 0xa0;

/** The whole cell around the exact range [a, b) of a cell's text on `line`, or null when it is not a table cell. */
export function cellSpan(line: string, a: number, b: number, format: SourceFormat): [number, number] | null {
  let s = a;
  let e = b;
  if (format === 'markdown') {
    while (s > 0 && (isPad(line.charCodeAt(s - 1)) || line.charCodeAt(s - 1) === 9)) s--;
    while (e < line.length && (isPad(line.charCodeAt(e)) || line.charCodeAt(e) === 9)) e++;
    // Only between pipes (an HTML <td> is left as it is).
    return line[s - 1] === '|' && line[s - 2] !== '\\' && line[e] === '|' ? [s, e] : null;
  }
  if (format !== 'text') return null;
  while (s > 0 && isPad(line.charCodeAt(s - 1))) s--;
  while (e < line.length && isPad(line.charCodeAt(e))) e++;
  if (s > 0 && line.charCodeAt(s - 1) !== 9) return null;
  if (e < line.length && line.charCodeAt(e) !== 9) return null;
  if (e < line.length) e++;
  else if (s > 0) s--;
  return [s, e];
}

/** Diagnostics on exactly one value cell of tables 二, 三, 四, with their range widened to the cell (see above). */
export function widenToCells(diagnostics: Diagnostic[], report: Report, lines: readonly string[], format: SourceFormat): Diagnostic[] {
  let cells: Set<string> | null = null;
  const key = (line: number, a: number, b: number) => `${line}:${a}:${b}`;
  return diagnostics.map((d) => {
    const r = d.range;
    if (r.start.line !== r.end.line) return d;
    if (!cells) {
      cells = new Set();
      for (const g of valueCells(report)) for (const { cell: c } of g.cells) if (c.line === c.endLine) cells.add(key(c.line, c.start, c.end));
    }
    if (!cells.has(key(r.start.line, r.start.character, r.end.character))) return d;
    const span = cellSpan(lines[r.start.line] ?? '', r.start.character, r.end.character, format);
    if (!span || (span[0] === r.start.character && span[1] === r.end.character)) return d;
    return { ...d, range: { start: { line: r.start.line, character: span[0] }, end: { line: r.start.line, character: span[1] } }, target: r };
  });
}
