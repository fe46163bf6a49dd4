import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { year: number };

export default ruleWithData<Data>()({
  id: 'title-year-missing',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查报告标题中是否写明了报告年度。', en: 'the title has no year' },
    fix: { 'zh-cn': '把推断出的报告年度（如“2023 年”）插入标题中“政府信息公开工作年度报告”之前。', en: 'insert the year read from the body' },
    summary: { 'zh-cn': '标题应写明报告年度', en: 'The title should state the report year' },
  },
  messages: {
    missing: { 'zh-cn': '标题中没有年份', en: 'The title has no year' },
    missingInferred: {
      'zh-cn': '标题中没有年份；从正文看，报告年度为 {year} 年',
      en: 'The title has no year; the body says the report year is {year}',
    },
    fix: { 'zh-cn': '在标题中写明年份 {year}', en: 'Add the year {year} to the title' },
  },
  check(ctx) {
    const { title, year, yearSlots } = ctx.report;
    if (!title || yearSlots.some((s) => s.kind === 'title')) return;
    if (year !== null) ctx.emit('missingInferred', title.range, { year }, { year });
    else ctx.emit('missing', title.range);
  },
  fix(d, ctx) {
    const year = d.data?.year;
    if (typeof year !== 'number') return [];
    for (let l = d.range.start.line; l <= d.range.end.line; l++) {
      const line = ctx.doc.lines[l];
      const at = line.search(/政府信息公开|政务公开|信息公开/);
      if (at < 0) continue;
      const space = at > 0 && !/\s/.test(line[at - 1]) ? ' ' : '';
      const pos = { line: l, character: at };
      return [{ title: ctx.t('fix', { year }), edits: [{ range: { start: pos, end: pos }, newText: `${space}${year} 年` }], preferred: true }];
    }
    return [];
  },
});
