import { replace } from '../fixes/helpers';
import { t3Cell, t3Count } from '../model/access';
import { T3_COLUMNS, T3_ROWS } from '../model/templates';
import { defineRule, type FixDraft } from './rule';

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
    for (const row of t.rows) {
      if (!row.key || row.values.length !== 7) continue;
      const parts: number[] = [];
      for (let c = 0; c < 6; c++) {
        const v = t3Count(t, row, c);
        if (v === null) break;
        parts.push(v);
      }
      const total = t3Count(t, row, 6);
      if (parts.length !== 6 || total === null) continue;
      const sum = parts.reduce((a, b) => a + b, 0);
      if (sum === total) continue;
      const def = T3_ROWS.find((r) => r.key === row.key)!;
      ctx.emit('rowTotal', t3Cell(t, row, 6)!.range, { row: ctx.label(def), sum, terms: parts.join(' + '), total }, { expected: sum, column: T3_COLUMNS[6].key });
    }
  },
  fix(d, ctx) {
    const expected = d.data?.expected;
    const t = ctx.report.t3;
    if (typeof expected !== 'number' || !t) return [];
    // The total follows from the row's cells. A cell is the drafter's own figure: changing one is offered only when
    // setting the total is not a clean fix (it would put another identity out), and the title says what it does.
    const fixes: FixDraft[] = [{ title: ctx.t({ 'zh-cn': '将“总计”改为 {value}（各列之和）', en: 'Set the total to {value} (the sum of the row)' }, { value: expected }), edits: [replace(d.range, String(expected))], preferred: true, safe: true }];
    const row = t.rows.find((r) => r.values[6] && r.values[6].range.start.line === d.range.start.line && r.values[6].range.start.character === d.range.start.character);
    const total = row ? t3Count(t, row, 6) : null;
    if (row && total !== null) {
      for (let c = 0; c < 6; c++) {
        let others = 0;
        for (let k = 0; k < 6; k++) if (k !== c) others += t3Count(t, row, k) ?? NaN;
        const v = total - others;
        if (Number.isNaN(v) || v < 0 || v === t3Count(t, row, c)) continue;
        fixes.push({
          title: ctx.t({ 'zh-cn': '将“{column}”列由 {old} 改为 {value}，使本行与“总计”一致（改的是填报的数字，请先核实）', en: 'Change column "{column}" from {old} to {value} to match the total (this changes a reported figure: check it first)' }, { column: ctx.label(T3_COLUMNS[c]), old: t3Count(t, row, c) ?? '', value: v }),
          edits: [replace(t3Cell(t, row, c)!.range, String(v))],
          fallback: true,
        });
      }
    }
    return fixes;
  },
});
