import { replace } from '../fixes/helpers';
import { t2RowDef, t3ColumnLabel, t3RowLabel, t4ColumnLabel, type Label } from '../model/labels';
import type { Cell } from '../model/types';
import { defineRule, type RuleContext } from './rule';

type Allow = { decimal?: boolean; signed?: boolean };

const T2: Label = { zh: '表二', en: 'Table 2' };
const T3: Label = { zh: '表三', en: 'Table 3' };
const T4: Label = { zh: '表四', en: 'Table 4' };
const FIGURES: Label = { zh: '数据', en: 'figures' };

function problem(cell: Cell, allow: Allow): 'blank' | 'dash' | 'text' | 'negative' | 'decimal' | null {
  if (cell.kind === 'blank') return 'blank';
  if (cell.kind === 'dash') return 'dash';
  if (cell.kind === 'text' || cell.value === null) return 'text';
  if (cell.value < 0 && !allow.signed) return 'negative';
  if (!Number.isInteger(cell.value) && !allow.decimal) return 'decimal';
  return null;
}

export default defineRule({
  id: 'table-cell-invalid',
  severity: 'error',
  docs: { summary: { 'zh-cn': '统计表的单元格须填有效数字，没有的填 0', en: 'Table cells must hold valid numbers (0 for none)' } },
  messages: {
    blank: { 'zh-cn': '{table}“{row}”行“{column}”列为空，没有数量应填 0', en: '{table}, row "{row}", column "{column}" is blank; write 0 for none' },
    dash: { 'zh-cn': '{table}“{row}”行“{column}”列为“{raw}”，不是数字，没有数量应填 0', en: '{table}, row "{row}", column "{column}" holds "{raw}", not a number; write 0 for none' },
    text: { 'zh-cn': '{table}“{row}”行“{column}”列“{raw}”不是数字', en: '{table}, row "{row}", column "{column}": "{raw}" is not a number' },
    negative: { 'zh-cn': '{table}“{row}”行“{column}”列为负数（{raw}）', en: '{table}, row "{row}", column "{column}" is negative ({raw})' },
    decimal: { 'zh-cn': '{table}“{row}”行“{column}”列为小数（{raw}），件数应为整数', en: '{table}, row "{row}", column "{column}" is a decimal ({raw}); counts are whole numbers' },
  },
  check(ctx) {
    const { t2, t3, t4 } = ctx.report;
    // Labels are looked up only for a cell with a problem.
    const emit = (ctx2: RuleContext, table: Label, row: () => Label, column: () => Label, cell: Cell, allow: Allow) => {
      const p = problem(cell, allow);
      if (p) ctx2.emit(p, cell.range, { table: ctx2.label(table), row: ctx2.label(row()), column: ctx2.label(column()), raw: cell.raw }, { kind: p, replacement: p === 'blank' || p === 'dash' ? '0' : null });
    };
    if (t3) {
      for (const row of t3.rows) {
        if (!row.key || row.values.length > 7) continue;
        row.values.forEach((cell, c) => emit(ctx, T3, () => t3RowLabel(row.key!), () => t3ColumnLabel(t3.hasTotalColumn ? c : Math.min(c, 5)), cell, {}));
      }
    }
    if (t4?.data && t4.data.values.length <= 15) {
      t4.data.values.forEach((cell, i) => emit(ctx, T4, () => FIGURES, () => t4ColumnLabel(i), cell, {}));
    }
    if (t2) {
      for (const row of t2.rows) {
        if (!row.key) continue;
        const def = t2RowDef(t2.template, row.key);
        if (!def) continue;
        row.values.forEach((cell, c) => {
          const col = def.columns[c];
          if (col) emit(ctx, T2, () => def, () => col, cell, { decimal: col.decimal, signed: col.signed });
        });
      }
    }
  },
  fix(d, ctx) {
    if (d.data?.replacement !== '0') return [];
    const line = ctx.doc.lines[d.range.start.line] ?? '';
    // An empty Markdown cell: keep a space on each side of the 0.
    const inner = line.slice(d.range.start.character, d.range.end.character);
    const text = ctx.doc.format === 'markdown' && inner.trim() === '' && inner.length >= 2 ? ' 0 ' : '0';
    return [{ title: ctx.t({ 'zh-cn': '填入 0', en: 'Write 0' }), edits: [replace(d.range, text)], preferred: true, safe: true }];
  },
});
