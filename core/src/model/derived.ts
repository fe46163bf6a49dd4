// What follows from the walk's sections, paragraphs and tables: section ranges, the title, the year slots, the
// statistics period, the closing date, the report year and the format.
import type { MappedText } from '../parse/items';
import type { Position, Template } from '../types';
import { paragraphRange, wholeRange, type Para } from './positioned';
import { AGENCY_WORDS, PUBLISH, TITLE_WORDS, YEAR, type TextInfo } from './recognize';
import { formForYear } from './templates';
import type { DateRef, Report, SectionInfo, Table2, Table3, YearSlot } from './types';

/** A text item before section 一, where the title is. */
export interface PrefaceLine {
  p: { text: MappedText; base: number };
  info: TextInfo;
  line: number;
}

/**
 * A section (or sub-head) runs to the end of the line before the next heading, or to the end of the document
 * (an end at the next heading's first character would count as inside it: breadcrumbs would name it).
 */
export function sectionEnds(lineCount: number, lineLength: (line: number) => number) {
  return {
    endBefore: (line: number): Position => (line > 0 ? { line: line - 1, character: lineLength(line - 1) } : { line: 0, character: 0 }),
    docEnd: { line: lineCount - 1, character: lineLength(lineCount - 1) } as Position,
  };
}

/** Sets each section's range: from its heading to the line before the next one. */
export function closeSections(sections: SectionInfo[], lineCount: number, lineLength: (line: number) => number): void {
  const { endBefore, docEnd } = sectionEnds(lineCount, lineLength);
  for (let s = 0; s < sections.length; s++) {
    sections[s].range.end = s + 1 < sections.length ? endBefore(sections[s + 1].headingRange.start.line) : docEnd;
  }
  for (const s of sections) if (s.range.end.line < s.headingRange.end.line) s.range.end = s.headingRange.end;
}

/** Where each sub-head's sub-section ends: the end of the line before the next heading of either kind, or the document's end. */
export function subheadEnds(report: Report): Position[] {
  const { sections, subheads, lineCount, lineLength } = report;
  const { endBefore, docEnd } = sectionEnds(lineCount, lineLength);
  const out: Position[] = [];
  let si = 0;
  let ki = 0;
  for (let k = 0; k < subheads.length; k++) {
    const sh = subheads[k];
    const line = sh.line;
    while (si < sections.length && sections[si].headingRange.start.line <= line) si++;
    if (ki <= k) ki = k + 1;
    while (ki < subheads.length && subheads[ki].line <= line) ki++;
    const next = Math.min(si < sections.length ? sections[si].headingRange.start.line : Infinity, ki < subheads.length ? subheads[ki].line : Infinity);
    const end = next === Infinity ? docEnd : endBefore(next);
    // Never shorter than the heading itself.
    out.push(end.line < sh.endLine ? sh.range.end : end);
  }
  return out;
}

/** The title: the first line before section 一 that names the annual report; a short line just before it is the 机关. */
export function findTitle(preface: PrefaceLine[], sections: SectionInfo[]): { title: Report['title']; yearAt: { p: PrefaceLine['p']; at: number } | null } {
  const firstSectionLine = sections.length ? sections[0].headingRange.start.line : Infinity;
  for (let k = 0; k < preface.length && preface[k].line < firstSectionLine; k++) {
    const t = preface[k].info.text;
    if (t.length > 80 || !TITLE_WORDS.test(t) || PUBLISH.test(t) || t.indexOf('。') >= 0) continue;
    let text = t;
    let range = wholeRange(preface[k].p);
    let yearAt: { p: PrefaceLine['p']; at: number } | null = null;
    const prev = k > 0 ? preface[k - 1] : null;
    const y = YEAR.exec(preface[k].p.text.text);
    if (y) yearAt = { p: preface[k].p, at: y.index };
    if (prev && !AGENCY_WORDS.test(t.replace(/政府信息公开.*$/, '')) && prev.info.text.length <= 30 && !/[。，,：:]/.test(prev.info.text) && prev.line >= preface[k].line - 3) {
      text = prev.info.text + t;
      range = { start: wholeRange(prev.p).start, end: range.end };
      const py = YEAR.exec(prev.p.text.text);
      if (!y && py) yearAt = { p: prev.p, at: py.index };
    }
    const agencyMatch = /^(.*?)(?:\s*\d{4}\s*年度?)?\s*(?:政府信息公开|信息公开|政务公开)/.exec(text);
    return { title: { text, range, agency: agencyMatch && agencyMatch[1].trim() ? agencyMatch[1].trim() : null }, yearAt };
  }
  return { title: null, yearAt: null };
}

/** A paragraph's 现发布, opening and fee year slots; kept on it while its lines stay (an edit elsewhere keeps them). */
function ownSlots(para: Para): readonly YearSlot[] {
  const kept = para.slots;
  if (kept && kept.base === para.base) return kept.list;
  const f = para.facts;
  const list: YearSlot[] = [];
  if (f.publish) list.push({ kind: 'publish', year: f.publish.year, range: paragraphRange(para, f.publish.at, f.publish.at + 4) });
  if (f.opening) list.push({ kind: 'opening', year: f.opening.year, range: paragraphRange(para, f.opening.at, f.opening.at + 4), section: para.section, plan: f.opening.plan });
  if (f.fee && f.fee.at !== f.opening?.at) list.push({ kind: 'fee', year: f.fee.year, range: paragraphRange(para, f.fee.at, f.fee.at + 4) });
  para.slots = { base: para.base, list };
  return list;
}

/** The year slots, the statistics period (the first one stated) and the closing date (a date line after the last heading). */
export function yearFacts(figures: readonly Para[], paragraphs: readonly Para[], sections: SectionInfo[], titleYearAt: { p: PrefaceLine['p']; at: number } | null) {
  const yearSlots: YearSlot[] = [];
  if (titleYearAt) {
    const { p, at } = titleYearAt;
    yearSlots.push({ kind: 'title', year: Number(p.text.text.slice(at, at + 4)), range: paragraphRange(p, at, at + 4) });
  }
  let period: Report['period'] = null;
  for (const para of figures) {
    const f = para.facts;
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
      period = { start, end: { year: endYear, month: +m[5], day: +m[6], range: endRange }, range: paragraphRange(para, startYearAt, m.index + m[0].length) };
      yearSlots.push({ kind: 'periodStart', year: start.year, range: start.range });
      if (m[4]) yearSlots.push({ kind: 'periodEnd', year: endYear, range: endRange });
    }
    for (const slot of ownSlots(para)) yearSlots.push(slot);
  }

  let closingDate: DateRef | null = null;
  const lastSectionLine = sections.length ? sections[sections.length - 1].headingRange.start.line : Infinity;
  for (let k = paragraphs.length - 1; k >= 0 && k >= paragraphs.length - 4; k--) {
    const para = paragraphs[k];
    if (para.line < lastSectionLine) break;
    const c = para.facts.closing;
    if (c) {
      closingDate = { year: c.year, month: c.month, day: c.day, range: paragraphRange(para, c.at, c.end) };
      break;
    }
  }
  return { yearSlots, period, closingDate, ...reportYear(yearSlots, closingDate) };
}

const SOURCE_OF: Partial<Record<YearSlot['kind'], Report['yearSource']>> = { title: 'title', periodStart: 'period', periodEnd: 'period', publish: 'publish', opening: 'opening' };

/**
 * The report year: the title's, unless the title alone disagrees with every other slot (then the title is the
 * mistake; a closing date in the year after the title's keeps the title). Without a year in the title, what most
 * slots say (ties go to the statistics period, then 现发布, then the openers), else the closing date's year before.
 */
function reportYear(yearSlots: YearSlot[], closingDate: DateRef | null): { year: number | null; yearSource: Report['yearSource'] } {
  const votes = yearSlots.filter((x) => x.kind === 'periodStart' || x.kind === 'publish' || (x.kind === 'opening' && !x.plan));
  const titleSlot = yearSlots.find((x) => x.kind === 'title');
  if (titleSlot) {
    const others = [...votes, ...yearSlots.filter((x) => x.kind === 'periodEnd')];
    const alone = votes.length >= 2 && others.every((x) => x.year === votes[0].year) && votes[0].year !== titleSlot.year;
    if (alone && !(closingDate && closingDate.year - 1 === titleSlot.year)) return { year: votes[0].year, yearSource: SOURCE_OF[votes[0].kind] ?? null };
    return { year: titleSlot.year, yearSource: 'title' };
  }
  if (votes.length) {
    const counts = new Map<number, number>();
    for (const v of votes) counts.set(v.year, (counts.get(v.year) ?? 0) + 1);
    const most = Math.max(...counts.values());
    const order: YearSlot['kind'][] = ['periodStart', 'publish', 'opening'];
    const pick = order.map((k) => votes.find((v) => v.kind === k && counts.get(v.year) === most)).find(Boolean)!;
    return { year: pick.year, yearSource: SOURCE_OF[pick.kind] ?? null };
  }
  if (closingDate) return { year: closingDate.year - 1, yearSource: 'closing' };
  return { year: null, yearSource: null };
}

/**
 * The format of the report: the one most of its parts are in (each 第二十条 block of table 二 and table 三's
 * （六） rows are a part). A part in the other format does not change it (template-outdated points at it);
 * a tie goes to the format the year requires.
 */
export function detectTemplate(t2: Table2 | null, t3: Table3 | null, year: number | null): Template | null {
  let s2021 = 0;
  let s2019 = 0;
  for (const b of t2?.blocks ?? []) {
    if (b.form === '2021') s2021++;
    else if (b.form === '2019') s2019++;
  }
  if (t3?.otherHandlingForm === '2021') s2021++;
  if (t3?.otherHandlingForm === '2019') s2019++;
  if (s2021 > s2019) return '2021';
  if (s2019 > s2021) return '2019';
  if (s2021 > 0 && year !== null && year >= 2019) return formForYear(year);
  if (year !== null && year <= 2018) return 'legacy';
  return null;
}
