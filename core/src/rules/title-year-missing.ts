import { defineRule } from './rule';

export default defineRule({
  id: 'title-year-missing',
  severity: 'warning',
  docs: { summary: { 'zh-cn': '标题应写明报告年度', en: 'The title should state the report year' } },
  messages: {
    missing: { 'zh-cn': '标题中没有年份', en: 'The title has no year' },
    missingInferred: {
      'zh-cn': '标题中没有年份；从正文看，报告年度为 {year} 年',
      en: 'The title has no year; the body says the report year is {year}',
    },
  },
  check(ctx) {
    const { title, year, yearSlots } = ctx.report;
    if (!title || yearSlots.some((s) => s.kind === 'title')) return;
    if (year !== null) ctx.emit('missingInferred', title.range, { year }, { year });
    else ctx.emit('missing', title.range);
  },
});
