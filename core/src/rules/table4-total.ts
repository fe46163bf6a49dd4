import { replace } from '../fixes/helpers';
import { T4_GROUPS, T4_OUTCOMES } from '../model/templates';
import { defineRule } from './rule';

const FOUR = T4_OUTCOMES.map((o) => o.key).filter((k) => k !== 'total');

export default defineRule({
  id: 'table4-total',
  severity: 'error',
  docs: { summary: { 'zh-cn': '表四每组“总计”等于维持、纠正、其他结果、尚未审结之和', en: 'Each table-4 group total equals its four outcomes' } },
  messages: {
    groupTotal: {
      'zh-cn': '表四“{group}”：结果维持、结果纠正、其他结果、尚未审结之和为 {sum}（{terms}），“总计”却为 {total}',
      en: 'Table 4, {group}: upheld, corrected, other and pending sum to {sum} ({terms}), but the total is {total}',
    },
  },
  check(ctx) {
    const t = ctx.report.t4;
    if (!t?.complete) return;
    for (const g of T4_GROUPS) {
      const parts = FOUR.map((o) => t.count(g.key, o));
      const total = t.count(g.key, 'total');
      if (parts.some((v) => v === null) || total === null) continue;
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (sum !== total) ctx.emit('groupTotal', t.cell(g.key, 'total')!.range, { group: ctx.label(g), sum, terms: parts.join(' + '), total }, { expected: sum, group: g.key, outcome: 'total' });
    }
  },
  fix(d, ctx) {
    const expected = d.data?.expected;
    if (typeof expected !== 'number') return [];
    return [{ title: ctx.t({ 'zh-cn': '将“总计”改为 {value}（四项结果之和）', en: 'Set the total to {value} (the sum of the four outcomes)' }, { value: expected }), edits: [replace(d.range, String(expected))], preferred: true, safe: true }];
  },
});
