import { t3Cell, t3Count } from '../model/access';
import { T3_COLUMNS } from '../model/templates';
import { defineRule } from './rule';

export default defineRule({
  id: 'table3-balance',
  severity: 'error',
  docs: { summary: { 'zh-cn': '表三勾稽关系：第一项加第二项之和等于第三项加第四项之和', en: 'Table 3 balance: I + II = III (total) + IV' } },
  messages: {
    balance: {
      'zh-cn': '表三“{column}”列：第一项（{a}）加第二项（{b}）之和为 {left}，第三项总计（{c}）加第四项（{d}）之和为 {right}，勾稽关系不成立',
      en: 'Table 3, column "{column}": I ({a}) + II ({b}) = {left}, but III total ({c}) + IV ({d}) = {right}; the table does not balance',
    },
  },
  check(ctx) {
    const t = ctx.report.t3;
    if (!t) return;
    const { new: n, carried, resultTotal, carryNext } = t.byKey;
    if (!n || !carried || !resultTotal || !carryNext) return;
    for (let c = 0; c < t.expectedColumns; c++) {
      const a = t3Count(t, n, c);
      const b = t3Count(t, carried, c);
      const r = t3Count(t, resultTotal, c);
      const d = t3Count(t, carryNext, c);
      if (a === null || b === null || r === null || d === null) continue;
      if (a + b === r + d) continue;
      const col = T3_COLUMNS[c];
      const fixed = a + b - r;
      ctx.emit('balance', t3Cell(t, carryNext, c)!.range, { column: ctx.label(col), a, b, left: a + b, c: r, d, right: r + d }, { expected: fixed >= 0 ? fixed : null, column: col.key });
    }
  },
});
