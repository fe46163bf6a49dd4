import type { Block, CellItem, Item, MappedText } from '../parse/items';
import { joinMapped, mapOffset } from '../parse/items';
import type { Range, SourceFormat, Template } from '../types';
import { normalizeLabel } from '../text/normalize';
import { readCell } from './cells';
import { buildTable } from './tables';
import type { Cell, DateRef, Directive, Paragraph, Report, SectionInfo, Subhead, Table2, Table3, Table4, TableModel, TableRow, YearSlot } from './types';
import type { SectionKey } from './templates';
import { MARKERS_2019, MARKERS_2021, SECTIONS } from './templates';

const SECTION_HEADING = /^[#\s*]*([一二三四五六])\s*[、.,．，]\s*(.{2,40}?)[\s*#]*$/;
const SUBHEAD = /^[\s*#]*[（(]([一二三四五六七八九十]{1,3})[)）]/;
const CAPTION = /第二十条第[（(][一二三四五六七八九十]+[)）]项/;
const TERMINAL_CHARS = '。！？；：!?;:…”」』）)';
/** Ends with closing punctuation (looks at the last character only: linear on any text). */
const endsSentence = (s: string) => s.length > 0 && TERMINAL_CHARS.includes(s[s.length - 1]);

export function matchSectionHeading(text: string): { def: (typeof SECTIONS)[number]; numeral: string; title: string } | null {
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

const TITLE_WORDS = /年度报告|年报/;
const YEAR = /(\d{4})\s*年/;
const FEE = /信息处理费/;
const AGENCY_WORDS = /政府|机关|局|委|办|院|镇|乡|街道|县|区|市|省/;
const PERIOD =
  /统计[^。]{0,24}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|-|~|－)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const PUBLISH = /现(?:予)?(?:发布|公布)《([^》]{1,80})》/;
const OPENING = /^[\s*]*(\d{4})\s*年(?:度)?(?![\s]*(?:\d|以来|以前|之前|底|末|初|上半年|下半年|至|到|同期))/;
const CLOSING_DATE = /^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/;

interface RelCell {
  raw: string;
  kind: Cell['kind'];
  value: number | null;
  line: number;
  start: number;
  end: number;
}

interface Facts {
  period?: { m: RegExpExecArray };
  publish?: { year: number; at: number };
  opening?: { year: number; at: number };
  fee?: { year: number; at: number };
  closing?: { year: number; month: number; day: number; at: number; end: number };
}

interface TextInfo {
  /** Trimmed text. */
  t: string;
  sec: ReturnType<typeof matchSectionHeading>;
  wording: SectionInfo['wording'];
  subhead: boolean;
  caption: boolean;
  terminal: boolean;
  t3Header: boolean;
  facts: Facts;
}

// Per-item results: items are immutable and shared between incremental parses, so this work is done once per block.
const textInfos = new WeakMap<object, TextInfo>();
const rowInfos = new WeakMap<object, { cells: RelCell[]; t3Header: boolean }>();
const joinedFacts = new Map<string, Facts>();

function factsOf(s: string): Facts {
  const f: Facts = {};
  const m = PERIOD.exec(s);
  if (m) f.period = { m };
  const pub = PUBLISH.exec(s);
  if (pub) {
    const y = YEAR.exec(pub[1]);
    if (y) f.publish = { year: +y[1], at: pub.index + pub[0].indexOf(pub[1]) + y.index };
  }
  const o = OPENING.exec(s);
  if (o) f.opening = { year: +o[1], at: o.index + o[0].indexOf(o[1]) };
  if (FEE.test(s)) {
    const y = YEAR.exec(s);
    if (y) f.fee = { year: +y[1], at: y.index };
  }
  const c = CLOSING_DATE.exec(s);
  if (c) f.closing = { year: +c[1], month: +c[2], day: +c[3], at: s.indexOf(c[1]), end: s.trimEnd().length };
  return f;
}

function textInfo(item: { text: MappedText }): TextInfo {
  let info = textInfos.get(item);
  if (!info) {
    const t = item.text.text.trim();
    const sec = t ? matchSectionHeading(t) : null;
    const wording: SectionInfo['wording'] = !sec
      ? 'other'
      : normalizeLabel(sec.title) === normalizeLabel(sec.def.standard)
        ? 'standard'
        : sec.def.variants.some((v) => normalizeLabel(v) === normalizeLabel(sec.title))
          ? 'variant'
          : 'other';
    info = {
      t,
      sec,
      wording,
      subhead: SUBHEAD.test(t) && t.length <= 40 && !endsSentence(t.replace(/\*+$/, '')) && t.indexOf('。') < 0,
      caption: CAPTION.test(t) && t.length < 30,
      terminal: endsSentence(item.text.text),
      t3Header: false,
      facts: factsOf(item.text.text),
    };
    textInfos.set(item, info);
  }
  return info;
}

function rowInfo(item: { cells: CellItem[] }) {
  let info = rowInfos.get(item);
  if (!info) {
    const cells = item.cells.map((c) => ({ raw: c.text, ...readCell(c.text), line: c.line, start: c.start, end: c.end }));
    info = { cells, t3Header: T3_HEADER.test(normalizeLabel(item.cells.map((c) => c.text).join(''))) };
    rowInfos.set(item, info);
  }
  return info;
}

const DIRECTIVE = /^<!--\s*nianbao-(disable-next-line|disable|enable)\b([^>]*?)-->/;
const T3_HEADER = /勾稽关系|申请人情况/;

export interface RawRow {
  cells: Cell[];
  line: number;
}

/** A text offset of a paragraph as a document range. */
export function paragraphRange(p: { text: MappedText; base: number }, from: number, to: number): Range {
  const a = mapOffset(p.text, from);
  const b = mapOffset(p.text, to, true);
  return { start: { line: a.line + p.base, character: a.character }, end: { line: b.line + p.base, character: b.character } };
}

function absolute(m: MappedText, base: number): MappedText {
  return base === 0 ? m : { text: m.text, segs: m.segs.map((s) => ({ ...s, line: s.line + base })) };
}

/** Builds the report model from parsed blocks. Cheap: the text work of each block is cached with its items. */
export function buildReport(blocks: readonly Block[], lineCount: number, lineLength: (line: number) => number, format: SourceFormat): Report {

  const sections: SectionInfo[] = [];
  const subheads: Subhead[] = [];
  const paragraphs: Paragraph[] = [];
  const facts: Facts[] = [];
  const tables: TableModel[] = [];
  const directives: Directive[] = [];
  let firstText: Range | null = null;
  const preface: { p: { text: MappedText; base: number }; info: TextInfo; line: number }[] = [];
  let current: SectionKey | 0 = 0;
  let opening = true;
  let region: RawRow[] | null = null;
  let regionHasT3Header = false;
  let regionSection: SectionKey | 0 = 0;
  let lastPara: Paragraph | null = null;
  let lastParaFlat = -1;

  const closeRegion = () => {
    if (region && region.length) tables.push(buildTable(region, regionSection));
    region = null;
  };
  const whole = (p: { text: MappedText; base: number }) => paragraphRange(p, 0, p.text.text.length);
  const labelRow = (p: { text: MappedText; base: number }, t: string): RawRow => {
    const r = whole(p);
    return { cells: [{ raw: t, kind: 'text', value: null, range: r }], line: r.start.line };
  };

  // Items in document order; `i` counts them across blocks, `prevKind` is the kind of the item before.
  let i = -1;
  let prevKind: Item['kind'] | null = null;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    const base = block.start;
    for (let j = 0; j < block.items.length; j++, prevKind = block.items[j - 1].kind) {
      i++;
      const item = block.items[j];
      if (item.kind === 'row') {
        const info = rowInfo(item);
        // A new table's header row starts a new region even without a heading between.
        if (region && info.t3Header && !regionHasT3Header) closeRegion();
        if (!region) {
          region = [];
          regionSection = current;
          regionHasT3Header = false;
        }
        if (info.t3Header) regionHasT3Header = true;
        const cells: Cell[] = info.cells.map((c) => ({
          raw: c.raw,
          kind: c.kind,
          value: c.value,
          range: { start: { line: base + c.line, character: c.start }, end: { line: base + c.line, character: c.end } },
        }));
        region.push({ cells, line: base + item.line });
        lastPara = null;
        continue;
      }
      if (item.kind === 'comment') {
        const d = DIRECTIVE.exec(item.text);
        if (d) {
          const rules = d[2].split(/[\s,]+/).filter(Boolean);
          directives.push({ kind: d[1] as Directive['kind'], rules, line: base + item.line, endLine: base + item.endLine });
        }
        continue;
      }
      if (item.kind === 'tableEnd' || item.kind === 'other') continue;

      const info = textInfo(item);
      const t = info.t;
      if (!t) continue;
      const p = { text: item.text, base };
      if (info.sec) {
        closeRegion();
        const range = whole(p);
        if (!firstText) firstText = range;
        sections.push({
          key: info.sec.def.key,
          numeral: info.sec.numeral,
          title: info.sec.title,
          headingText: t,
          headingRange: range,
          range: { start: { line: range.start.line, character: 0 }, end: range.end },
          wording: info.wording,
        });
        current = info.sec.def.key;
        opening = true;
        lastPara = null;
        continue;
      }
      // A 第二十条 caption belongs to table 二, also when it stands alone before the first block.
      if (info.caption) {
        if (!region) {
          region = [];
          regionSection = current;
          regionHasT3Header = false;
        }
        (region as RawRow[]).push(labelRow(p, t));
        continue;
      }
      // A short line between rows of one text block is a wrapped label.
      if (region && format === 'text' && t.length < 60 && block.items[j + 1]?.kind === 'row' && prevKind === 'row') {
        (region as RawRow[]).push(labelRow(p, t));
        continue;
      }
      closeRegion();
      const isHeading = item.kind === 'heading';
      if (info.subhead || (isHeading && item.depth >= 3)) {
        const range = whole(p);
        subheads.push({ text: t, range, section: current, end: range.end });
        opening = true;
        lastPara = null;
        continue;
      }
      if (current === 0 && sections.length === 0) preface.push({ p, info, line: base + item.line });
      if (!firstText) firstText = whole(p);
      // Paragraphs broken by extraction: a long line with no closing punctuation continues in the next one.
      if (lastPara && lastParaFlat === i - 1 && !isHeading && lastPara.text.text.length >= 40 && !endsSentence(lastPara.text.text)) {
        lastPara.text = joinMapped(absolute(lastPara.text, lastPara.base), absolute(item.text, base));
        lastPara.base = 0;
        lastPara.endLine = base + item.endLine;
        const key = lastPara.text.text;
        let f = joinedFacts.get(key);
        if (!f) {
          if (joinedFacts.size > 2000) joinedFacts.clear();
          f = factsOf(key);
          joinedFacts.set(key, f);
        }
        facts[facts.length - 1] = f;
        lastParaFlat = i;
        continue;
      }
      const para: Paragraph = { text: item.text, base, section: current, opening, line: base + item.line, endLine: base + item.endLine };
      paragraphs.push(para);
      facts.push(info.facts);
      lastPara = isHeading ? null : para;
      lastParaFlat = i;
      opening = false;
    }
  }
  closeRegion();

  // A section (or sub-head) runs to the end of the line before the next heading, or to the end of the document
  // (an end at the next heading's first character would count as inside it: breadcrumbs would name it).
  const endBefore = (line: number) => (line > 0 ? { line: line - 1, character: lineLength(line - 1) } : { line: 0, character: 0 });
  const docEnd = { line: lineCount - 1, character: lineLength(lineCount - 1) };
  for (let s = 0; s < sections.length; s++) {
    sections[s].range.end = s + 1 < sections.length ? endBefore(sections[s + 1].headingRange.start.line) : docEnd;
  }
  const headingLines = [...sections.map((s) => s.headingRange.start.line), ...subheads.map((s) => s.range.start.line)].sort((a, b) => a - b);
  let h = 0;
  for (const sh of subheads) {
    while (h < headingLines.length && headingLines[h] <= sh.range.start.line) h++;
    sh.end = h < headingLines.length ? endBefore(headingLines[h]) : docEnd;
  }
  // Never shorter than the heading itself.
  for (const s of sections) if (s.range.end.line < s.headingRange.end.line) s.range.end = s.headingRange.end;
  for (const sh of subheads) if (sh.end.line < sh.range.end.line) sh.end = sh.range.end;

  // Title: the first line before section 一 that names the annual report; a short line just before it is the 机关.
  let title: Report['title'] = null;
  let titleYearAt: { p: { text: MappedText; base: number }; at: number } | null = null;
  const firstSectionLine = sections.length ? sections[0].headingRange.start.line : Infinity;
  for (let k = 0; k < preface.length && preface[k].line < firstSectionLine; k++) {
    const t = preface[k].info.t;
    if (t.length <= 80 && TITLE_WORDS.test(t) && !PUBLISH.test(t) && t.indexOf('。') < 0) {
      let text = t;
      let range = whole(preface[k].p);
      const prev = k > 0 ? preface[k - 1] : null;
      const y = YEAR.exec(preface[k].p.text.text);
      if (y) titleYearAt = { p: preface[k].p, at: y.index };
      if (prev && !AGENCY_WORDS.test(t.replace(/政府信息公开.*$/, '')) && prev.info.t.length <= 30 && !/[。，,：:]/.test(prev.info.t) && prev.line >= preface[k].line - 3) {
        text = prev.info.t + t;
        range = { start: whole(prev.p).start, end: range.end };
        const py = YEAR.exec(prev.p.text.text);
        if (!y && py) titleYearAt = { p: prev.p, at: py.index };
      }
      const agencyMatch = /^(.*?)(?:\s*\d{4}\s*年度?)?\s*(?:政府信息公开|信息公开|政务公开)/.exec(text);
      title = { text, range, agency: agencyMatch && agencyMatch[1].trim() ? agencyMatch[1].trim() : null };
      break;
    }
  }

  // Year slots.
  const yearSlots: YearSlot[] = [];
  if (titleYearAt) {
    const { p, at } = titleYearAt;
    yearSlots.push({ kind: 'title', year: Number(p.text.text.slice(at, at + 4)), range: paragraphRange(p, at, at + 4) });
  }
  let period: Report['period'] = null;
  for (let k = 0; k < paragraphs.length; k++) {
    const para = paragraphs[k];
    const f = facts[k];
    if (!period && f.period) {
      const m = f.period.m;
      const startYearAt = m.index + m[0].indexOf(m[1]);
      const start: DateRef = { year: +m[1], month: +m[2], day: +m[3], range: paragraphRange(para, startYearAt, startYearAt + 4) };
      const endYear = m[4] ? +m[4] : +m[1];
      let endRange = start.range;
      if (m[4]) {
        const at = m.index + m[0].lastIndexOf(m[4]);
        endRange = paragraphRange(para, at, at + 4);
      }
      const whole = paragraphRange(para, startYearAt, m.index + m[0].length);
      period = { start, end: { year: endYear, month: +m[5], day: +m[6], range: endRange }, range: whole };
      yearSlots.push({ kind: 'periodStart', year: start.year, range: start.range });
      if (m[4]) yearSlots.push({ kind: 'periodEnd', year: endYear, range: endRange });
    }
    if (f.publish) yearSlots.push({ kind: 'publish', year: f.publish.year, range: paragraphRange(para, f.publish.at, f.publish.at + 4) });
    if (f.opening) yearSlots.push({ kind: 'opening', year: f.opening.year, range: paragraphRange(para, f.opening.at, f.opening.at + 4), section: para.section });
    if (f.fee && f.fee.at !== f.opening?.at) yearSlots.push({ kind: 'fee', year: f.fee.year, range: paragraphRange(para, f.fee.at, f.fee.at + 4) });
  }

  // Closing date: a line holding only a date, after the last section heading.
  let closingDate: DateRef | null = null;
  const lastSectionLine = sections.length ? sections[sections.length - 1].headingRange.start.line : Infinity;
  for (let k = paragraphs.length - 1; k >= 0 && k >= paragraphs.length - 4; k--) {
    const para = paragraphs[k];
    if (para.line < lastSectionLine) break;
    const c = facts[k].closing;
    if (c) {
      closingDate = { year: c.year, month: c.month, day: c.day, range: paragraphRange(para, c.at, c.end) };
      break;
    }
  }

  let year: number | null = null;
  let yearSource: Report['yearSource'] = null;
  const inferred =
    yearSlots.find((x) => x.kind === 'title') ??
    yearSlots.find((x) => x.kind === 'periodStart') ??
    yearSlots.find((x) => x.kind === 'publish') ??
    yearSlots.find((x) => x.kind === 'opening' && x.section === 1);
  const sourceOf: Partial<Record<YearSlot['kind'], Report['yearSource']>> = { title: 'title', periodStart: 'period', publish: 'publish', opening: 'opening' };
  if (inferred) {
    year = inferred.year;
    yearSource = sourceOf[inferred.kind] ?? null;
  } else if (closingDate) {
    year = closingDate.year - 1;
    yearSource = 'closing';
  } else {
    const any = yearSlots.find((x) => x.kind === 'opening');
    if (any) {
      year = any.year;
      yearSource = 'opening';
    }
  }

  const t2 = (tables.find((t) => t.kind === 't2') as Table2 | undefined) ?? null;
  const t3 = (tables.find((t) => t.kind === 't3') as Table3 | undefined) ?? null;
  const t4 = (tables.find((t) => t.kind === 't4') as Table4 | undefined) ?? null;

  const template = detectTemplate(t2, t3, year);
  const distinct = new Set(sections.map((s) => s.key));
  const titleNames = title !== null && /政府信息公开(?:工作)?年度报告|政务公开(?:工作)?年度报告/.test(normalizeLabel(title.text));
  const isReport = titleNames || distinct.size >= 3;

  return {
    format,
    isReport,
    title,
    year,
    yearSource,
    template,
    sections,
    subheads,
    paragraphs,
    tables,
    t2,
    t3,
    t4,
    yearSlots,
    period,
    closingDate,
    directives,
    firstText: firstText ?? (sections[0]?.headingRange ?? null),
    lineCount,
  };
}

function detectTemplate(t2: Table2 | null, t3: Table3 | null, year: number | null): Template | null {
  let s2021 = 0;
  let s2019 = 0;
  if (t2) {
    const text = t2.header + t2.rows.map((r) => normalizeLabel(r.label)).join('|');
    for (const m of MARKERS_2021) if (text.includes(normalizeLabel(m))) s2021++;
    for (const m of MARKERS_2019) if (text.includes(normalizeLabel(m))) s2019++;
  }
  if (t3?.otherHandlingForm === '2021') s2021++;
  if (t3?.otherHandlingForm === '2019') s2019++;
  if (s2021 > s2019) return '2021';
  if (s2019 > s2021) return '2019';
  if (year !== null && year <= 2018) return 'legacy';
  return null;
}

export type { TableRow };
