import { T3_COLUMNS } from '../model/templates';
import { defineRule } from './rule';

const APPLICANTS = T3_COLUMNS.filter((c) => c.key !== 'total');
const TOTAL = T3_COLUMNS.find((c) => c.key === 'total')!;

export default defineRule({
  id: 'cross-year-carryover',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查本年度表三“二、上年结转”是否等于同一机关上一年度报告表三“四、结转下年度继续办理”。', en: '二、上年结转 ≠ last year\'s 四 (same 机关)' },
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
    const p = ctx.previous?.carryNext;
    if (!t || !p || !ctx.previous) return;
    const carried = t.row('carried');
    if (!carried) return;
    const prevYear = ctx.previous.year ?? '';
    let fired = false;
    for (const col of APPLICANTS) {
      const v = t.count('carried', col.key);
      const w = p.counts[col.key] ?? null;
      if (v === null || w === null || v === w) continue;
      fired = true;
      ctx.emit('column', t.cell('carried', col.key)!.range, { column: ctx.label(col), value: v, previous: w, prevYear }, { expected: w, column: col.key });
    }
    const v = t.total('carried');
    const w = p.total;
    if (v === null || w === null || v === w) return;
    if (t.hasTotalColumn) {
      ctx.emit('column', t.cell('carried', 'total')!.range, { column: ctx.label(TOTAL), value: v, previous: w, prevYear }, { expected: w, column: TOTAL.key });
    } else if (!fired) {
      // No 总计 column here: the total (the sum of the applicant columns) is reported on the row's label.
      ctx.emit('column', carried.labelRange ?? carried.range, { column: ctx.label(TOTAL), value: v, previous: w, prevYear }, { expected: w, column: TOTAL.key });
    }
  },
});
