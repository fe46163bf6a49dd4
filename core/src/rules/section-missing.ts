import { append, headingMarks, insertBefore } from '../edits/helpers';
import { feeStatement } from '../templates/snippets';
import { formOfReport, SECTIONS, type SectionKey } from '../model/templates';
import { ruleWithData } from './rule';

/** What a diagnostic of this rule carries for its fix. */
type Data = { section: SectionKey; insertBefore: number | null };

export default ruleWithData<Data>()({
  id: 'section-missing',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查报告是否齐备六个部分，缺哪一部分就报哪一部分。', en: 'one of the six sections 一–六 is absent' },
    fix: { 'zh-cn': '在正确位置插入缺少的部分标题；缺的是二、三、四部分时，同时插入对应的统计表模板（数字为 0，需按实际填写）。', en: 'insert the heading in its place (with its table for 二/三/四)' },
    summary: { 'zh-cn': '六个部分必须齐全', en: 'All six sections must be present' },
  },
  messages: {
    missing: {
      'zh-cn': '缺少第{numeral}部分“{numeral}、{title}”',
      en: 'Section {numeral} "{numeral}、{title}" ({en}) is missing',
    },
    fix: { 'zh-cn': '插入“{heading}”', en: 'Insert "{heading}"' },
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
  fix(d, ctx) {
    const key = d.data?.section;
    const def = SECTIONS.find((s) => s.key === key);
    if (!def) return [];
    const { report, doc } = ctx;
    const year = ctx.options.year ?? report.year;
    const form = formOfReport(report.template, year);
    const lines = [`${headingMarks(doc, report)}${def.numeral}、${def.standard}`, ''];
    const kind = ({ 2: 't2', 3: 't3', 4: 't4' } as const)[def.key as 2 | 3 | 4];
    if (kind) lines.push(...doc.syntax.renderTable(kind, form).split('\n'), '');
    if (def.key === 6 && year !== null && year !== undefined && year >= 2021) lines.push(feeStatement(year), '');
    const before = d.data?.insertBefore;
    const edit = typeof before === 'number' ? insertBefore(doc, before, lines) : append(doc, lines.slice(0, -1));
    return [{ title: ctx.t('fix', { heading: `${def.numeral}、${def.standard}` }), edits: [edit], preferred: true }];
  },
});
