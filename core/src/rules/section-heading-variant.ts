import { replace } from '../edits/helpers';
import { SECTIONS } from '../model/templates';
import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { standard: string };

export default ruleWithData<Data>()({
  id: 'section-heading-variant',
  severity: 'info',
  docs: {
    when: { 'zh-cn': '检查部分标题的措辞是否与全国统一格式的标准写法一致。', en: 'a heading differs from the standard wording' },
    fix: { 'zh-cn': '把标题文字替换为标准写法（保留原有的 Markdown `#`、加粗等格式）。', en: 'use the standard wording' },
    summary: { 'zh-cn': '部分标题宜使用格式规定的标准表述', en: 'Section headings should use the standard wording' },
  },
  messages: {
    variant: {
      'zh-cn': '标题“{found}”与标准表述“{standard}”不同',
      en: 'Heading "{found}" differs from the standard wording "{standard}"',
    },
    fix: { 'zh-cn': '改为标准表述“{standard}”', en: 'Use the standard wording "{standard}"' },
  },
  check(ctx) {
    for (const s of ctx.report.sections) {
      const def = SECTIONS.find((d) => d.key === s.key)!;
      if (s.wording === 'standard' && s.numeral === def.numeral) continue;
      const standard = `${def.numeral}、${def.standard}`;
      ctx.emit('variant', s.headingRange, { found: `${s.numeral}、${s.title}`, standard }, { standard });
    }
  },
  fix(d, ctx) {
    const standard = d.data?.standard;
    if (typeof standard !== 'string') return [];
    const line = ctx.doc.lines[d.range.start.line];
    // Replace from the numeral to the end of the wording, keeping Markdown marks and bold around it.
    const from = line.search(/[一二三四五六]\s*[、.,．，]/);
    if (from < 0) return [];
    let to = line.length;
    while (to > from && /[\s*#]/.test(line[to - 1])) to--;
    const range = { start: { line: d.range.start.line, character: from }, end: { line: d.range.start.line, character: to } };
    return [{ title: ctx.t('fix', { standard }), edits: [replace(range, standard)], preferred: true, safe: true }];
  },
});
