import { lastValueEnd, valuesSpan, valuesSum } from '../model/access';
import type { TextEdit } from '../edits/edit';
import { isHtmlRow } from '../edits/table-text';
import { t2RowDef, t3RowLabel } from '../model/labels';
import { T2_KEYS } from '../model/templates';
import type { TableRow } from '../model/types';
import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { table: 't2' | 't3' | 't4'; row?: string | null; column?: 'total'; expected?: number };

export default ruleWithData<Data>()({
  id: 'table-column-count',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查统计表每一行的数字个数是否与模板一致（表三每行 7 个，表四 15 个）。', en: 'a row has too few or too many cells (a blank cell is a cell); a missing 总计 column once per table; the sums skip such a row' },
    fix: { 'zh-cn': '表三某行只缺“总计”时，补上“总计”（按本行各列之和）；表二某行少数时，在行尾补 0；表三整列缺“总计”时，补上该列，并按各行数字算出总计。看不出少的是哪一格时（如下面的错误示例），不提供修复，请对照台账补上。', en: 'add the 总计 computed / pad with 0' },
    summary: { 'zh-cn': '每行的数字个数须与格式规定的列数一致', en: 'Each row must hold as many values as the template has columns' },
  },
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
    fixAddTotal: { 'zh-cn': '补上“总计” {value}（各列之和）', en: 'Add the total {value} (the sum of the row)' },
    fixAddTotalColumn: { 'zh-cn': '添加“总计”列（按各行之和计算）', en: 'Add the total column (computed from each row)' },
    fixAddZeros: { 'zh-cn': '补上 {count} 个 0', en: 'Add {count} zeros' },
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
          ctx.emit('row', valuesSpan(row), { table: ctx.label(T3), row: ctx.label(t3RowLabel(row.key!)), found: row.values.length, expected: 7 }, { table: 't3', row: row.key, expected: 7 });
        }
      }
    }
    if (t4?.data && t4.data.values.length !== 15) {
      ctx.emit('row', valuesSpan(t4.data), { table: ctx.label(T4), row: ctx.label({ zh: '数据', en: 'figures' }), found: t4.data.values.length, expected: 15 }, { table: 't4', expected: 15 });
    }
    if (t2) {
      for (const row of t2.rows) {
        if (!row.key) continue;
        const def = t2RowDef(t2.template, row.key);
        if (!def || row.values.length === def.columns.length) continue;
        ctx.emit('row', valuesSpan(row), { table: ctx.label(T2), row: ctx.label(def), found: row.values.length, expected: def.columns.length }, { table: 't2', row: row.key, expected: def.columns.length });
      }
    }
  },
  fix(d, ctx) {
    const { report, doc } = ctx;
    const md = doc.syntax.tablesApart;
    const cellAfter = (row: TableRow, text: string): TextEdit => {
      const end = lastValueEnd(row)!;
      return doc.syntax.appendCell(doc.lines[end.line], end, text);
    };
    const sum = valuesSum;
    const t3 = report.t3;
    if (d.data?.table === 't3' && t3) {
      const key = t3.keys.find((k) => k === d.data?.row);
      const rows = d.data.row ? (key ? [t3.row(key)!] : []) : t3.rows.filter((r) => r.key && r.values.length);
      if (rows.length === 0 || rows.some((r) => r.values.length !== 6 || isHtmlRow(doc, r.line) || Number.isNaN(sum(r)))) return [];
      const edits = rows.map((r) => cellAfter(r, String(sum(r))));
      if (!d.data.row) {
        // The whole 总计 column: its header too (a Markdown table also needs the delimiter row).
        const header = t3.rows[0];
        const hl = doc.lines[header.line];
        if (md) {
          const delim = doc.lines[header.line + 1] ?? '';
          edits.push({ range: { start: { line: header.line, character: hl.trimEnd().length }, end: { line: header.line, character: hl.trimEnd().length } }, newText: ' 总计 |' });
          edits.push({ range: { start: { line: header.line + 1, character: delim.trimEnd().length }, end: { line: header.line + 1, character: delim.trimEnd().length } }, newText: ' ---: |' });
        } else {
          edits.push({ range: { start: { line: header.line, character: hl.length }, end: { line: header.line, character: hl.length } }, newText: '\t总计' });
        }
      }
      const title = d.data.row
        ? ctx.t('fixAddTotal', { value: sum(rows[0]) })
        : ctx.t('fixAddTotalColumn');
      return [{ title, edits, preferred: true }];
    }
    if (d.data?.table === 't2' && report.t2 && typeof d.data.row === 'string' && typeof d.data.expected === 'number') {
      const key = T2_KEYS.find((k) => k === d.data?.row);
      const row = key ? report.t2.row(key) : undefined;
      if (!row || row.values.length === 0 || row.values.length >= d.data.expected || isHtmlRow(doc, row.line)) return [];
      const missing = d.data.expected - row.values.length;
      const edits = [cellAfter(row, Array(missing).fill('0').join(md ? ' | ' : '\t'))];
      return [{ title: ctx.t('fixAddZeros', { count: missing }), edits, preferred: true }];
    }
    return [];
  },
});
