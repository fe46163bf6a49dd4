import { SECTIONS } from '../model/templates';
import { defineRule } from './rule';

export default defineRule({
  id: 'section-heading-variant',
  severity: 'info',
  docs: { summary: { 'zh-cn': '部分标题宜使用格式规定的标准表述', en: 'Section headings should use the standard wording' } },
  messages: {
    variant: {
      'zh-cn': '标题“{found}”与标准表述“{standard}”不同',
      en: 'Heading "{found}" differs from the standard wording "{standard}"',
    },
  },
  check(ctx) {
    for (const s of ctx.report.sections) {
      const def = SECTIONS.find((d) => d.key === s.key)!;
      if (s.wording === 'standard' && s.numeral === def.numeral) continue;
      const standard = `${def.numeral}、${def.standard}`;
      ctx.emit('variant', s.headingRange, { found: `${s.numeral}、${s.title}`, standard }, { standard });
    }
  },
});
