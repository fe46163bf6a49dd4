import { YEAR_SOURCE, type Label } from '../model/labels';
import { replace } from '../edits/helpers';
import type { YearSlotKind } from '../model/types';
import { ruleWithData } from './rule';
import type { TextEdit } from '../edits/edit';
import type { Diagnostic } from '../types';

const SLOT: Record<YearSlotKind, Label> = {
  title: { zh: '标题', en: 'the title' },
  periodStart: { zh: '统计期限起始', en: 'the start of the statistics period' },
  periodEnd: { zh: '统计期限截止', en: 'the end of the statistics period' },
  publish: { zh: '“现发布《…》”一句', en: 'the "现发布《…》" sentence' },
  opening: { zh: '段首', en: 'the opening of a paragraph' },
  fee: { zh: '信息处理费说明', en: 'the statement on information processing fees' },
};


/** "Change them all" is the same for every problem of one check: built once (fix-all asks each of 1,000 problems). */
const ALL = new WeakMap<readonly Diagnostic[], Map<string, TextEdit[]>>();
function allEdits(diagnostics: readonly Diagnostic[], year: string): TextEdit[] {
  let byYear = ALL.get(diagnostics);
  if (!byYear) ALL.set(diagnostics, (byYear = new Map()));
  let edits = byYear.get(year);
  if (!edits) byYear.set(year, (edits = diagnostics.filter((x) => x.code === 'year-mismatch' && x.data?.expected === year).map((x) => replace(x.range, year))));
  return edits;
}

/** What a diagnostic of this rule carries for its fix. */
type Data = { expected: string; found: string };

export default ruleWithData<Data>()({
  id: 'year-mismatch',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查报告中应写报告年度的地方，年份是否都与报告年度一致。', en: 'the title, the statistics period, 现发布《…》, a paragraph opening or the fee statement names another year than the report year (the title\'s, unless the title alone disagrees with all the others: then the title is flagged); next year\'s plans (`2024年，我区将…`) are not flagged' },
    fix: { 'zh-cn': '把该处年份改为报告年度；也可选择把全文所有此类不一致一次改正。标题年份写错时，改的是标题。', en: 'this one, or all of them' },
    summary: { 'zh-cn': '标题、统计期限、发布语句等处的年份须与报告年度一致', en: 'Years in the title, statistics period and other slots must match the report year' },
  },
  messages: {
    mismatch: {
      'zh-cn': '{slot}的年份为 {found} 年，与报告年度 {year} 年（取自{source}）不一致',
      en: 'The year in {slot} is {found}, but the report year is {year} (from {source})',
    },
    fixOne: { 'zh-cn': '改为 {year}', en: 'Change to {year}' },
    fixAll: { 'zh-cn': '将文中 {count} 处不一致的年份都改为 {year}', en: 'Change all {count} mismatched years to {year}' },
  },
  check(ctx) {
    const { report, options } = ctx;
    const year = options.year ?? report.year;
    if (year === null || year === undefined) return;
    const source = options.year !== undefined ? 'option' : report.yearSource ?? 'title';
    const reference: Record<string, YearSlotKind> = { title: 'title', period: 'periodStart', publish: 'publish', opening: 'opening' };
    let skipped = false;
    for (const slot of report.yearSlots) {
      // The slot the year was read from is not compared with itself.
      if (!skipped && options.year === undefined && reference[source] === slot.kind && slot.year === year) {
        skipped = true;
        continue;
      }
      if (slot.year === year) continue;
      // `2024年，我区将…` in a 2023 report states plans: not a slot.
      if (slot.plan && slot.year === year + 1) continue;
      ctx.emit('mismatch', slot.range, { slot: ctx.label(SLOT[slot.kind]), found: slot.year, year, source: ctx.label(YEAR_SOURCE[source]) }, { expected: String(year), found: String(slot.year) });
    }
  },
  fix(d, ctx) {
    const year = d.data?.expected;
    if (typeof year !== 'string') return [];
    const all = allEdits(ctx.diagnostics, year);
    const fixes = [{ title: ctx.t('fixOne', { year }), edits: [replace(d.range, year)], preferred: true }];
    if (all.length > 1) fixes.push({ title: ctx.t('fixAll', { year, count: all.length }), edits: all, preferred: false });
    return fixes;
  },
});
