import { replace } from '../fixes/helpers';
import { T3_COLUMNS, T3_ROWS, type T3ColumnKey } from '../model/templates';
import { defineRule, type FixDraft } from './rule';

const APPLICANTS: readonly T3ColumnKey[] = T3_COLUMNS.map((c) => c.key).filter((k) => k !== 'total');

export default defineRule({
  id: 'table3-row-total',
  severity: 'error',
  docs: { summary: { 'zh-cn': '表三每行“总计”等于六类申请人之和', en: 'Each table-3 row total equals the sum of the six applicant columns' } },
  messages: {
    rowTotal: {
      'zh-cn': '表三“{row}”行：自然人至其他六列之和为 {sum}（{terms}），“总计”却为 {total}',
      en: 'Table 3, row "{row}": the six applicant columns sum to {sum} ({terms}), but the total is {total}',
    },
  },
  check(ctx) {
    const t = ctx.report.t3;
    if (!t || !t.hasTotalColumn) return;
    for (const key of t.keys) {
      const parts: number[] = [];
      for (const c of APPLICANTS) {
        const v = t.count(key, c);
        if (v === null) break;
        parts.push(v);
      }
      const total = t.count(key, 'total');
      if (parts.length !== APPLICANTS.length || total === null) continue;
      const sum = parts.reduce((a, b) => a + b, 0);
      if (sum === total) continue;
      const def = T3_ROWS.find((r) => r.key === key)!;
      ctx.emit('rowTotal', t.cell(key, 'total')!.range, { row: ctx.label(def), sum, terms: parts.join(' + '), total }, { expected: sum, row: key, column: 'total' });
    }
  },
  fix(d, ctx) {
    const expected = d.data?.expected;
    const t = ctx.report.t3;
    const key = t?.keys.find((k) => k === d.data?.row);
    if (typeof expected !== 'number' || !t || !key) return [];
    // The total follows from the row's cells. A cell is the drafter's own figure: changing one is offered only when
    // setting the total is not a clean fix (it would put another identity out), and the title says what it does.
    const fixes: FixDraft[] = [{ title: ctx.t({ 'zh-cn': '将“总计”改为 {value}（各列之和）', en: 'Set the total to {value} (the sum of the row)' }, { value: expected }), edits: [replace(d.range, String(expected))], preferred: true, safe: true }];
    const total = t.count(key, 'total');
    if (total === null) return fixes;
    for (const c of APPLICANTS) {
      let others = 0;
      for (const k of APPLICANTS) if (k !== c) others += t.count(key, k) ?? NaN;
      const v = total - others;
      const old = t.count(key, c);
      if (Number.isNaN(v) || v < 0 || v === old) continue;
      fixes.push({
        title: ctx.t({ 'zh-cn': '将“{column}”列由 {old} 改为 {value}，使本行与“总计”一致（改的是填报的数字，请先核实）', en: 'Change column "{column}" from {old} to {value} to match the total (this changes a reported figure: check it first)' }, { column: ctx.label(T3_COLUMNS.find((x) => x.key === c)!), old: old ?? '', value: v }),
        edits: [replace(t.cell(key, c)!.range, String(v))],
        fallback: true,
      });
    }
    return fixes;
  },
});
