import { replace } from '../fixes/helpers';
import { TABLE_NAMES } from '../model/access';
import { t3RowLabel } from '../model/labels';
import { T3_ROWS } from '../model/templates';
import { defineRule } from './rule';

export default defineRule({
  id: 'table-label-variant',
  severity: 'info',
  docs: { summary: { 'zh-cn': '统计表的行名应与格式规定的表述一致', en: 'Table row labels should use the template’s wording' } },
  messages: {
    variant: {
      'zh-cn': '{table}“{found}”一行按位置是“{row}”，行名与标准表述“{standard}”不同',
      en: '{table}: the row "{found}" stands where "{row}" belongs; its label differs from the standard wording "{standard}"',
    },
  },
  check(ctx) {
    const t3 = ctx.report.t3;
    if (!t3) return;
    for (const row of t3.rows) {
      if (!row.variant || !row.key || !row.itemLabel) continue;
      const def = T3_ROWS.find((r) => r.key === row.key)!;
      ctx.emit('variant', row.itemLabel.range, { table: ctx.label(TABLE_NAMES.t3), found: row.itemLabel.text, row: ctx.label(t3RowLabel(row.key)), standard: def.zh }, { standard: def.zh });
    }
  },
  fix(d, ctx) {
    const standard = d.data?.standard;
    if (typeof standard !== 'string' || d.range.start.line !== d.range.end.line) return [];
    return [{ title: ctx.t({ 'zh-cn': '改为标准表述“{standard}”', en: 'Use the standard wording "{standard}"' }, { standard }), edits: [replace(d.range, standard)], preferred: true, safe: true }];
  },
});
