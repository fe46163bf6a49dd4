import { asPrior, type Prior } from '../across';
import { sentenceDigests } from '../model/sentences';
import type { Report } from '../model/types';
import { defineRule } from './rule';

/** Share of this report's narrative (in characters) found verbatim in last year's report that fires the rule. */
const THRESHOLD = 0.7;
/** Below this many narrative characters there is too little text to judge. */
const MIN_NARRATIVE = 100;

/** The share (0–1) of this report's narrative characters in sentences that also occur in `previous`, or null when there is too little narrative. */
export function copiedShare(report: Report, previous: Report | Prior): number | null {
  const theirs = asPrior(previous).sentences;
  let total = 0;
  let copied = 0;
  for (const p of report.paragraphs) {
    if (p.section === 0) continue;
    const d = sentenceDigests(p.text);
    for (let k = 0; k < d.length; k += 2) {
      total += d[k + 1];
      if (theirs.has(d[k])) copied += d[k + 1];
    }
  }
  if (total < MIN_NARRATIVE || theirs.size === 0) return null;
  return copied / total;
}

export default defineRule({
  id: 'copied-from-previous',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查本年度报告的正文是否大部分与同一机关上一年度报告相同。', en: 'most of the text is last year\'s' },
    summary: {
      'zh-cn': '本年度报告正文大部分与同一机关上一年度报告相同',
      en: 'Most of the narrative is identical to the same agency\'s report for the previous year',
    },
  },
  messages: {
    copied: {
      'zh-cn': '本报告正文约 {percent}% 的内容与 {prevYear} 年度报告相同（年份、数字不同的不计为差别），请按本年度的实际工作撰写',
      en: 'About {percent}% of this report\'s narrative is identical to the {prevYear} report (ignoring changed years and numbers); describe this year\'s actual work',
    },
  },
  check(ctx) {
    const prev = ctx.previous;
    if (!prev) return;
    const share = copiedShare(ctx.report, prev);
    if (share === null || share < THRESHOLD) return;
    const range = ctx.report.title?.range ?? ctx.report.sections[0]?.headingRange;
    if (!range) return;
    ctx.emit('copied', range, { percent: Math.floor(share * 100), prevYear: prev.year ?? '' }, { share });
  },
});
