import { replace } from '../edits/helpers';
import type { TextEdit } from '../edits/edit';
import { T3_COLUMNS, T3_RESULT_KEYS, type T3ColumnKey } from '../model/templates';
import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { expected: number | null; column: T3ColumnKey };

export default ruleWithData<Data>()({
  id: 'table3-balance',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查表三每一列是否满足勾稽关系：第一项加第二项之和，等于第三项总计加第四项之和。', en: '一 + 二 ≠ （七） + 四' },
    fix: { 'zh-cn': '把不平衡各列的“四、结转下年度继续办理”一次改为“一 + 二 −（七）总计”。仅当结果不小于 0、且该列“（七）总计”等于各项办理结果之和时提供（否则先改“（七）总计”，见 `table3-results-total`）。', en: 'set 四 so that it balances' },
    summary: { 'zh-cn': '表三勾稽关系：第一项加第二项之和等于第三项加第四项之和', en: 'Table 3 balance: I + II = III (total) + IV' },
  },
  messages: {
    balance: {
      'zh-cn': '表三“{column}”列：第一项（{a}）加第二项（{b}）之和为 {left}，第三项总计（{c}）加第四项（{d}）之和为 {right}，勾稽关系不成立',
      en: 'Table 3, column "{column}": I ({a}) + II ({b}) = {left}, but III total ({c}) + IV ({d}) = {right}; the table does not balance',
    },
    fix: { 'zh-cn': '将“结转下年度继续办理”改为 {values}，使勾稽关系成立', en: 'Set IV (carried over to next year) to {values} so the table balances' },
  },
  check(ctx) {
    const t = ctx.report.t3;
    if (!t) return;
    for (const c of t.columns) {
      const a = t.count('new', c);
      const b = t.count('carried', c);
      const r = t.count('resultTotal', c);
      const d = t.count('carryNext', c);
      if (a === null || b === null || r === null || d === null || a + b === r + d) continue;
      const fixed = a + b - r;
      ctx.emit('balance', t.cell('carryNext', c)!.range, { column: ctx.label(T3_COLUMNS.find((x) => x.key === c)!), a, b, left: a + b, c: r, d, right: r + d }, { expected: fixed >= 0 ? fixed : null, column: c });
    }
  },
  fix(_d, ctx) {
    // Row 四, every column that does not balance, at once; the 总计 column only when the four rows add up.
    const t = ctx.report.t3;
    if (!t) return [];
    const rowsOk = (['new', 'carried', 'resultTotal', 'carryNext'] as const).every((k) => t.consistent(k));
    const edits: TextEdit[] = [];
    const values: string[] = [];
    for (const c of t.columns) {
      if (c === 'total' && !rowsOk) continue;
      const a = t.count('new', c);
      const b = t.count('carried', c);
      const r = t.count('resultTotal', c);
      const d = t.count('carryNext', c);
      if (a === null || b === null || r === null || d === null || a + b === r + d) continue;
      // When （七） itself is not the sum of the results, that is the error to fix, not 四.
      let results = 0;
      for (const k of T3_RESULT_KEYS) if (t.row(k)) results += t.count(k, c) ?? NaN;
      if (results !== r) continue;
      if (a + b - r < 0) return [];
      edits.push(replace(t.cell('carryNext', c)!.range, String(a + b - r)));
      values.push(String(a + b - r));
    }
    if (edits.length === 0) return [];
    return [{ title: ctx.t('fix', { values: values.join(', ') }), edits, preferred: true }];
  },
});
