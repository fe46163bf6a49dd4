import { replace } from '../fixes/helpers';
import { countOf } from '../model/access';
import { T4_GROUPS, T4_OUTCOMES } from '../model/templates';
import { defineRule } from './rule';

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
    const row = ctx.report.t4?.data;
    if (!row || row.values.length !== 15) return;
    T4_GROUPS.forEach((g, gi) => {
      const parts: number[] = [];
      for (let k = 0; k < 4; k++) {
        const v = countOf(row.values[gi * 5 + k]);
        if (v === null) return;
        parts.push(v);
      }
      const totalCell = row.values[gi * 5 + 4];
      const total = countOf(totalCell);
      if (total === null) return;
      const sum = parts.reduce((a, b) => a + b, 0);
      if (sum !== total) {
        ctx.emit('groupTotal', totalCell.range, { group: ctx.label(g), sum, terms: parts.join(' + '), total }, { expected: sum, group: g.key, outcome: T4_OUTCOMES[4].key });
      }
    });
  },
  fix(d, ctx) {
    const expected = d.data?.expected;
    if (typeof expected !== 'number') return [];
    return [{ title: ctx.t({ 'zh-cn': '将“总计”改为 {value}（四项结果之和）', en: 'Set the total to {value} (the sum of the four outcomes)' }, { value: expected }), edits: [replace(d.range, String(expected))], preferred: true, safe: true }];
  },
});
