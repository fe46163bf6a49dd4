import { replace } from '../edits/helpers';
import { T3_COLUMNS, T3_ROWS, type T3ColumnKey, type T3RowKey } from '../model/templates';
import { ruleWithData, type FixDraft } from './rule';

const APPLICANTS: readonly T3ColumnKey[] = T3_COLUMNS.map((c) => c.key).filter((k) => k !== 'total');

/** What a diagnostic of this rule carries for its fix. */
type Data = { expected: number; row: T3RowKey; column: 'total' };

export default ruleWithData<Data>()({
  id: 'table3-row-total',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查表三每一行的“总计”是否等于六类申请人（自然人至其他）之和。', en: 'a row\'s 总计 ≠ the six applicant columns' },
    fix: { 'zh-cn': '把该行“总计”改为六类申请人之和（保存时自动修复 `source.fixAll.nianbao` 也会执行）。如果这样改会让别的合计关系不成立，说明错的多半是某个申请人列，这时改为提供“将“X”列由 a 改为 b，使本行与“总计”一致（改的是填报的数字，请先核实）”；它改的是填报的数字，保存时不会自动执行。', en: 'set 总计 to the sum (or, when that would put another sum out, the one cell that is off: a reported figure, check it)' },
    summary: { 'zh-cn': '表三每行“总计”等于六类申请人之和', en: 'Each table-3 row total equals the sum of the six applicant columns' },
  },
  messages: {
    rowTotal: {
      'zh-cn': '表三“{row}”行：自然人至其他六列之和为 {sum}（{terms}），“总计”却为 {total}',
      en: 'Table 3, row "{row}": the six applicant columns sum to {sum} ({terms}), but the total is {total}',
    },
    fixTotal: { 'zh-cn': '将“总计”改为 {value}（各列之和）', en: 'Set the total to {value} (the sum of the row)' },
    fixCell: { 'zh-cn': '将“{column}”列由 {old} 改为 {value}，使本行与“总计”一致（改的是填报的数字，请先核实）', en: 'Change column "{column}" from {old} to {value} to match the total (this changes a reported figure: check it first)' },
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
    const fixes: FixDraft[] = [{ title: ctx.t('fixTotal', { value: expected }), edits: [replace(d.range, String(expected))], preferred: true, safe: true }];
    const total = t.count(key, 'total');
    if (total === null) return fixes;
    for (const c of APPLICANTS) {
      let others = 0;
      for (const k of APPLICANTS) if (k !== c) others += t.count(key, k) ?? NaN;
      const v = total - others;
      const old = t.count(key, c);
      if (Number.isNaN(v) || v < 0 || v === old) continue;
      fixes.push({
        title: ctx.t('fixCell', { column: ctx.label(T3_COLUMNS.find((x) => x.key === c)!), old: old ?? '', value: v }),
        edits: [replace(t.cell(key, c)!.range, String(v))],
        fallback: true,
      });
    }
    return fixes;
  },
});
