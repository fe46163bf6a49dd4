import type { Block, CellItem, Item, MappedText } from '../parse/items';
import { joinMapped, mapOffset } from '../parse/items';
import type { Range, SourceFormat, Template } from '../types';
import { normalizeLabel } from '../text/normalize';
import { readCell } from './cells';
import { buildTable } from './tables';
import type { Cell, DateRef, Paragraph, Report, SectionInfo, Subhead, Table2, Table3, Table4, TableModel, TableRow, YearSlot } from './types';
import type { SectionKey } from './templates';
import { MARKERS_2019, MARKERS_2021, SECTIONS } from './templates';

const SECTION_HEADING = /^[#\s*]*([一二三四五六])\s*[、.,．，]\s*(.{2,40}?)[\s*#]*$/;
const SUBHEAD = /^[\s*#]*[（(]([一二三四五六七八九十]{1,3})[)）]/;
const CAPTION = /第二十条第[（(][一二三四五六七八九十]+[)）]项/;
const TERMINAL = /[。！？；：!?;:…”」』）)]$/;

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

function mappedRange(m: MappedText, from: number, to: number): Range {
  return { start: mapOffset(m, from), end: mapOffset(m, to, true) };
}

function fullRange(m: MappedText): Range {
  return mappedRange(m, 0, m.text.length);
}

interface Flat {
  item: Item;
  base: number;
  block: number;
}

const TITLE_WORDS = /年度报告|年报/;
const YEAR = /(\d{4})\s*年/;
const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const PERIOD =
  /统计[^。]{0,24}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|-|~|－)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const PUBLISH = /现(?:予)?(?:发布|公布)《([^》]{1,80})》/;
const OPENING = /^[\s*]*(\d{4})\s*年(?:度)?(?![\s]*(?:\d|以来|以前|之前|底|末|初|上半年|下半年|至|到|同期))/;
const CLOSING_DATE = /^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/;

function cellOf(c: CellItem, base: number): Cell {
  const read = readCell(c.text);
  return { raw: c.text, kind: read.kind, value: read.value, range: { start: { line: base + c.line, character: c.start }, end: { line: base + c.line, character: c.end } } };
}

export interface RawRow {
  cells: Cell[];
  line: number;
}

/** Builds the report model from parsed blocks. Cheap: all text work per block was done when it was parsed. */
export function buildReport(blocks: readonly Block[], lineCount: number, lastLineLength: number, format: SourceFormat): Report {
  const flat: Flat[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    for (const item of block.items) flat.push({ item, base: block.start, block: b });
  }

  const sections: SectionInfo[] = [];
  const subheads: Subhead[] = [];
  const paragraphs: Paragraph[] = [];
  const tables: TableModel[] = [];
  const preface: { text: MappedText; base: number; line: number }[] = [];
  let current: SectionKey | 0 = 0;
  let opening = true;
  let region: RawRow[] | null = null;
  let regionSection: SectionKey | 0 = 0;
  let lastPara: Paragraph | null = null;
  let lastParaFlat = -1;

  const shift = (m: MappedText, base: number): MappedText => (base === 0 ? m : { text: m.text, segs: m.segs.map((s) => ({ ...s, line: s.line + base })) });

  const closeRegion = () => {
    if (region && region.length) tables.push(buildTable(region, regionSection));
    region = null;
  };

  for (let i = 0; i < flat.length; i++) {
    const { item, base } = flat[i];
    if (item.kind === 'row') {
      const cells = item.cells.map((c) => cellOf(c, base));
      const text = normalizeLabel(cells.map((c) => c.raw).join(''));
      // A new table's header row starts a new region even without a heading between.
      if (region && region.length && /勾稽关系|申请人情况/.test(text) && !/勾稽关系|申请人情况/.test(normalizeLabel(region[0].cells.map((c) => c.raw).join('')))) closeRegion();
      if (!region) {
        region = [];
        regionSection = current;
      }
      region.push({ cells, line: base + item.line });
      lastPara = null;
      continue;
    }
    if (item.kind === 'tableEnd' || item.kind === 'other' || item.kind === 'comment') continue;

    const text = shift(item.text, base);
    const t = text.text.trim();
    if (!t) continue;
    const sec = matchSectionHeading(t);
    if (sec) {
      closeRegion();
      const range = fullRange(text);
      sections.push({
        key: sec.def.key,
        numeral: sec.numeral,
        title: sec.title,
        headingText: t,
        headingRange: range,
        range: { start: { line: range.start.line, character: 0 }, end: range.end },
        wording: normalizeLabel(sec.title) === normalizeLabel(sec.def.standard) ? 'standard' : sec.def.variants.some((v) => normalizeLabel(v) === normalizeLabel(sec.title)) ? 'variant' : 'other',
      });
      current = sec.def.key;
      opening = true;
      lastPara = null;
      continue;
    }
    // A 第二十条 caption between table blocks belongs to the table.
    if (region && CAPTION.test(t) && t.length < 30) {
      const r = fullRange(text);
      (region as RawRow[]).push({ cells: [{ raw: t, kind: 'text', value: null, range: r }], line: r.start.line });
      continue;
    }
    // A short line between rows of one text block is a wrapped label.
    if (region && format === 'text' && t.length < 60 && i + 1 < flat.length && flat[i + 1].item.kind === 'row' && flat[i + 1].block === flat[i].block && flat[i - 1]?.item.kind === 'row') {
      const r = fullRange(text);
      (region as RawRow[]).push({ cells: [{ raw: t, kind: 'text', value: null, range: r }], line: r.start.line });
      continue;
    }
    closeRegion();
    const isHeading = item.kind === 'heading';
    if (SUBHEAD.test(t) && t.length <= 40 && !TERMINAL.test(t.replace(/\*+$/, '')) && t.indexOf('。') < 0) {
      subheads.push({ text: t, range: fullRange(text), section: current, end: fullRange(text).end });
      opening = true;
      lastPara = null;
      continue;
    }
    if (isHeading && item.depth >= 3) {
      subheads.push({ text: t, range: fullRange(text), section: current, end: fullRange(text).end });
      opening = true;
      lastPara = null;
      continue;
    }
    if (current === 0 && sections.length === 0) preface.push({ text, base, line: base + item.line });
    // Paragraphs broken by extraction: a long line with no closing punctuation continues in the next one.
    if (lastPara && lastParaFlat === i - 1 && !isHeading && lastPara.text.text.length >= 40 && !TERMINAL.test(lastPara.text.text)) {
      lastPara.text = joinMapped(lastPara.text, text);
      lastPara.endLine = base + item.endLine;
      lastParaFlat = i;
      continue;
    }
    const para: Paragraph = { text, section: current, opening, line: base + item.line, endLine: base + item.endLine };
    paragraphs.push(para);
    lastPara = isHeading ? null : para;
    lastParaFlat = i;
    opening = false;
  }
  closeRegion();

  // A section (or sub-head) runs to the start of the next heading's line, or to the end of the document.
  const docEnd = { line: lineCount - 1, character: lastLineLength };
  for (let s = 0; s < sections.length; s++) {
    sections[s].range.end = s + 1 < sections.length ? { line: sections[s + 1].headingRange.start.line, character: 0 } : docEnd;
  }
  const headingLines = [...sections.map((s) => s.headingRange.start.line), ...subheads.map((s) => s.range.start.line)].sort((a, b) => a - b);
  for (const sh of subheads) {
    const next = headingLines.find((l) => l > sh.range.start.line);
    sh.end = next !== undefined ? { line: next, character: 0 } : docEnd;
  }

  // Title: the first line before section 一 that names the annual report; a short line just before it is the 机关.
  let title: Report['title'] = null;
  const firstSectionLine = sections.length ? sections[0].headingRange.start.line : Infinity;
  for (let p = 0; p < preface.length && preface[p].line < firstSectionLine; p++) {
    const t = preface[p].text.text.trim();
    if (t.length <= 80 && TITLE_WORDS.test(t) && !PUBLISH.test(t) && t.indexOf('。') < 0) {
      let text = t;
      let range = fullRange(preface[p].text);
      const prev = p > 0 ? preface[p - 1] : null;
      if (prev && !/政府|机关|局|委|办|院|镇|乡|街道|县|区|市|省/.test(t.replace(/政府信息公开.*$/, '')) && prev.text.text.trim().length <= 30 && !/[。，,：:]/.test(prev.text.text) && prev.line >= preface[p].line - 3) {
        text = prev.text.text.trim() + t;
        range = { start: fullRange(prev.text).start, end: range.end };
      }
      const agencyMatch = /^(.*?)(?:\s*\d{4}\s*年度?)?\s*(?:政府信息公开|信息公开|政务公开)/.exec(text);
      title = { text, range, agency: agencyMatch && agencyMatch[1].trim() ? agencyMatch[1].trim() : null };
      break;
    }
  }

  // Year slots.
  const yearSlots: YearSlot[] = [];
  if (title) {
    const m = YEAR.exec(title.text);
    if (m) {
      // Locate the year in the source: the title may span two lines.
      const holder = preface.find((p) => YEAR.test(p.text.text) && p.line >= title!.range.start.line && p.line <= title!.range.end.line);
      if (holder) {
        const mm = YEAR.exec(holder.text.text)!;
        yearSlots.push({ kind: 'title', year: Number(mm[1]), range: mappedRange(holder.text, mm.index, mm.index + 4) });
      }
    }
  }
  let period: Report['period'] = null;
  for (const para of paragraphs) {
    const s = para.text.text;
    if (!period) {
      const m = PERIOD.exec(s);
      if (m) {
        const startYearAt = m.index + m[0].indexOf(m[1]);
        const start: DateRef = { year: +m[1], month: +m[2], day: +m[3], range: mappedRange(para.text, startYearAt, startYearAt + 4) };
        const endYear = m[4] ? +m[4] : +m[1];
        let endRange = start.range;
        if (m[4]) {
          const at = m.index + m[0].lastIndexOf(m[4] + '');
          endRange = mappedRange(para.text, at, at + 4);
        }
        period = { start, end: { year: endYear, month: +m[5], day: +m[6], range: endRange } };
        yearSlots.push({ kind: 'periodStart', year: start.year, range: start.range });
        if (m[4]) yearSlots.push({ kind: 'periodEnd', year: endYear, range: endRange });
      }
    }
    const pub = PUBLISH.exec(s);
    if (pub) {
      const y = YEAR.exec(pub[1]);
      if (y) {
        const at = pub.index + pub[0].indexOf(pub[1]) + y.index;
        yearSlots.push({ kind: 'publish', year: +y[1], range: mappedRange(para.text, at, at + 4) });
      }
    }
    if (para.section === 1 && para.opening) {
      const o = OPENING.exec(s);
      if (o) {
        const at = o.index + o[0].indexOf(o[1]);
        yearSlots.push({ kind: 'opening', year: +o[1], range: mappedRange(para.text, at, at + 4) });
      }
    }
  }

  // Closing date: a line holding only a date, after the last section heading.
  let closingDate: DateRef | null = null;
  const lastSectionLine = sections.length ? sections[sections.length - 1].headingRange.start.line : Infinity;
  for (let p = paragraphs.length - 1; p >= 0 && p >= paragraphs.length - 4; p--) {
    const para = paragraphs[p];
    if (para.line < lastSectionLine) break;
    const m = CLOSING_DATE.exec(para.text.text);
    if (m) {
      const at = para.text.text.indexOf(m[1]);
      closingDate = { year: +m[1], month: +m[2], day: +m[3], range: mappedRange(para.text, at, para.text.text.trimEnd().length) };
      break;
    }
  }
  void DATE;

  const pick = (kind: YearSlot['kind']) => yearSlots.find((s) => s.kind === kind);
  let year: number | null = null;
  let yearSource: Report['yearSource'] = null;
  const order: [YearSlot['kind'], Report['yearSource']][] = [['title', 'title'], ['periodStart', 'period'], ['publish', 'publish'], ['opening', 'opening']];
  for (const [kind, source] of order) {
    const slot = pick(kind);
    if (slot) {
      year = slot.year;
      yearSource = source;
      break;
    }
  }
  if (year === null && closingDate) {
    year = closingDate.year - 1;
    yearSource = 'closing';
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
