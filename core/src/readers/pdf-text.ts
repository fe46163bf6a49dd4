// The pages of a PDF as the checker's plain text (a ruled table row is a line of tab-separated cells, as a
// copy out of a PDF viewer gives it) and as a Markdown draft to work on (tables as HTML, merged cells kept).
import type { GridCell, PageBlock } from './pdf-layout';
import type { LinePlace } from './places';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text lines, and the page (1-based) of each (with a table row's merged cells, for the report view). */
export function pdfToText(pages: PageBlock[][]): { text: string; places: LinePlace[] } {
  const lines: string[] = [];
  const places: LinePlace[] = [];
  const push = (s: string, page: number, slots?: LinePlace & { page: number }) => {
    lines.push(s);
    places.push(slots ?? { page });
  };
  let afterTable = false;
  pages.forEach((blocks, p) => {
    blocks.forEach((b, k) => {
      if (b.kind === 'table') {
        for (const row of b.rows) {
          const slots = row.map((c) => (c ? { colspan: c.colspan, rowspan: c.rowspan } : null));
          push(row.map((c) => (c ? c.text.replace(/\t/g, ' ') : '')).join('\t'), p + 1, { page: p + 1, slots });
        }
        afterTable = true;
        return;
      }
      // A table ends where text follows it on its page; a page number under a table that goes on over the
      // page does not end it.
      const furnitureOnly = blocks.slice(k).every((x) => x.kind === 'line' && isPageFurniture(x.text));
      if (afterTable && !(furnitureOnly && nextStartsWithTable(pages, p))) {
        push('', p + 1);
        afterTable = false;
      }
      push(b.text.replace(/\t/g, ' '), p + 1);
    });
  });
  return { text: lines.join('\n') + '\n', places };
}

const FURNITURE = /^[\s\-－—–·•]*(第\s*)?\d{1,4}(\s*页)?([\s/／]*(共\s*)?\d{1,4}\s*页?)?[\s\-－—–·•]*$/;

/** A page number line (`- 3 -`, `第 3 页`, `3/5`). */
export function isPageFurniture(line: string): boolean {
  return FURNITURE.test(line.trim());
}

function nextStartsWithTable(pages: PageBlock[][], p: number): boolean {
  const next = pages[p + 1];
  if (!next) return false;
  const first = next.find((b) => b.kind === 'table' || !isPageFurniture(b.text));
  return first?.kind === 'table';
}

const SECTION_START = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])/;
const ENDS_SENTENCE = /[。！？：；:]$/;

/** A Markdown draft: paragraphs (the PDF's wrapped lines joined), tables as HTML, page numbers left out. */
export function pdfToMarkdown(pages: PageBlock[][]): string {
  type Table = { rows: (GridCell | null)[][] };
  const out: (string | Table)[] = [];
  let para = '';
  let paraRight = 0;
  let paraSize = 0;
  const flush = () => {
    // Text set larger than the body (the title) is a heading.
    if (para) out.push(paraSize > body * 1.2 ? `# ${para}` : para, '');
    para = '';
  };
  // The body's type size: the one most characters are set in.
  const sizes = new Map<number, number>();
  for (const blocks of pages) for (const b of blocks) if (b.kind === 'line') sizes.set(Math.round(b.size), (sizes.get(Math.round(b.size)) ?? 0) + b.text.length);
  const body = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  // The right edge of full lines: where most body lines end (the upper quartile of their right edges).
  const rights: number[] = [];
  for (const blocks of pages) for (const b of blocks) if (b.kind === 'line' && !isPageFurniture(b.text)) rights.push(b.right);
  rights.sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.75)] ?? 0;
  let last: Table | null = null;
  for (const blocks of pages) {
    for (const b of blocks) {
      if (b.kind === 'table') {
        // A table that goes on from the page before (nothing but a page number between): one table.
        if (last && !para && last.rows[0]?.length === b.rows[0]?.length) last.rows.push(...b.rows);
        else {
          flush();
          last = { rows: [...b.rows] };
          out.push(last, '');
        }
        continue;
      }
      if (isPageFurniture(b.text)) continue;
      last = null;
      // A title set over two lines (机关 / 年份 and name) is one heading.
      const titleGoesOn = para !== '' && paraSize > body * 1.2 && Math.abs(b.size - paraSize) <= 1;
      const startsNew = !titleGoesOn && (SECTION_START.test(b.text) || ENDS_SENTENCE.test(para) || paraRight < right - 2 * body || Math.abs(b.size - paraSize) > 1 || para.length === 0);
      if (startsNew) flush();
      para += b.text;
      paraRight = b.right;
      paraSize = b.size;
    }
  }
  flush();
  return (
    out
      .map((x) => (typeof x === 'string' ? x : tableHtml(x.rows)))
      .join('\n')
      .replace(/\n+$/, '') + '\n'
  );
}

function tableHtml(rows: (GridCell | null)[][]): string {
  const lines = ['<table>'];
  for (const row of rows) {
    const cells = row
      .filter((c): c is GridCell => c !== null)
      .map((c) => `<td${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}>${esc(c.text)}</td>`);
    lines.push(`<tr>${cells.join('')}</tr>`);
  }
  lines.push('</table>');
  return lines.join('\n');
}
