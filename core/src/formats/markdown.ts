import { parseMarkdownBlock } from '../parse/md-block';
import { isBlank } from '../text/lines';
import { renderersFor } from '../templates/tables';
import type { InputFormat } from './format';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_CELL = /<t[dh][\s>]/i;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

function countTag(line: string, re: RegExp): number {
  let c = 0;
  re.lastIndex = 0;
  while (re.exec(line)) c++;
  return c;
}

/** Markdown drafts: CommonMark with GFM tables and HTML tables pasted from Word. */
export const MARKDOWN: InputFormat = {
  id: 'markdown',
  extensions: ['.md', '.markdown'],
  languageIds: ['markdown'],
  editable: true,
  lineTables: false,
  markedHeadings: true,
  comments: true,
  /** A blank line ends a block unless a fence, an HTML table or a comment is still open. */
  blockEnd(lines, i) {
    const n = lines.length;
    let j = i;
    let fence: string | null = null;
    let tables = 0;
    let comment = false;
    while (j < n) {
      const line = lines[j];
      if (fence) {
        const m = FENCE_CLOSE.exec(line);
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
        j++;
        continue;
      }
      if (isBlank(line) && tables <= 0 && !comment) break;
      const m = FENCE.exec(line);
      if (m && !comment && tables <= 0) {
        fence = m[1];
        j++;
        continue;
      }
      if (line.indexOf('<') >= 0 || comment) {
        tables += countTag(line, /<table[\s>]/gi) - countTag(line, /<\/table\s*>/gi);
        const open = line.lastIndexOf('<!--');
        const close = line.lastIndexOf('-->');
        if (open >= 0 && close < open + 4) comment = true;
        else if (close >= 0) comment = false;
      }
      j++;
    }
    return j;
  },
  parseBlock: parseMarkdownBlock,
  ...renderersFor('markdown'),
  headingMark: (depth) => '#'.repeat(Math.max(1, Math.min(6, depth))) + ' ',
  tablesApart: true,
  pipeTables: true,
  fillCell(line, range, text) {
    // An empty pipe cell: the text keeps a space on each side, as the other cells have. HTML cells take it as is.
    if (HTML_CELL.test(line) || line.slice(range.start.character, range.end.character).trim() !== '') return { range, newText: text };
    let a = range.start.character;
    let b = range.end.character;
    while (a > 0 && line[a - 1] === ' ') a--;
    while (b < line.length && line[b] === ' ') b++;
    return { range: { start: { line: range.start.line, character: a }, end: { line: range.start.line, character: b } }, newText: ` ${text} ` };
  },
  appendCell(line, end, text) {
    // After the cell's closing pipe.
    const pipe = line.indexOf('|', end.character);
    const at = { line: end.line, character: pipe < 0 ? line.length : pipe + 1 };
    return { range: { start: at, end: at }, newText: ` ${text} |` };
  },
};
