import { replace } from '../fixes/helpers';
import { t3Cell, t3Count, t3RowConsistent } from '../model/access';
import { T3_COLUMNS, T3_RESULT_KEYS } from '../model/templates';
import { defineRule } from './rule';

export default defineRule({
  id: 'table3-results-total',
  severity: 'error',
  docs: { summary: { 'zh-cn': '表三“（七）总计”等于各项办理结果之和', en: 'Table 3 row (7) equals the sum of the result rows' } },
  messages: {
    resultsTotal: {
      'zh-cn': '表三“{column}”列：办理结果（一）至（六）之和为 {sum}，“（七）总计”却为 {total}',
      en: 'Table 3, column "{column}": results (1) to (6) sum to {sum}, but row (7) total is {total}',
    },
  },
  check(ctx) {
    const t = ctx.report.t3;
    const totalRow = t?.byKey['resultTotal'];
    if (!t || !totalRow) return;
    const resultRows = T3_RESULT_KEYS.map((k) => t.byKey[k]).filter((r) => r !== undefined);
    if (resultRows.length === 0) return;
    for (let c = 0; c < t.expectedColumns; c++) {
      const total = t3Count(t, totalRow, c);
      if (total === null) continue;
      let sum = 0;
      let known = true;
      for (const r of resultRows) {
        const v = t3Count(t, r, c);
        if (v === null) {
          known = false;
          break;
        }
        sum += v;
      }
      if (!known || sum === total) continue;
      const col = T3_COLUMNS[t.hasTotalColumn ? c : Math.min(c, 5)];
      ctx.emit('resultsTotal', t3Cell(t, totalRow, c)!.range, { column: ctx.label(col), sum, total }, { expected: sum, column: col.key });
    }
  },
  fix(_d, ctx) {
    // Every column of row （七） that does not add up, at once; the 总计 column only when the rows themselves add up.
    const t = ctx.report.t3;
    const totalRow = t?.byKey['resultTotal'];
    if (!t || !totalRow) return [];
    const resultRows = T3_RESULT_KEYS.map((k) => t.byKey[k]).filter((r) => r !== undefined);
    const rowsOk = [totalRow, ...resultRows].every((r) => t3RowConsistent(t, r));
    const edits = [];
    const values: string[] = [];
    for (let c = 0; c < t.expectedColumns; c++) {
      if (c === 6 && !rowsOk) continue;
      const total = t3Count(t, totalRow, c);
      let sum = 0;
      for (const r of resultRows) sum += t3Count(t, r, c) ?? NaN;
      if (total === null || Number.isNaN(sum) || sum === total) continue;
      edits.push(replace(t3Cell(t, totalRow, c)!.range, String(sum)));
      values.push(String(sum));
    }
    if (edits.length === 0) return [];
    return [{ title: ctx.t({ 'zh-cn': '将“（七）总计”改为办理结果之和（{values}）', en: 'Set row (7) to the sum of the results ({values})' }, { values: values.join(', ') }), edits, preferred: true, safe: true }];
  },
});
