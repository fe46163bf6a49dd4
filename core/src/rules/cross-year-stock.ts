import { T2_2021 } from '../model/templates';
import { defineRule } from './rule';

/** Rows of table 二 (2021 format) that carry 本年制发件数 | 本年废止件数 | 现行有效件数. */
const ROWS = T2_2021.filter((d) => d.item === '一');

export default defineRule({
  id: 'cross-year-stock',
  severity: 'info',
  docs: {
    when: { 'zh-cn': '检查表二“现行有效件数”是否等于上年度现行有效件数加本年制发件数、减本年废止件数。', en: '现行有效件数 ≠ last year\'s + 制发 − 废止' },
    summary: {
      'zh-cn': '表二“现行有效件数”等于上年度现行有效件数加本年制发件数、减本年废止件数',
      en: 'Table 2 "in force" equals last year\'s "in force" plus "issued this year" minus "repealed this year"',
    },
  },
  messages: {
    stock: {
      'zh-cn': '表二“{row}”现行有效件数为 {inForce}，而 {prevYear} 年度报告的现行有效件数（{previous}）加本年制发件数（{issued}）减本年废止件数（{repealed}）为 {expected}',
      en: 'Table 2, "{row}": {inForce} in force, but the {prevYear} report\'s {previous} in force plus {issued} issued minus {repealed} repealed this year makes {expected}',
    },
  },
  check(ctx) {
    const t = ctx.report.t2;
    const p = ctx.previous?.inForce;
    if (!t || !p || !ctx.previous || t.template !== '2021') return;
    for (const def of ROWS) {
      const issued = t.count(def.key, 'issued');
      const repealed = t.count(def.key, 'repealed');
      const inForce = t.count(def.key, 'inForce');
      const previous = p[def.key] ?? null;
      if (issued === null || repealed === null || inForce === null || previous === null) continue;
      const expected = previous + issued - repealed;
      if (expected === inForce) continue;
      ctx.emit(
        'stock',
        t.cell(def.key, 'inForce')!.range,
        { row: ctx.label(def), inForce, prevYear: ctx.previous.year ?? '', previous, issued, repealed, expected },
        { expected: expected >= 0 ? expected : null },
      );
    }
  },
});
