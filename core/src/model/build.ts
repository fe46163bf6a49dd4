// The report model: one walk over the parsed blocks (sections, sub-heads, paragraphs, table regions, inline
// directives), then what follows from them (derived.ts). Runs of unchanged plain-text blocks reuse what they
// gave last time (incremental.ts).
import type { Block, Item } from '../parse/items';
import type { Range, SourceFormat } from '../types';
import { formatById } from '../formats/index';
import { normalizeLabel } from '../text/normalize';
import { closeSections, detectTemplate, findTitle, yearFacts, type PrefaceLine } from './derived';
import { runAt, stateOf } from './incremental';
import { isFigure, joinable, wholeRange, type Para, type Sub } from './positioned';
import { DIRECTIVE, type RowInfo, type TextInfo } from './recognize';
import { Regions } from './regions';
import type { SectionKey } from './templates';
import { TextWalk } from './text-walk';
import type { Directive, Report, SectionInfo, Table2, Table3, Table4 } from './types';

const REPORT_TITLE = /政府信息公开(?:工作)?年度报告|政务公开(?:工作)?年度报告/;

/** Builds the report model from parsed blocks. */
export function buildReport(blocks: readonly Block[], lineCount: number, lineLength: (line: number) => number, format: SourceFormat): Report {
  const sections: SectionInfo[] = [];
  const subheads: Sub[] = [];
  const paragraphs: Para[] = [];
  const figures: Para[] = [];
  const directives: Directive[] = [];
  const preface: PrefaceLine[] = [];
  const regions = new Regions();
  const lineTables = formatById(format).lineTables;
  let firstText: Range | null = null;
  let section: SectionKey | 0 = 0;
  const walk = new TextWalk(0, true, null, false);
  let lastItemKind: Item['kind'] | null = null;
  // The item before was a label line of a table row (see BlockState.labelLines).
  let labelLine = false;

  const add = (p: Para) => {
    paragraphs.push(p);
    if (isFigure(p)) figures.push(p);
  };
  /** The last paragraph continued: `p` replaces `old`. */
  const replaceLast = (p: Para, old: Para) => {
    paragraphs[paragraphs.length - 1] = p;
    if (figures.length && figures[figures.length - 1] === old) figures.pop();
    if (isFigure(p)) figures.push(p);
  };

  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    const items = block.items;
    if (items.length === 0) continue;
    const state = stateOf(block);
    if (section !== 0 && state.plain) {
      const last = walk.last as Para | null;
      const run = runAt(blocks, b, section, walk.opening, walk.adjacent && joinable(last));
      if (run.closesRegion) regions.close();
      if (run.lead && last) {
        const joined = last.join(run.lead.text, block, run.lead.endLine);
        replaceLast(joined, last);
        walk.last = joined;
      }
      for (const p of run.paragraphs) paragraphs.push(p);
      for (const p of run.figures) figures.push(p);
      for (const s of run.subheads) subheads.push(s);
      walk.opening = run.openingAfter;
      if (run.lastAfter === 'own') walk.last = run.paragraphs[run.paragraphs.length - 1];
      else if (run.lastAfter === null) walk.last = null;
      walk.adjacent = run.adjacentAfter;
      if (run.lastItemKind) lastItemKind = run.lastItemKind;
      b += run.blocks.length - 1;
      continue;
    }
    const base = block.start;
    walk.newBlock();
    for (let j = 0; j < items.length; j++, lastItemKind = items[j - 1].kind) {
      const item = items[j];
      const afterLabelLine = labelLine;
      labelLine = false;
      if (!walk.begin(item)) continue;
      if (item.kind === 'row') {
        regions.add({ item, base, info: state.infos[j] as RowInfo }, section);
        walk.interrupt(false);
        continue;
      }
      if (item.kind === 'comment') {
        const d = DIRECTIVE.exec(item.text);
        if (d) directives.push({ kind: d[1] as Directive['kind'], rules: d[2].split(/[\s,]+/).filter(Boolean), line: base + item.line, endLine: base + item.endLine });
        continue;
      }
      if (item.kind === 'tableEnd' || item.kind === 'other') continue;

      const info = state.infos[j] as TextInfo;
      if (!info.text) continue;
      const p = { text: item.text, base };
      if (info.section) {
        regions.close();
        const range = wholeRange(p);
        firstText ??= range;
        sections.push({
          key: info.section.def.key,
          numeral: info.section.numeral,
          title: info.section.title,
          headingText: info.text,
          headingRange: range,
          range: { start: { line: range.start.line, character: 0 }, end: range.end },
          wording: info.wording,
        });
        section = walk.section = info.section.def.key;
        walk.interrupt(true);
        continue;
      }
      // A 第二十条 caption belongs to table 二, also when it stands alone before the first block.
      if (info.caption) {
        regions.add({ item, base, info }, section);
        continue;
      }
      // Short lines between rows of one text block are a row's label written over several lines.
      if (regions.open && lineTables && state.labelLines[j] && (lastItemKind === 'row' || afterLabelLine)) {
        regions.add({ item, base, info }, section);
        labelLine = true;
        continue;
      }
      regions.close();
      if (!info.subhead) {
        if (section === 0 && sections.length === 0) preface.push({ p, info, line: base + item.line });
        firstText ??= wholeRange(p);
      }
      const step = walk.text(block, item, info);
      if (step.kind === 'sub') subheads.push(step.sub);
      else if (step.kind === 'para') add(step.para);
      else if (step.kind === 'joined') replaceLast(step.para, step.replaced);
    }
  }
  regions.close();
  closeSections(sections, lineCount, lineLength);

  const { title, yearAt } = findTitle(preface, sections);
  const { yearSlots, period, closingDate, year, yearSource } = yearFacts(figures, paragraphs, sections, yearAt);
  const tables = regions.tables;
  const t2 = (tables.find((t) => t.kind === 't2') as Table2 | undefined) ?? null;
  const t3 = (tables.find((t) => t.kind === 't3') as Table3 | undefined) ?? null;
  const t4 = (tables.find((t) => t.kind === 't4') as Table4 | undefined) ?? null;
  const distinct = new Set(sections.map((s) => s.key));
  const isReport = (title !== null && REPORT_TITLE.test(normalizeLabel(title.text))) || distinct.size >= 3;

  return {
    format,
    isReport,
    title,
    year,
    yearSource,
    template: detectTemplate(t2, t3, year),
    sections,
    subheads,
    paragraphs,
    figures,
    tables,
    t2,
    t3,
    t4,
    yearSlots,
    period,
    closingDate,
    directives,
    firstText: firstText ?? sections[0]?.headingRange ?? null,
    lineCount,
    lineLength,
  };
}
