import { insertBefore } from '../edits/helpers';
import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { year: number | null };

export default ruleWithData<Data>()({
  id: 'title-missing',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查报告在“一、总体情况”之前是否有含“政府信息公开工作年度报告”字样的标题行。', en: 'no title `…政府信息公开工作年度报告` before 一' },
    fix: { 'zh-cn': '在文档开头插入标题骨架“<机关名称> <年份> 年政府信息公开工作年度报告”，再由起草人填写机关名称。', en: 'insert a title' },
    summary: { 'zh-cn': '报告开头应有标题“××× ×××× 年政府信息公开工作年度报告”', en: 'The report should start with its title' },
  },
  messages: {
    missing: {
      'zh-cn': '第一部分之前没有含“政府信息公开工作年度报告”的标题',
      en: 'No title containing "政府信息公开工作年度报告" before section 一',
    },
    fix: { 'zh-cn': '插入标题', en: 'Insert a title' },
  },
  check(ctx) {
    const { report } = ctx;
    if (report.title) return;
    const start = report.firstText?.start ?? { line: 0, character: 0 };
    const at = { start, end: start };
    ctx.emit('missing', at, {}, { year: report.year });
  },
  fix(d, ctx) {
    const year = typeof d.data?.year === 'number' ? d.data.year : new Date().getFullYear() - 1;
    const marks = ctx.doc.syntax.markedHeadings ? ctx.doc.syntax.headingMark(1) : '';
    const title = `${marks}${ctx.label({ zh: '（机关名称）', en: '（机关名称）' })} ${year} 年政府信息公开工作年度报告`;
    return [{ title: ctx.t('fix'), edits: [insertBefore(ctx.doc, d.range.start.line, [title, ''])], preferred: true }];
  },
});
