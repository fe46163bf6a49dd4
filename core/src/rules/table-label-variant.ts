import { replace } from '../edits/helpers';
import { TABLE_NAMES } from '../model/access';
import { t3RowLabel } from '../model/labels';
import { T3_ROWS } from '../model/templates';
import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { standard: string };

export default ruleWithData<Data>()({
  id: 'table-label-variant',
  severity: 'info',
  docs: {
    when: { 'zh-cn': '检查表三的行名是否与格式规定的标准表述一致（与标准表述只差几个字的行名仍按该行核对）。', en: 'a 表三 row label is a character or two off the standard wording (`2.其他法律行政止公开`); the row is read as that row' },
    fix: { 'zh-cn': '把行名改为标准表述（修复的名称如“改为标准表述“2.其他法律行政法规禁止公开””）。这是安全的修复，执行“年报：修复所有可自动修复的问题”时也会一并完成。', en: 'use the standard wording' },
    summary: { 'zh-cn': '统计表的行名应与格式规定的表述一致', en: 'Table row labels should use the template’s wording' },
  },
  messages: {
    variant: {
      'zh-cn': '{table}“{found}”一行按位置是“{row}”，行名与标准表述“{standard}”不同',
      en: '{table}: the row "{found}" stands where "{row}" belongs; its label differs from the standard wording "{standard}"',
    },
    fix: { 'zh-cn': '改为标准表述“{standard}”', en: 'Use the standard wording "{standard}"' },
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
    return [{ title: ctx.t('fix', { standard }), edits: [replace(d.range, standard)], preferred: true, safe: true }];
  },
});
