import { firstAfter } from '../model/access';
import { defineRule } from './rule';

const NOTHING = /^(?:无|暂无|没有|无。|暂无。)[。.]?$/;

export default defineRule({
  id: 'section-empty',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查某一部分是否只有标题、没有内容，或只写了“无”。', en: 'a section is empty or only says `无` (not 六 of a report for 2019 or later: from 2021 a bare 六 is `fee-statement-missing`, in 2019/2020 it needs nothing)' },
    summary: { 'zh-cn': '每个部分都应有实际内容，不能为空或只写“无”', en: 'Every section needs real content, not nothing or just "无"' },
  },
  messages: {
    empty: { 'zh-cn': '“{heading}”下没有内容', en: '"{heading}" has no content' },
    nothing: { 'zh-cn': '“{heading}”下只写了“{text}”', en: '"{heading}" only says "{text}"' },
  },
  check(ctx) {
    const { sections, paragraphs, tables } = ctx.report;
    const year = ctx.options.year ?? ctx.report.year;
    for (const s of sections) {
      // 六 of a 2019/2020 report needs nothing; from 2021 a bare 六 is fee-statement-missing's (one problem, not two).
      if (s.key === 6 && year !== null && year !== undefined && year >= 2019) continue;
      const start = s.headingRange.end.line;
      const end = s.range.end.character === 0 ? s.range.end.line - 1 : s.range.end.line;
      if (tables.some((t) => t.range.start.line > start && t.range.start.line <= end)) continue;
      // Stops at the first paragraph with real content: a long section costs next to nothing.
      let nothing: string | null = null;
      let content = false;
      for (let k = firstAfter(paragraphs, start); k < paragraphs.length; k++) {
        const p = paragraphs[k];
        if (p.line > end) break;
        const text = p.text.text.length > 8 ? p.text.text : p.text.text.trim();
        if (!text) continue;
        if (text.length <= 8 && NOTHING.test(text)) nothing ??= text;
        else {
          content = true;
          break;
        }
      }
      if (content) continue;
      if (nothing === null) ctx.emit('empty', s.headingRange, { heading: s.headingText });
      else ctx.emit('nothing', s.headingRange, { heading: s.headingText, text: nothing });
    }
  },
});
