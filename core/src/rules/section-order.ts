import { defineRule } from './rule';

export default defineRule({
  id: 'section-order',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查六个部分是否按“一”至“六”的顺序排列。', en: 'sections out of order' },
    summary: { 'zh-cn': '六个部分须按一至六的顺序排列', en: 'Sections must appear in order 一 to 六' },
  },
  messages: {
    order: {
      'zh-cn': '“{heading}”出现在“{previous}”之后，顺序应为一至六',
      en: '"{heading}" comes after "{previous}"; sections must run from 一 to 六',
    },
  },
  check(ctx) {
    let max: (typeof ctx.report.sections)[number] | null = null;
    for (const s of ctx.report.sections) {
      if (max && s.key < max.key) ctx.emit('order', s.headingRange, { heading: s.headingText, previous: max.headingText });
      if (!max || s.key > max.key) max = s;
    }
  },
});
