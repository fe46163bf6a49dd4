import { paragraphRange } from '../model/positioned';
import { paragraphNarrative } from '../model/narrative';
import { defineRule } from './rule';

export default defineRule({
  id: 'narrative-arithmetic',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查正文中“共 N 条，其中 a 条、b 条……”的分项之和是否超过总数，以及“受理 N 件……办结 M 件”中办结数是否超过受理数。', en: '`共 N …其中 …` parts exceed N; 办结 > 受理' },
    summary: { 'zh-cn': '正文中的分项之和不能超过总数，办结数不能超过受理数', en: 'Parts must not exceed their total; cases closed must not exceed cases accepted' },
  },
  messages: {
    parts: {
      'zh-cn': '“共 {total} {unit}”，其中各项之和为 {sum} {unit}（{terms}），超过了总数',
      en: 'The parts ({terms}) add up to {sum}, more than the stated total of {total}',
    },
    done: {
      'zh-cn': '办结 {done} 件多于受理 {accepted} 件',
      en: '{done} cases closed is more than the {accepted} accepted',
    },
  },
  check(ctx) {
    for (const p of ctx.report.figures) {
      const n = paragraphNarrative(p);
      for (const l of n.lists) {
        if (l.sum <= l.total) continue;
        const last = l.parts[l.parts.length - 1];
        ctx.emit('parts', paragraphRange(p, l.totalAt, last.at + last.len), { total: l.total, unit: l.unit, sum: l.sum, terms: l.parts.map((x) => x.value).join(' + ') });
      }
      for (const a of n.acceptedDone) {
        if (a.done <= a.accepted) continue;
        ctx.emit('done', paragraphRange(p, a.doneAt, a.doneAt + a.doneLen), { done: a.done, accepted: a.accepted });
      }
    }
  },
});
