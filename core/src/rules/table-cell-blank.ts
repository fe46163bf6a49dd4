import { TABLE_NAMES, valueCells, valueColumnLabel, valueRowLabel, type ValueCell } from '../model/access';
import type { Label } from '../model/labels';
import { ruleWithData, type RuleContext } from './rule';

const MAX_NAMED = 3;

/** A slot covered by a merged cell above holds that cell's value, not a blank of its own. */
const isBlank = (v: ValueCell) => (v.cell.kind === 'blank' && !v.cell.covered) || v.cell.kind === 'dash';

/** `全部 25 行` / `“一、本年新收…”“二、上年结转…”等 4 行`. */
function rowsText(ctx: RuleContext, blank: ValueCell[], all: ValueCell[]): string {
  const rows = [...new Set(blank.map((v) => v.row))];
  const total = new Set(all.map((v) => v.row)).size;
  const zh = ctx.locale !== 'en';
  if (rows.length === total && total > 1) return zh ? `全部 ${total} 行` : `all ${total} rows`;
  const names = rows.slice(0, MAX_NAMED).map((r) => ctx.label(valueRowLabel(blank.find((v) => v.row === r)!)));
  const more = rows.length > MAX_NAMED;
  if (zh) return names.map((n) => `“${n}”`).join('') + (more ? `等 ${rows.length} 行` : '行');
  return (rows.length === 1 ? 'row ' : `${rows.length} rows: `) + names.map((n) => `"${n}"`).join(', ') + (more ? ', …' : '');
}

function columnsText(ctx: RuleContext, blank: ValueCell[]): string {
  const names: string[] = [];
  for (const v of [...blank].sort((a, b) => a.col - b.col)) {
    const n = ctx.label(valueColumnLabel(ctx.report, v));
    if (!names.includes(n)) names.push(n);
  }
  const shown = names.slice(0, 5);
  if (ctx.locale === 'en') return shown.map((n) => `"${n}"`).join(', ') + (names.length > 5 ? ', …' : '');
  return shown.map((n) => `“${n}”`).join('') + (names.length > 5 ? `等 ${names.length} ` : '');
}

const messages = {
  blank: {
    'zh-cn': '{table}有 {count} 个单元格没有填数字（空白或“/”“—”“无”），在{rows}的{columns}列；没有数量应填 0，核对勾稽关系时按 0 计算',
    en: '{table}: cells without a number (blank, "/", "—" or "无"): {count}, in {rows}, columns {columns}; write 0 for none (the identities count them as 0)',
  },
  cell: { 'zh-cn': '“{row}”行“{column}”列{what}', en: 'row "{row}", column "{column}" {what}' },
  fix: { 'zh-cn': '将这 {count} 个单元格都填为 0', en: 'Write 0 in all {count} cells' },
};

const BLANK: Label = { zh: '为空', en: 'is blank' };

/** What a diagnostic of this rule carries for its fix. */
type Data = { table: 't2' | 't3' | 't4'; count: number };

export default ruleWithData<Data>()({
  id: 'table-cell-blank',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查统计表中是否有留空或只写了“/”“—”“-”“无”的单元格（没有数量应填 0），每张表报告一次。', en: 'cells left blank or holding `/`, `—`, `-`, `无`: once per table, naming the rows and columns (the sums count them as 0)' },
    fix: { 'zh-cn': '“将这 N 个单元格都填为 0”，一次把这张表里所有这样的单元格都填为 0。这是安全的修复，执行“年报：修复所有可自动修复的问题”时也会一并完成。', en: 'fill them all with `0`' },
    summary: { 'zh-cn': '统计表中没有数量的单元格应填 0，不要留空或写“/”“—”“无”', en: 'Table cells with nothing to count hold 0, not a blank, "/", "—" or "无"' },
  },
  messages,
  check(ctx) {
    for (const { table, cells } of valueCells(ctx.report)) {
      const blank = cells.filter(isBlank);
      if (blank.length === 0) continue;
      const related = blank.map((v) => ({
        range: v.cell.range,
        message: ctx.t('cell', {
          row: ctx.label(valueRowLabel(v)),
          column: ctx.label(valueColumnLabel(ctx.report, v)),
          what: ctx.label(v.cell.kind === 'blank' ? BLANK : { zh: `为“${v.cell.raw}”`, en: `holds "${v.cell.raw}"` }),
        }),
      }));
      ctx.emit(
        'blank',
        blank[0].cell.range,
        { table: ctx.label(TABLE_NAMES[table]), count: blank.length, rows: rowsText(ctx, blank, cells), columns: columnsText(ctx, blank) },
        { table, count: blank.length },
        related,
      );
    }
  },
  fix(d, ctx) {
    const table = d.data?.table;
    const group = valueCells(ctx.report).find((g) => g.table === table);
    if (!group) return [];
    const edits = group.cells
      .filter(isBlank)
      .map((v) => ctx.doc.syntax.fillCell(ctx.doc.lines[v.cell.range.start.line] ?? '', v.cell.range, '0'));
    if (edits.length === 0) return [];
    return [{ title: ctx.t('fix', { count: edits.length }), edits, preferred: true, safe: true }];
  },
});
