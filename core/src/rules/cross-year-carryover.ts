import { t3Cell, t3Count } from '../model/access';
import type { Table3, TableRow } from '../model/types';
import { T3_COLUMNS } from '../model/templates';
import { defineRule } from './rule';

/** The 总计 of a table-三 row: its 总计 cell, or the sum of the six applicant columns when the table has none. */
function totalOf(t: Table3, row: TableRow): number | null {
  if (t.hasTotalColumn) return t3Count(t, row, 6);
  let sum = 0;
  for (let c = 0; c < 6; c++) {
    const v = t3Count(t, row, c);
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

export default defineRule({
  id: 'cross-year-carryover',
  severity: 'warning',
  docs: {
    summary: {
      'zh-cn': '表三“二、上年结转”等于同一机关上一年度报告的“四、结转下年度继续办理”',
      en: 'Table 3 row II (carried over from last year) equals row IV (carried over to next year) of the same agency\'s previous report',
    },
  },
  messages: {
    column: {
      'zh-cn': '表三“二、上年结转政府信息公开申请数量”“{column}”列为 {value}，而 {prevYear} 年度报告“四、结转下年度继续办理”该列为 {previous}，两年数据不衔接',
      en: 'Table 3, row II (carried over from last year), column "{column}": {value}, but the {prevYear} report carried {previous} over to this year (its row IV); the two years do not match',
    },
  },
  check(ctx) {
    const t = ctx.report.t3;
    const p = ctx.previous?.t3;
    if (!t || !p || !ctx.previous) return;
    const carried = t.byKey.carried;
    const prevNext = p.byKey.carryNext;
    if (!carried || !prevNext) return;
    const prevYear = ctx.previous.year ?? '';
    let fired = false;
    for (let c = 0; c < 6; c++) {
      const v = t3Count(t, carried, c);
      const w = t3Count(p, prevNext, c);
      if (v === null || w === null || v === w) continue;
      fired = true;
      const col = T3_COLUMNS[c];
      ctx.emit('column', t3Cell(t, carried, c)!.range, { column: ctx.label(col), value: v, previous: w, prevYear }, { expected: w, column: col.key });
    }
    const v = totalOf(t, carried);
    const w = totalOf(p, prevNext);
    if (v === null || w === null || v === w) return;
    const col = T3_COLUMNS[6];
    if (t.hasTotalColumn) {
      ctx.emit('column', t3Cell(t, carried, 6)!.range, { column: ctx.label(col), value: v, previous: w, prevYear }, { expected: w, column: col.key });
    } else if (!fired) {
      // No 总计 column here: the total (the sum of the applicant columns) is reported on the row's label.
      ctx.emit('column', carried.labelRange ?? carried.range, { column: ctx.label(col), value: v, previous: w, prevYear }, { expected: w, column: col.key });
    }
  },
});
