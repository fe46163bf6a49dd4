import { TABLE_NAMES, valueAllows, valueCells, valueColumnLabel, valueRowLabel } from '../model/access';
import type { Cell } from '../model/types';
import { defineRule } from './rule';

/** Blanks and dashes are table-cell-blank's; here what is written but is not a count (or an amount where one is allowed). */
function problem(cell: Cell, allow: { decimal?: boolean; signed?: boolean }): 'text' | 'negative' | 'decimal' | null {
  if (cell.kind === 'blank' || cell.kind === 'dash') return null;
  if (cell.kind === 'text' || cell.value === null || (cell.unit && !allow.decimal)) return 'text';
  if (cell.value < 0 && !allow.signed) return 'negative';
  if (!Number.isInteger(cell.value) && !allow.decimal) return 'decimal';
  return null;
}

export default defineRule({
  id: 'table-cell-invalid',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查统计表中填了内容的格子是否为有效数字（不能是文字、负数或件数中的小数）。', en: 'a cell holds text, a negative number or a decimal count (amounts may have decimals and a unit: `75394432.52元`, `12.5万元`)' },
    summary: { 'zh-cn': '统计表的单元格须填有效数字：件数为非负整数，金额可带小数和单位', en: 'Table cells must hold valid numbers: counts are whole and non-negative, amounts may have decimals and a unit' },
  },
  messages: {
    text: { 'zh-cn': '{table}“{row}”行“{column}”列“{raw}”不是数字', en: '{table}, row "{row}", column "{column}": "{raw}" is not a number' },
    negative: { 'zh-cn': '{table}“{row}”行“{column}”列为负数（{raw}）', en: '{table}, row "{row}", column "{column}" is negative ({raw})' },
    decimal: { 'zh-cn': '{table}“{row}”行“{column}”列为小数（{raw}），件数应为整数', en: '{table}, row "{row}", column "{column}" is a decimal ({raw}); counts are whole numbers' },
  },
  check(ctx) {
    for (const { table, cells } of valueCells(ctx.report)) {
      for (const v of cells) {
        if (v.cell.kind === 'number' && v.cell.value !== null && Number.isInteger(v.cell.value) && v.cell.value >= 0 && !v.cell.unit) continue;
        const p = problem(v.cell, valueAllows(v));
        if (p) ctx.emit(p, v.cell.range, { table: ctx.label(TABLE_NAMES[table]), row: ctx.label(valueRowLabel(v)), column: ctx.label(valueColumnLabel(ctx.report, v)), raw: v.cell.raw }, { kind: p });
      }
    }
  },
});
