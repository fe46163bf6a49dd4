// A saved web page (or an HTML body): its paragraphs and headings as text items mapped to the source, its tables
// through the HTML table reader, and only the report's body (the site's menus and footer left out).
import { Parser } from 'htmlparser2';
import { lineIndexAt } from '../text/lines';
import { parseHtmlTable } from './html-table';
import type { Item, MappedText, Seg } from './items';

/** Elements that end a paragraph where they open or close. */
const BLOCK = new Set(['p', 'div', 'section', 'article', 'li', 'ul', 'ol', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'center', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'tr', 'ucapcontent', 'body', 'main']);
/** Elements whose text is not the page's. */
const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg', 'select', 'button', 'iframe']);
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', mdash: '—', ndash: '–', hellip: '…', ensp: ' ', emsp: ' ', '#160': ' ', '#12288': '　' };
const ENTITY = /&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
/** The site's own words around an article: where the report's body has ended. */
const CHROME = /版权所有|主办单位|承办单位|网站标识码|ICP备|公网安备|技术支持|网站地图|联系我们|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|分享到/;
const TITLE = /年度报告|年报/;
const SECTION = /^[#\s*]*[一二三四五六]\s*[、.．]/;

function decodeEntity(name: string): string | null {
  const known = ENTITIES[name.toLowerCase()];
  if (known !== undefined) return known;
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : null;
  }
  return null;
}

export function parseHtmlPage(lines: readonly string[]): Item[] {
  const src = lines.join('\n');
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const pos = (offset: number) => {
    const line = lineIndexAt(lineStarts, offset);
    return { line, character: offset - lineStarts[line] };
  };

  const items: Item[] = [];
  let text = '';
  let segs: Seg[] = [];
  let heading = 0;
  let skipDepth = 0;
  let tableDepth = 0;
  let tableStart = -1;

  const push = (chars: string, offset: number, length: number) => {
    const at = pos(offset);
    const last = segs[segs.length - 1];
    // One segment per run of source characters that map one to one (entities and line breaks end a run).
    if (chars.length === length && last && last.line === at.line && last.character + last.length === at.character && last.offset + last.length === text.length) last.length += length;
    else segs.push({ offset: text.length, line: at.line, character: at.character, length: chars.length });
    text += chars;
  };
  const flush = () => {
    const lead = text.length - text.trimStart().length;
    const t = text.trim();
    if (t) {
      const mapped: MappedText = { text: t, segs: shiftSegs(segs, lead, t.length) };
      const line = mapped.segs[0].line;
      const endLine = mapped.segs[mapped.segs.length - 1].line;
      items.push(heading ? { kind: 'heading', depth: heading, text: mapped, line, endLine } : { kind: 'para', text: mapped, line, endLine });
    }
    text = '';
    segs = [];
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        if (skipDepth) return;
        if (name === 'table') {
          if (tableDepth++ === 0) {
            flush();
            tableStart = parser.startIndex;
          }
          return;
        }
        if (tableDepth) return;
        if (BLOCK.has(name)) {
          flush();
          if (/^h[1-6]$/.test(name)) heading = Number(name[1]);
        }
      },
      ontext(data) {
        if (skipDepth || tableDepth) return;
        const start = parser.startIndex;
        let i = 0;
        ENTITY.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = ENTITY.exec(data))) {
          if (m.index > i) addPlain(data.slice(i, m.index), start + i);
          const ch = decodeEntity(m[1]);
          if (ch !== null) push(ch, start + m.index, m[0].length);
          else addPlain(m[0], start + m.index);
          i = m.index + m[0].length;
        }
        if (i < data.length) addPlain(data.slice(i), start + i);
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth) return;
        if (name === 'table') {
          if (tableDepth > 0 && --tableDepth === 0 && tableStart >= 0) {
            const end = parser.endIndex + 1;
            const at = pos(tableStart);
            for (const row of parseHtmlTable(src.slice(tableStart, end), at.line, at.character)) items.push(row);
            items.push({ kind: 'tableEnd', line: pos(end - 1).line });
            tableStart = -1;
          }
          return;
        }
        if (tableDepth) return;
        if (BLOCK.has(name)) {
          flush();
          if (/^h[1-6]$/.test(name)) heading = 0;
        }
      },
    },
    { decodeEntities: false, lowerCaseTags: true },
  );
  /** Source text as page text: line breaks and runs of white space are one space. */
  function addPlain(chunk: string, offset: number) {
    let k = 0;
    while (k < chunk.length) {
      let j = k;
      if (/\s/.test(chunk[k]) && chunk[k] !== '\u3000') {
        while (j < chunk.length && /\s/.test(chunk[j]) && chunk[j] !== '\u3000') j++;
        if (!text.endsWith(' ') && text.length) push(' ', offset + k, 1);
      } else {
        while (j < chunk.length && !(/\s/.test(chunk[j]) && chunk[j] !== '\u3000')) j++;
        push(chunk.slice(k, j), offset + k, j - k);
      }
      k = j;
    }
  }
  parser.write(src);
  parser.end();
  flush();
  return body(items);
}

/** The segments of `segs` for the text from `from`, `length` characters long, offsets from 0. */
function shiftSegs(segs: Seg[], from: number, length: number): Seg[] {
  const out: Seg[] = [];
  const end = from + length;
  for (const s of segs) {
    const a = Math.max(s.offset, from);
    const b = Math.min(s.offset + s.length, end);
    if (b <= a) continue;
    const oneToOne = s.length > 0;
    out.push({ offset: a - from, line: s.line, character: s.character + (oneToOne ? a - s.offset : 0), length: b - a });
  }
  return out;
}

/**
 * The report's body: from its title (or its first section heading) to where the site's footer starts after the
 * last section heading. A page with no section headings is kept whole (then it is no report, and said so).
 */
function body(items: Item[]): Item[] {
  const textOf = (it: Item) => (it.kind === 'para' || it.kind === 'heading' ? it.text.text : '');
  const first = items.findIndex((it) => SECTION.test(textOf(it)) && textOf(it).length <= 48);
  if (first < 0) return items;
  let start = first;
  for (let k = first - 1; k >= 0 && k >= first - 15; k--) {
    const t = textOf(items[k]);
    if (t.length <= 80 && TITLE.test(t) && !t.includes('。')) {
      start = k;
      // The 机关 on the line just before a title that names only the year.
      const before = k > 0 ? textOf(items[k - 1]) : '';
      // The title's first line: the 机关 before a title that starts with its year, or `机关2019年` before a title with none.
      const short = before.length > 0 && before.length <= 30 && !/[。，,：:]/.test(before) && !TITLE.test(before);
      const agencyLine = /^\s*\d{4}\s*年/.test(t) && !/\d/.test(before);
      const yearLine = !/\d{4}/.test(t) && /\d{4}\s*年度?$/.test(before);
      if (short && (agencyLine || yearLine)) start = k - 1;
      break;
    }
  }
  let lastSection = first;
  items.forEach((it, k) => {
    if (SECTION.test(textOf(it)) && textOf(it).length <= 48) lastSection = k;
  });
  let end = items.length;
  for (let k = lastSection + 1; k < items.length; k++) {
    if (CHROME.test(textOf(items[k]))) {
      end = k;
      break;
    }
  }
  return items.slice(start, end);
}
