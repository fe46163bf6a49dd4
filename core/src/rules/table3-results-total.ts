import { replace } from '../edits/helpers';
import { T3_COLUMNS, T3_RESULT_KEYS, type T3ColumnKey } from '../model/templates';
import type { Table3 } from '../model/types';
import type { TextEdit } from '../edits/edit';
import { ruleWithData } from './rule';

/** The sum of the result rows present in a column, or null when one of them cannot be read. */
function resultsSum(t: Table3, column: Parameters<Table3['count']>[1]): number | null {
  let sum = 0;
  for (const k of T3_RESULT_KEYS) {
    if (!t.row(k)) continue;
    const v = t.count(k, column);
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** What a diagnostic of this rule carries for its fix. */
type Data = { expected: number; column: T3ColumnKey };

export default ruleWithData<Data>()({
  id: 'table3-results-total',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查表三“（七）总计”是否等于各项办理结果之和（逐列检查）。', en: '（七）总计 ≠ the result rows' },
    fix: { 'zh-cn': '把不一致各列的“（七）总计”一次改为各项办理结果之和。改后会让勾稽关系（`table3-balance`）不成立时不提供，因为那说明错的是明细行。', en: 'set （七） to the sum' },
    summary: { 'zh-cn': '表三“（七）总计”等于各项办理结果之和', en: 'Table 3 row (7) equals the sum of the result rows' },
  },
  messages: {
    resultsTotal: {
      'zh-cn': '表三“{column}”列：办理结果（一）至（六）之和为 {sum}，“（七）总计”却为 {total}',
      en: 'Table 3, column "{column}": results (1) to (6) sum to {sum}, but row (7) total is {total}',
    },
    fix: { 'zh-cn': '将“（七）总计”改为办理结果之和（{values}）', en: 'Set row (7) to the sum of the results ({values})' },
  },
  check(ctx) {
    const t = ctx.report.t3;
    if (!t || !t.row('resultTotal') || !T3_RESULT_KEYS.some((k) => t.row(k))) return;
    for (const c of t.columns) {
      const total = t.count('resultTotal', c);
      const sum = resultsSum(t, c);
      if (total === null || sum === null || sum === total) continue;
      const col = T3_COLUMNS.find((x) => x.key === c)!;
      ctx.emit('resultsTotal', t.cell('resultTotal', c)!.range, { column: ctx.label(col), sum, total }, { expected: sum, column: c });
    }
  },
  fix(_d, ctx) {
    // Every column of row （七） that does not add up, at once; the 总计 column only when the rows themselves add up.
    const t = ctx.report.t3;
    if (!t || !t.row('resultTotal')) return [];
    const rowsOk = ['resultTotal' as const, ...T3_RESULT_KEYS].every((k) => t.consistent(k));
    const edits: TextEdit[] = [];
    const values: string[] = [];
    for (const c of t.columns) {
      if (c === 'total' && !rowsOk) continue;
      const total = t.count('resultTotal', c);
      const sum = resultsSum(t, c);
      if (total === null || sum === null || sum === total) continue;
      edits.push(replace(t.cell('resultTotal', c)!.range, String(sum)));
      values.push(String(sum));
    }
    if (edits.length === 0) return [];
    return [{ title: ctx.t('fix', { values: values.join(', ') }), edits, preferred: true, safe: true }];
  },
});
