import { replace } from '../edits/helpers';
import { T4_GROUPS, T4_OUTCOMES, type T4GroupKey } from '../model/templates';
import { ruleWithData } from './rule';

const FOUR = T4_OUTCOMES.map((o) => o.key).filter((k) => k !== 'total');

/** What a diagnostic of this rule carries for its fix. */
type Data = { expected: number; group: T4GroupKey; outcome: 'total' };

export default ruleWithData<Data>()({
  id: 'table4-total',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查表四中行政复议、未经复议直接起诉、复议后起诉三组的“总计”是否各等于本组四项结果之和。', en: 'a 复议/诉讼 总计 ≠ its four outcomes' },
    fix: { 'zh-cn': '把该组“总计”改为本组四项之和。', en: 'set 总计 to the sum' },
    summary: { 'zh-cn': '表四每组“总计”等于维持、纠正、其他结果、尚未审结之和', en: 'Each table-4 group total equals its four outcomes' },
  },
  messages: {
    groupTotal: {
      'zh-cn': '表四“{group}”：结果维持、结果纠正、其他结果、尚未审结之和为 {sum}（{terms}），“总计”却为 {total}',
      en: 'Table 4, {group}: upheld, corrected, other and pending sum to {sum} ({terms}), but the total is {total}',
    },
    fix: { 'zh-cn': '将“总计”改为 {value}（四项结果之和）', en: 'Set the total to {value} (the sum of the four outcomes)' },
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
    return [{ title: ctx.t('fix', { value: expected }), edits: [replace(d.range, String(expected))], preferred: true, safe: true }];
  },
});
