// What one item says on its own, before its place in the report is known: a section heading, a sub-head, a
// 第二十条 caption, the facts a paragraph states (period, years, closing date), a row's cell values.
import type { CellItem, MappedText } from '../parse/items';
import { normalizeLabel } from '../text/normalize';
import { readCell, type ReadCell } from './cells';
import { SECTIONS } from './templates';
import type { SectionInfo } from './types';

const SECTION_HEADING = /^[#\s*]*([一二三四五六])\s*[、.,．，]\s*(.{2,40}?)[\s*#]*$/;
const SUBHEAD = /^[\s*#]*[（(]([一二三四五六七八九十]{1,3})[)）]/;
const CAPTION = /第二十条第[（(][一二三四五六七八九十]+[)）]项/;
const TERMINAL_CHARS = '。！？；：!?;:…”」』）)';

export const TITLE_WORDS = /年度报告|年报/;
export const YEAR = /(\d{4})\s*年/;
export const AGENCY_WORDS = /政府|机关|局|委|办|院|镇|乡|街道|县|区|市|省/;
export const PUBLISH = /现(?:予)?(?:发布|公布)《([^》]{1,80})》/;
export const DIRECTIVE = /^<!--\s*nianbao-(disable-next-line|disable|enable)\b([^>]*?)-->/;

const FEE = /信息处理费/;
const PERIOD =
  /统计[^。]{0,24}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|-|~|－)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const OPENING = /^[\s*]*(\d{4})\s*年(?:度)?(?![\s]*(?:\d|以来|以前|之前|底|末|初|上半年|下半年|至|到|同期))/;
const CLOSING_DATE = /^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/;
const PLAN = /将|计划|拟|力争|下一步|打算|谋划|预计/;
const NUMBERED = /^[\s*#]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))/;
/** Words of table 三's header rows (a new table starts at one). */
const T3_HEADER_WORDS = ['勾稽关系', '申请人情况'];
const T3_HEADER = new RegExp(T3_HEADER_WORDS.join('|'));
/**
 * A row can hold a T3_HEADER word only with the word's first character or a form NFKC folds to it: those lie in
 * the blocks of CJK radicals, compatibility ideographs and enclosed ideographs (🈸); only such rows are normalised.
 */
const T3_HEADER_CHARS = new RegExp(`[${T3_HEADER_WORDS.map((w) => w[0]).join('')}\u2e80-\u2fdf\uf900-\ufaff\ud83c\ud87e]`);

/** Ends with closing punctuation (looks at the last character only: linear on any text). */
export const endsSentence = (s: string): boolean => s.length > 0 && TERMINAL_CHARS.includes(s[s.length - 1]);

export type SectionMatch = { def: (typeof SECTIONS)[number]; numeral: string; title: string };

export function matchSectionHeading(text: string): SectionMatch | null {
  if (text.length > 48 || text.indexOf('。') >= 0) return null;
  const m = SECTION_HEADING.exec(text.normalize('NFKC').replace(/\*\*/g, ''));
  if (!m) return null;
  const title = m[2].trim();
  const norm = normalizeLabel(title);
  let best: (typeof SECTIONS)[number] | null = null;
  for (const def of SECTIONS) {
    if (def.keywords.some((group) => group.every((k) => norm.includes(k)))) {
      if (!best || def.numeral === m[1]) best = def;
    }
  }
  return best ? { def: best, numeral: m[1], title } : null;
}

/** What a paragraph's text states, with offsets into it. */
export interface Facts {
  period?: { m: RegExpExecArray };
  publish?: { year: number; at: number };
  /** `plan`: the sentence states what will be done (将, 计划 …): a year after the report year there is no slot. */
  opening?: { year: number; at: number; plan: boolean };
  fee?: { year: number; at: number };
  closing?: { year: number; month: number; day: number; at: number; end: number };
}

export function factsOf(s: string): Facts {
  const f: Facts = {};
  const m = PERIOD.exec(s);
  if (m) f.period = { m };
  const pub = PUBLISH.exec(s);
  if (pub) {
    const y = YEAR.exec(pub[1]);
    if (y) f.publish = { year: +y[1], at: pub.index + pub[0].indexOf(pub[1]) + y.index };
  }
  const o = OPENING.exec(s);
  if (o) {
    const rest = s.slice(o.index + o[0].length, o.index + o[0].length + 40);
    const end = rest.search(/[。；;！？!?]/);
    f.opening = { year: +o[1], at: o.index + o[0].indexOf(o[1]), plan: PLAN.test(end < 0 ? rest : rest.slice(0, end)) };
  }
  if (FEE.test(s)) {
    const y = YEAR.exec(s);
    if (y) f.fee = { year: +y[1], at: y.index };
  }
  const c = CLOSING_DATE.exec(s);
  if (c) f.closing = { year: +c[1], month: +c[2], day: +c[3], at: s.indexOf(c[1]), end: s.trimEnd().length };
  return f;
}

export interface TextInfo {
  /** Trimmed text. */
  text: string;
  section: SectionMatch | null;
  wording: SectionInfo['wording'];
  /** A sub-head: `（一）…` on a short line, or a Markdown heading of depth 3 or more. */
  subhead: boolean;
  caption: boolean;
  /** The line may continue the paragraph before it (it does not open with a numbering, and is not a date line). */
  continues: boolean;
  facts: Facts;
}

export function textInfo(item: { text: MappedText; depth?: number }): TextInfo {
  const text = item.text.text.trim();
  const section = text ? matchSectionHeading(text) : null;
  const wording: SectionInfo['wording'] = !section
    ? 'other'
    : normalizeLabel(section.title) === normalizeLabel(section.def.standard)
      ? 'standard'
      : section.def.variants.some((v) => normalizeLabel(v) === normalizeLabel(section.title))
        ? 'variant'
        : 'other';
  return {
    text,
    section,
    wording,
    subhead: (item.depth ?? 0) >= 3 || (SUBHEAD.test(text) && text.length <= 40 && !endsSentence(text.replace(/\*+$/, '')) && text.indexOf('。') < 0),
    caption: CAPTION.test(text) && text.length < 30,
    continues: !NUMBERED.test(text) && !CLOSING_DATE.test(text),
    facts: factsOf(item.text.text),
  };
}

export interface RowInfo {
  /** Each of the row item's cells as read (kind, value, unit), in order; the cells' texts and places are the item's. */
  reads: ReadCell[];
  /** The row holds table 三's header words (a new table starts here). */
  t3Header: boolean;
}

export function rowInfo(item: { cells: CellItem[] }): RowInfo {
  let header = false;
  const reads = item.cells.map((c) => {
    if (!header && T3_HEADER_CHARS.test(c.text)) header = true;
    return readCell(c.text);
  });
  return { reads, t3Header: header && T3_HEADER.test(normalizeLabel(item.cells.map((c) => c.text).join(''))) };
}
