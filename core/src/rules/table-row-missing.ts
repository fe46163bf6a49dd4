import { insertAfter, insertBefore } from '../edits/helpers';
import { isHtmlRow, pipeCells } from '../edits/table-text';
import { t2RowDef, t3RowLabel } from '../model/labels';
import { T2_2019, T2_2021, T2_KEYS, T3_ROWS } from '../model/templates';
import type { TableRow } from '../model/types';
import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { table: 't2' | 't3' | 't4'; row?: string; afterLine?: number | null };

export default ruleWithData<Data>()({
  id: 'table-row-missing',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查统计表是否缺少模板规定的行。', en: 'a template row is absent' },
    fix: { 'zh-cn': '在正确位置插入缺少的行，各格填 0；如该项实际有数，请改成实际数字。', en: 'insert the row with zeros' },
    summary: { 'zh-cn': '统计表中不能缺少格式规定的行', en: 'Tables must hold every row of the template' },
  },
  messages: {
    t3: { 'zh-cn': '表三缺少“{row}”一行', en: 'Table 3 lacks the row "{row}"' },
    t2: { 'zh-cn': '表二缺少“{row}”一行', en: 'Table 2 lacks the row "{row}"' },
    t4: { 'zh-cn': '表四缺少数据行', en: 'Table 4 has no row of figures' },
    fix: { 'zh-cn': '插入此行（各列填 0）', en: 'Insert the row (with zeros)' },
  },
  check(ctx) {
    const { t2, t3, t4 } = ctx.report;
    if (t3) {
      const form = t3.otherHandlingForm ?? (ctx.report.template === '2019' ? '2019' : '2021');
      let previous: TableRow | null = null;
      for (const def of T3_ROWS) {
        if (!def.templates.includes(form)) continue;
        const row = t3.row(def.key);
        if (row) {
          previous = row;
          continue;
        }
        const at = previous ? { start: previous.range.start, end: previous.range.end } : { start: t3.range.start, end: t3.range.start };
        ctx.emit('t3', at, { row: ctx.label(t3RowLabel(def.key)) }, { table: 't3', row: def.key, afterLine: previous ? previous.line : null });
      }
    }
    if (t2) {
      const defs = t2.template === '2019' ? T2_2019 : T2_2021;
      const presentItems = new Set([...t2.items, ...T2_KEYS.filter((k) => t2.row(k)).map((k) => t2.def(k)?.item)]);
      let previous: TableRow | null = null;
      for (const def of defs) {
        const row = t2.row(def.key);
        if (row) {
          previous = row;
          continue;
        }
        // A whole missing block is table-missing's; here only rows missing inside a present block.
        if (!presentItems.has(def.item)) continue;
        const at = previous ? previous.range : { start: t2.range.start, end: t2.range.start };
        ctx.emit('t2', at, { row: ctx.label(def) }, { table: 't2', row: def.key, afterLine: previous ? previous.line : null });
      }
    }
    if (t4 && !t4.data) ctx.emit('t4', { start: t4.range.start, end: t4.range.start }, {}, { table: 't4' });
  },
  fix(d, ctx) {
    const { report, doc } = ctx;
    const table = d.data?.table;
    const key = d.data?.row;
    if (typeof key !== 'string') return [];
    const after = typeof d.data?.afterLine === 'number' ? d.data.afterLine : null;
    const neighbour = after ?? (table === 't3' ? report.t3?.rows.find((r) => r.key)?.line : report.t2?.rows.find((r) => r.key)?.line);
    if (neighbour === undefined || isHtmlRow(doc, neighbour)) return [];
    let row: string;
    if (table === 't3' && report.t3) {
      const form = report.t3.otherHandlingForm ?? (report.template === '2019' ? '2019' : '2021');
      row = doc.syntax.renderT3Row(key, form, Array(report.t3.expectedColumns).fill(0), pipeCells(doc.lines[neighbour]));
    } else if (table === 't2' && report.t2) {
      const def = t2RowDef(report.t2.template, key);
      if (!def) return [];
      row = doc.syntax.renderT2Row(key, report.t2.template ?? '2021', Array(def.columns.length).fill(0));
    } else return [];
    const edit = after !== null ? insertAfter(doc, after, [row]) : insertBefore(doc, neighbour, [row]);
    return [{ title: ctx.t('fix'), edits: [edit], preferred: true }];
  },
});
