import { append, insertBefore } from '../edits/helpers';
import { feeStatement } from '../templates/snippets';
import { firstAfter, sectionParagraphs } from '../model/access';
import { ruleWithData } from './rule';

/** Any sentence about fees is the statement: `未发生收费情况`, `未收取任何费用`, `收取信息处理费 380 元`. */
const FEE = /信息处理费|收费|费用/;

/** What a diagnostic of this rule carries for its fix. */
type Data = { section: 6 };

export default ruleWithData<Data>()({
  id: 'fee-statement-missing',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查 2021 年度及以后的报告第六部分是否说明了信息处理费的收取情况。', en: 'from 2021, section 六 says nothing about fees (any sentence on 信息处理费, 收费 or 费用 is the statement; a bare `无` is this one problem)' },
    fix: { 'zh-cn': '在第六部分末尾（有落款的，在落款之前）插入一句信息处理费说明，如“本机关 2023 年发出信息处理费收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。”（年份为报告年度，件数和金额先填 0，请按实际核实修改）。', en: 'insert a statement to fill in' },
    summary: { 'zh-cn': '2021 年起的报告须在第六部分说明信息处理费收取情况', en: 'From 2021, section 六 must report on information processing fees' },
  },
  messages: {
    missing: {
      'zh-cn': '第六部分没有说明信息处理费的收取情况（《政府信息公开信息处理费管理办法》，{year} 年度报告应写明发出收费通知的件数、金额和实际收取金额，或说明未收取）',
      en: 'Section 六 says nothing about information processing fees; a report for {year} must state the fee notices issued, their amount and the amount collected, or that none were collected',
    },
    fix: { 'zh-cn': '插入信息处理费说明（请核实件数和金额）', en: 'Insert a fee statement (check the figures)' },
  },
  check(ctx) {
    const { report, options } = ctx;
    const year = options.year ?? report.year;
    if (year === null || year === undefined || year < 2021) return;
    const six = report.sections.find((s) => s.key === 6);
    if (!six) return;
    const start = six.headingRange.start.line;
    for (const p of sectionParagraphs(report, 6)) if (FEE.test(p.text.text)) return;
    for (let k = firstAfter(report.subheads, start); k < report.subheads.length; k++) if (FEE.test(report.subheads[k].text)) return;
    ctx.emit('missing', six.headingRange, { year }, { section: 6 });
  },
  fix(_d, ctx) {
    const year = ctx.options.year ?? ctx.report.year;
    const six = ctx.report.sections.find((s) => s.key === 6);
    if (!six || year === null || year === undefined) return [];
    const { report, doc } = ctx;
    const next = report.sections.find((s) => s.headingRange.start.line > six.headingRange.start.line);
    const lines = [feeStatement(year), ''];
    // Before the signature (the 机关 and the date) when 六 ends the report with one.
    const closing = report.closingDate && report.closingDate.range.start.line > six.headingRange.start.line && !next ? report.closingDate.range.start.line : null;
    let signature = closing;
    if (closing !== null) {
      const k = report.paragraphs.findIndex((p) => p.line === closing);
      const agency = k > 0 ? report.paragraphs[k - 1] : null;
      if (agency && agency.line > six.headingRange.end.line && agency.text.text.trim().length <= 30 && !/[。，；：]/.test(agency.text.text)) signature = agency.line;
    }
    const edit = next ? insertBefore(doc, next.headingRange.start.line, lines) : signature !== null ? insertBefore(doc, signature, lines) : append(doc, lines.slice(0, -1));
    return [{ title: ctx.t('fix'), edits: [edit], preferred: true }];
  },
});
