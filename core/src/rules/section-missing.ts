import { SECTIONS } from '../model/templates';
import { defineRule } from './rule';

export default defineRule({
  id: 'section-missing',
  severity: 'error',
  docs: { summary: { 'zh-cn': '六个部分必须齐全', en: 'All six sections must be present' } },
  messages: {
    missing: {
      'zh-cn': '缺少第{numeral}部分“{numeral}、{title}”',
      en: 'Section {numeral} "{numeral}、{title}" ({en}) is missing',
    },
  },
  check(ctx) {
    const { sections, title } = ctx.report;
    const present = new Set(sections.map((s) => s.key));
    for (const def of SECTIONS) {
      if (present.has(def.key)) continue;
      // Point at the section that follows the missing one, else the one before, else the title.
      const after = sections.find((s) => s.key > def.key);
      const before = [...sections].reverse().find((s) => s.key < def.key);
      const anchor = after?.headingRange ?? before?.headingRange ?? title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      ctx.emit('missing', anchor, { numeral: def.numeral, title: def.standard, en: def.en }, { section: def.key, insertBefore: after ? after.headingRange.start.line : null });
    }
  },
});
