import { formatDate } from '../model/labels';
import { defineRule } from './rule';

export default defineRule({
  id: 'date-late',
  severity: 'info',
  docs: {
    when: { 'zh-cn': '检查报告落款日期是否晚于公布截止日期（默认为报告年度次年的 1 月 31 日）。', en: 'the closing date is after the deadline (`nianbao.deadline`)' },
    summary: { 'zh-cn': '落款日期晚于公布期限（默认次年 1 月 31 日）', en: 'The closing date is after the publication deadline (default 31 January of the next year)' },
  },
  messages: {
    late: {
      'zh-cn': '落款日期 {date} 晚于公布期限 {deadline}（条例第四十九条）',
      en: 'The closing date {date} is after the deadline {deadline} (Regulation art. 49)',
    },
  },
  check(ctx) {
    const { report, options } = ctx;
    const d = report.closingDate;
    const year = options.year ?? report.year;
    if (!d || year === null || year === undefined) return;
    const { month, day } = options.deadline;
    const late = d.year > year + 1 || (d.year === year + 1 && (d.month > month || (d.month === month && d.day > day)));
    if (!late) return;
    const date = formatDate(d, ctx.locale);
    const deadline = formatDate({ year: year + 1, month, day }, ctx.locale);
    ctx.emit('late', d.range, { date, deadline });
  },
});
