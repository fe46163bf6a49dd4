import type { ParsedDocument } from '../parse/document';

/** Number of cells of a Markdown pipe-table row (escaped pipes aside). */
export function pipeCells(line: string): number {
  const t = line.trim().replace(/\\\|/g, '');
  if (!t.includes('|')) return 0;
  const inner = t.replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').length;
}

export function isHtmlRow(doc: ParsedDocument, line: number): boolean {
  return /<t[rdh][\s>]/i.test(doc.lines[line] ?? '');
}
