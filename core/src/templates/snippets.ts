/** Where the 机关 is still to be written (placeholder-left reports it when it is left). */
export const AGENCY_PLACEHOLDER = '（机关名称）';

/** The statement on information processing fees that section 六 needs from 2021 on (国办函〔2020〕109号). */
export function feeStatement(year: number): string {
  return `本机关 ${year} 年发出信息处理费收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。`;
}

/** The closing of a report: the 机关 and a date in January of the next year (before the 31st, 条例第四十九条). */
export function closingLines(agency: string, year: number): string[] {
  return [agency, '', `${year + 1} 年 1 月 20 日`];
}

/** A snippet the editor offers: `body` has tab stops (`${1:…}`), `words` are what typing finds it by. */
export interface ReportSnippet {
  id: 'title' | 'period' | 'publish' | 'fee' | 'closing';
  words: readonly string[];
  body: string;
}

/** `$`, `}` and `\` are special in a snippet body. */
const esc = (s: string) => s.replace(/[$}\\]/g, (c) => `\\${c}`);

/** The report's snippets for its year and 机关 (a placeholder where the 机关 is not known). */
export function reportSnippets(year: number, agency: string | null): ReportSnippet[] {
  const a = esc(agency || AGENCY_PLACEHOLDER);
  return [
    { id: 'title', words: ['年报标题', '标题', 'nbtitle'], body: `\${1:${a}} \${2:${year}} 年政府信息公开工作年度报告` },
    { id: 'period', words: ['统计期限', 'nbperiod'], body: `本报告统计数据从 \${1:${year}} 年 1 月 1 日至 12 月 31 日。` },
    { id: 'publish', words: ['现发布', 'nbpublish'], body: `根据《中华人民共和国政府信息公开条例》要求，现发布《\${1:${a}} \${2:${year}} 年政府信息公开工作年度报告》。` },
    { id: 'fee', words: ['信息处理费', '收费', 'nbfee'], body: `本机关 \${1:${year}} 年发出信息处理费收费通知 \${2:0} 件，总金额 \${3:0} 元，实际收取信息处理费 \${4:0} 元。` },
    { id: 'closing', words: ['落款', 'nbsign'], body: `\${1:${a}}\n\n\${2:${year + 1}} 年 \${3:1} 月 \${4:20} 日` },
  ];
}
