import { defineRule } from './rule';

export default defineRule({
  id: 'not-a-report',
  severity: 'info',
  docs: {
    when: { 'zh-cn': '命令行中明确指定的文件没有被识别为政府信息公开工作年度报告时，给出提示。', en: 'a file named on the command line does not look like a report (CLI only)' },
    summary: { 'zh-cn': '命令行中明确指定的文件不像政府信息公开工作年度报告，未检查', en: 'A file named on the command line does not look like an annual report and was not checked' },
  },
  messages: {
    notAReport: { 'zh-cn': '此文件不像政府信息公开工作年度报告，未检查', en: 'This file does not look like a government information disclosure annual report; not checked' },
  },
  // Only for a file named explicitly (the CLI); the editor stays silent on documents that are not reports.
  explicitOnly: true,
  check(ctx) {
    if (!ctx.report.isReport) ctx.emit('notAReport', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  },
});
