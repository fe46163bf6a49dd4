import { formatDate } from '../model/labels';
import { defineRule } from './rule';

export default defineRule({
  id: 'period-invalid',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查统计期限是否为同一年的 1 月 1 日至 12 月 31 日。', en: 'the statistics period is not 1 January – 31 December of one year' },
    summary: { 'zh-cn': '统计期限应为同一年的 1 月 1 日至 12 月 31 日', en: 'The statistics period must run from 1 January to 31 December of one year' },
  },
  messages: {
    notYear: {
      'zh-cn': '统计期限为 {from} 至 {to}，应为同一年的 1 月 1 日至 12 月 31 日',
      en: 'The statistics period runs from {from} to {to}; it must be 1 January to 31 December of one year',
    },
    reversed: {
      'zh-cn': '统计期限的截止日期 {to} 早于起始日期 {from}',
      en: 'The statistics period ends ({to}) before it starts ({from})',
    },
  },
  check(ctx) {
    const p = ctx.report.period;
    if (!p) return;
    const { start: s, end: e } = p;
    const from = formatDate(s, ctx.locale);
    const to = formatDate(e, ctx.locale);
    const key = (d: { year: number; month: number; day: number }) => d.year * 10000 + d.month * 100 + d.day;
    if (key(e) < key(s)) ctx.emit('reversed', p.range, { from, to });
    else if (s.month !== 1 || s.day !== 1 || e.month !== 12 || e.day !== 31 || s.year !== e.year) ctx.emit('notYear', p.range, { from, to });
  },
});
