import { formatDate } from '../model/labels';
import { defineRule } from './rule';

export default defineRule({
  id: 'date-before-period-end',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查报告落款日期是否在统计期结束（报告年度 12 月 31 日）之后。', en: 'the closing date is within the report year' },
    summary: { 'zh-cn': '落款日期须在报告年度结束之后', en: 'The closing date must fall after the report year' },
  },
  messages: {
    early: {
      'zh-cn': '落款日期 {date} 不晚于报告年度的最后一天（{year} 年 12 月 31 日），年度报告应在次年发布',
      en: 'The closing date {date} is not after the end of the report year ({year}-12-31); the report is published the following year',
    },
  },
  check(ctx) {
    const { report, options } = ctx;
    const d = report.closingDate;
    const year = options.year ?? report.year;
    if (!d || year === null || year === undefined || d.year > year) return;
    const date = formatDate(d, ctx.locale);
    ctx.emit('early', d.range, { date, year }, { year });
  },
});
