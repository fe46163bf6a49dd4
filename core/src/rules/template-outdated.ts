import { defineRule } from './rule';

const PARTS = {
  t2: { zh: '表二', en: 'table 2 is' },
  t3: { zh: '表三“（六）其他处理”', en: 'the (6) rows of table 3 are' },
  both: { zh: '表二和表三“（六）其他处理”', en: 'table 2 and the (6) rows of table 3 are' },
};

export default defineRule({
  id: 'template-outdated',
  severity: 'warning',
  docs: { summary: { 'zh-cn': '表格须使用报告年度对应的格式（2021 年起用 2021 版）', en: 'Tables must use the format of the report year (2021 format from 2021 on)' } },
  messages: {
    old: {
      'zh-cn': '{year} 年度报告应使用 2021 版格式（国办公开办函〔2021〕30号），{parts}仍是 2019 版格式',
      en: 'A report for {year} must use the 2021 format (国办公开办函〔2021〕30号); {parts} still in the 2019 format',
    },
    new: {
      'zh-cn': '{year} 年度报告应使用 2019 版格式（国办公开办函〔2019〕60号），{parts}却是 2021 版格式',
      en: 'A report for {year} uses the 2019 format (国办公开办函〔2019〕60号), but {parts} in the 2021 format',
    },
  },
  check(ctx) {
    const { report, options } = ctx;
    const year = options.year ?? report.year;
    if (year === null || year === undefined || year < 2019) return;
    const want = options.template ?? (year >= 2021 ? '2021' : '2019');
    const t2Wrong = report.t2?.template && report.t2.template !== want ? report.t2 : null;
    const t3Row = report.t3 && report.t3.otherHandlingForm && report.t3.otherHandlingForm !== want ? (report.t3.byKey['otherHandling'] ?? report.t3.byKey['otherHandling.1']) : null;
    if (!t2Wrong && !t3Row) return;
    const parts = t2Wrong && t3Row ? PARTS.both : t2Wrong ? PARTS.t2 : PARTS.t3;
    const joined = ctx.label(parts);
    const at = t2Wrong ? { start: t2Wrong.range.start, end: t2Wrong.rows[0].range.end } : t3Row!.range;
    ctx.emit(want === '2021' ? 'old' : 'new', at, { year, parts: joined }, { want, t2: !!t2Wrong, t3: !!t3Row });
  },
});
