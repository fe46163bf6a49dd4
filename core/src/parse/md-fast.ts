import { parseHtmlTable } from './html-table';
import type { CellItem, Item, Seg } from './items';

// Fast paths for the commonest Markdown blocks of a report: a one-line ATX heading, a paragraph of plain text
// (also with `**strong**`, or with links and autolinks), a GFM table of plain cells, and an HTML table pasted
// from Word. Each applies only when no character of the block could start any other Markdown syntax, so the
// result is the one the full parser gives (a test checks this on every block of the fixtures and of random
// edits); anything else goes to the full parser.

/** Characters that are markup anywhere in a line (this parser's CommonMark has only the GFM table extension). */
const SPECIAL = /[\\`*_[\]<>&~|\t]/;
/** Characters that are markup at a line's start only: headings, lists, thematic breaks, setext underlines, quotes. */
const SPECIAL_START = /^[#\-+=>~]/;
/** In table cells '-' and ':' are plain text. */
const SPECIAL_IN_CELL = /[\\`*_[\]<>&!~#=+\t]/;
const LIST_START = /^\d{1,9}[.)]/;
const HEADING = /^(#{1,6}) (\S(?:.*\S)?)$/;
const DELIMITER_CELL = /^ *:?-+:? *$/;
/** Starts an HTML block (CommonMark type 6) that only a blank line ends. */
const HTML_TABLE = /^<table(?:[ \t>]|\/>|$)/i;

/** A paragraph line that nothing at its start or end makes more (indentation, a hard break, a list, a quote …). */
function ordinaryLine(line: string): boolean {
  return line.length > 0 && line[0] !== ' ' && line[line.length - 1] !== ' ' && !SPECIAL_START.test(line) && !LIST_START.test(line);
}

function plainLine(line: string): boolean {
  return ordinaryLine(line) && !SPECIAL.test(line);
}

/** SPECIAL without '*': a paragraph whose only markup is `**strong**`. */
const SPECIAL_BUT_STAR = /[\\`_[\]<>&~|\t]/;
const PUNCTUATION = /\p{P}|\p{S}/u;
const WHITESPACE = /\s/;

function boldLine(line: string): boolean {
  return ordinaryLine(line) && !SPECIAL_BUT_STAR.test(line) && !/^[* ]+$/.test(line);
}

/** How CommonMark classes the character around a delimiter run (per UTF-16 unit, as micromark does): 1 space, 2 punctuation, 0 other. */
function flank(src: string, i: number): number {
  if (i < 0 || i >= src.length) return 1;
  const c = src.charCodeAt(i);
  if (c === 10 || c === 32) return 1;
  const ch = String.fromCharCode(c);
  return WHITESPACE.test(ch) ? 1 : PUNCTUATION.test(ch) ? 2 : 0;
}

/** A paragraph with `**` runs: strong emphasis resolved by CommonMark's delimiter rules, with the markers left out of the text. */
function boldParagraph(lines: readonly string[]): Item[] | null {
  const src = lines.join('\n');
  const runs: { at: number; open: boolean; close: boolean; matched: boolean }[] = [];
  for (let i = src.indexOf('*'); i >= 0; i = src.indexOf('*', i + 2)) {
    if (src[i + 1] !== '*' || src[i + 2] === '*') return null;
    const before = flank(src, i - 1);
    const after = flank(src, i + 2);
    runs.push({ at: i, open: !after || (after === 2 && before > 0), close: !before || (before === 2 && after > 0), matched: false });
  }
  // Each closer takes the nearest opener before it (runs are all of length 2, so the rule of 3 never applies).
  const openers: number[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (r.close && openers.length) {
      runs[openers.pop()!].matched = true;
      r.matched = true;
    } else if (r.open) openers.push(k);
  }
  const skip: number[] = [];
  for (const r of runs) if (r.matched) skip.push(r.at, r.at + 1);
  return paragraphWithout(src, lines.length, skip);
}

/**
 * The paragraph of `src` (its lines joined by '\n') with the characters at `skip` (markup, ascending) left out of
 * its text: the text between them is taken a run at a time.
 */
function paragraphWithout(src: string, lineCount: number, skip: readonly number[]): Item[] {
  let text = '';
  const segs: Seg[] = [];
  let k = 0;
  for (let line = 0, lineStart = 0; lineStart <= src.length; line++) {
    const nl = src.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? src.length : nl;
    for (let i = lineStart; i < lineEnd; ) {
      while (k < skip.length && skip[k] < i) k++;
      const stop = k < skip.length && skip[k] < lineEnd ? skip[k] : lineEnd;
      if (stop > i) {
        // A run after a skipped character starts a new segment (the source is not contiguous there).
        segs.push({ offset: text.length, line, character: i - lineStart, length: stop - i });
        text += src.slice(i, stop);
      }
      i = stop + 1;
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return [{ kind: 'para', text: { text, segs }, line: 0, endLine: lineCount - 1 }];
}

/** Never taken by the inline path below. */
const SPECIAL_INLINE = /[\\`*_~|\t]/;
/**
 * An inline link `[text](destination)` of plain text: no brackets, markup or spaces in the destination, no title.
 * Neither part holds a bracket, so matching from every `[` of a line stays linear.
 */
const LINK = /\[([^[\]\\`*_<>&~|\t]+)\]\(([^[\]\s()<>\\`*_&~|"']+)\)/y;

/** An autolink `<scheme:…>` (its text is the address as written), without `&` or `\\`. */
const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>&\\\p{Cc}]*>/uy;

/**
 * `<` and `&` are text when the next character is not ASCII (or a space, or the line ends): no tag, autolink, e-mail
 * address or character reference starts so (`关于印发<中华人民共和国…格式>的通知`).
 */
function literalAt(line: string, i: number): boolean {
  const next = line.charCodeAt(i + 1);
  return Number.isNaN(next) || next === 32 || next > 127;
}

/**
 * Adds to `skip` the markup of a line of a paragraph whose only markup is links, autolinks and literal `<`, `>`, `&` (at
 * `offset` in the paragraph), or returns false.
 */
function inlineLine(line: string, offset: number, skip: number[]): boolean {
  if (!ordinaryLine(line) || SPECIAL_INLINE.test(line)) return false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '[') {
      if (line[i - 1] === '!') return false;
      LINK.lastIndex = i;
      const m = LINK.exec(line);
      if (!m) return false;
      skip.push(offset + i);
      const close = i + 1 + m[1].length;
      for (let k = close; k < i + m[0].length; k++) skip.push(offset + k);
      i += m[0].length - 1;
    } else if (c === ']') return false;
    else if (c === '<' && !literalAt(line, i)) {
      AUTOLINK.lastIndex = i;
      const m = AUTOLINK.exec(line);
      if (!m) return false;
      skip.push(offset + i, offset + i + m[0].length - 1);
      i += m[0].length - 1;
    } else if (c === '&' && !literalAt(line, i)) return false;
  }
  return true;
}

/** A paragraph whose only markup is inline links and autolinks (their text kept) and `<`, `>`, `&` that are text. */
function inlineParagraph(lines: readonly string[]): Item[] | null {
  const skip: number[] = [];
  let offset = 0;
  for (const line of lines) {
    if (!inlineLine(line, offset, skip)) return null;
    offset += line.length + 1;
  }
  return paragraphWithout(lines.join('\n'), lines.length, skip);
}

function pipes(line: string): number[] | null {
  if (line.length < 2 || line[0] !== '|' || line[line.length - 1] !== '|') return null;
  const at: number[] = [];
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 124) at.push(i);
  return at;
}

function cells(line: string, at: number[], rel: number): CellItem[] | null {
  const out: CellItem[] = [];
  for (let k = 0; k + 1 < at.length; k++) {
    const from = at[k] + 1;
    const to = at[k + 1];
    let a = from;
    let b = to;
    while (a < b && line.charCodeAt(a) === 32) a++;
    while (b > a && line.charCodeAt(b - 1) === 32) b--;
    const text = line.slice(a, b);
    if (SPECIAL_IN_CELL.test(text) || /\s/.test(text.replace(/ /g, '')) || text.includes('  ')) return null;
    if (text === '') {
      const last = k + 2 === at.length;
      out.push({ text: '', line: rel, start: from, end: Math.max(from, last ? to : to - 1) });
    } else out.push({ text, line: rel, start: a, end: b });
  }
  return out;
}

/** Items of a block the fast way, or null when the block needs the full parser. */
export function parseMarkdownFast(lines: readonly string[]): Item[] | null {
  // An HTML table with no blank line is one HTML node: the full parser would hand it to parseHtmlTable as is.
  if (HTML_TABLE.test(lines[0]) && lines.every((l) => l.trim() !== '')) {
    const items: Item[] = parseHtmlTable(lines.join('\n'), 0, 0);
    items.push({ kind: 'tableEnd', line: lines.length - 1 });
    return items;
  }
  if (lines.length === 1) {
    const h = HEADING.exec(lines[0]);
    if (h) {
      const content = h[2];
      if (SPECIAL.test(content) || content.includes('#') || /\s{2}/.test(content)) return null;
      return [{ kind: 'heading', depth: h[1].length, text: { text: content, segs: [{ offset: 0, line: 0, character: h[1].length + 1, length: content.length }] }, line: 0, endLine: 0 }];
    }
  }
  if (lines.every(plainLine)) {
    let text = '';
    const segs = lines.map((l, i) => {
      const seg = { offset: text.length, line: i, character: 0, length: l.length };
      text += l;
      return seg;
    });
    return [{ kind: 'para', text: { text, segs }, line: 0, endLine: lines.length - 1 }];
  }
  if (lines.every(boldLine)) return boldParagraph(lines);
  const inline = inlineParagraph(lines);
  if (inline) return inline;
  if (lines.length >= 2) {
    const head = pipes(lines[0]);
    const delim = pipes(lines[1]);
    if (!head || !delim || head.length !== delim.length || head.length < 2) return null;
    for (let k = 0; k + 1 < delim.length; k++) if (!DELIMITER_CELL.test(lines[1].slice(delim[k] + 1, delim[k + 1]))) return null;
    const items: Item[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (i === 1) continue;
      const at = pipes(lines[i]);
      // GFM keeps a body row's cells as written, fewer or more than the header has.
      if (!at || at.length < 2) return null;
      const row = cells(lines[i], at, i);
      if (!row) return null;
      items.push({ kind: 'row', cells: row, line: i });
    }
    items.push({ kind: 'tableEnd', line: lines.length - 1 });
    return items;
  }
  return null;
}
