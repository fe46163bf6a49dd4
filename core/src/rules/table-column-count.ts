import { t2RowDef, t3RowLabel } from '../model/labels';
import type { Range } from '../types';
import type { TableRow } from '../model/types';
import { defineRule } from './rule';

function valuesRange(row: TableRow): Range {
  return row.values.length ? { start: row.values[0].range.start, end: row.values[row.values.length - 1].range.end } : row.range;
}

export default defineRule({
  id: 'table-column-count',
  severity: 'error',
  docs: { summary: { 'zh-cn': '每行的数字个数须与格式规定的列数一致', en: 'Each row must hold as many values as the template has columns' } },
  messages: {
    row: {
      'zh-cn': '{table}“{row}”行有 {found} 个数，应为 {expected} 个',
      en: '{table}, row "{row}": {found} values where {expected} belong',
    },
    noTotal: {
      'zh-cn': '表三没有“总计”列：每行应有 7 个数（六类申请人加总计），现为 6 个',
      en: 'Table 3 has no total column: each row needs 7 values (six applicant columns and the total), it has 6',
    },
    noTotalShort: {
      'zh-cn': '表三没有“总计”列：每行应有 7 个数（六类申请人加总计），现为 6 个；另有 {rows} 行只有 {fewest} 个数',
      en: 'Table 3 has no total column: each row needs 7 values (six applicant columns and the total), it has 6; {rows} more rows hold only {fewest}',
    },
  },
  check(ctx) {
    const { t2, t3, t4 } = ctx.report;
    const T2 = { zh: '表二', en: 'Table 2' };
    const T3 = { zh: '表三', en: 'Table 3' };
    const T4 = { zh: '表四', en: 'Table 4' };
    if (t3) {
      const rows = t3.rows.filter((r) => r.key);
      if (!t3.hasTotalColumn) {
        const short = rows.filter((r) => r.values.length < 6);
        const at = t3.rows[0].range;
        if (short.length) ctx.emit('noTotalShort', at, { rows: short.length, fewest: Math.min(...short.map((r) => r.values.length)) }, { table: 't3', column: 'total' });
        else ctx.emit('noTotal', at, {}, { table: 't3', column: 'total' });
      } else {
        for (const row of rows) {
          if (row.values.length === 7) continue;
          ctx.emit('row', valuesRange(row), { table: ctx.label(T3), row: ctx.label(t3RowLabel(row.key!)), found: row.values.length, expected: 7 }, { table: 't3', row: row.key, expected: 7 });
        }
      }
    }
    if (t4?.data && t4.data.values.length !== 15) {
      ctx.emit('row', valuesRange(t4.data), { table: ctx.label(T4), row: ctx.label({ zh: '数据', en: 'figures' }), found: t4.data.values.length, expected: 15 }, { table: 't4', expected: 15 });
    }
    if (t2) {
      for (const row of t2.rows) {
        if (!row.key) continue;
        const def = t2RowDef(t2.template, row.key);
        if (!def || row.values.length === def.columns.length) continue;
        ctx.emit('row', valuesRange(row), { table: ctx.label(T2), row: ctx.label(def), found: row.values.length, expected: def.columns.length }, { table: 't2', row: row.key, expected: def.columns.length });
      }
    }
  },
});
