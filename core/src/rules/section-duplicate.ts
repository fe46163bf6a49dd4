import { defineRule } from './rule';

export default defineRule({
  id: 'section-duplicate',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查同一部分序号（如“二、”）是否在报告中出现了两次。', en: 'a section appears twice' },
    summary: { 'zh-cn': '同一部分不能出现两次', en: 'A section must not appear twice' },
  },
  messages: {
    duplicate: {
      'zh-cn': '第{numeral}部分重复出现（第一次在第 {line} 行）',
      en: 'Section {numeral} appears again (first on line {line})',
    },
  },
  check(ctx) {
    const seen = new Map<number, number>();
    for (const s of ctx.report.sections) {
      const first = seen.get(s.key);
      if (first !== undefined) ctx.emit('duplicate', s.headingRange, { numeral: s.numeral, line: first + 1 });
      else seen.set(s.key, s.headingRange.start.line);
    }
  },
});
