import { defineRule } from './rule';

export default defineRule({
  id: 'title-missing',
  severity: 'warning',
  docs: { summary: { 'zh-cn': '报告开头应有标题“××× ×××× 年政府信息公开工作年度报告”', en: 'The report should start with its title' } },
  messages: {
    missing: {
      'zh-cn': '第一部分之前没有含“政府信息公开工作年度报告”的标题',
      en: 'No title containing "政府信息公开工作年度报告" before section 一',
    },
  },
  check(ctx) {
    const { report } = ctx;
    if (report.title) return;
    const start = report.firstText?.start ?? { line: 0, character: 0 };
    const at = { start, end: start };
    ctx.emit('missing', at, {}, { year: report.year });
  },
});
