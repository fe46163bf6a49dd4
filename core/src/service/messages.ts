import { fill } from '../text/lines';
import type { Locale } from '../types';

/** What the editor features and the server say to the user (window/showMessage, code action titles, completion), in both languages. */
const MESSAGES = {
  configUnreadable: {
    'zh-cn': 'Nianbao：无法读取配置文件 {path}，已忽略：{reason}',
    en: 'Nianbao: cannot read {path}; it was ignored: {reason}',
  },
  configBadJson: {
    'zh-cn': 'Nianbao：配置文件 {path} 不是有效的 JSON，{reason}；其中的设置暂不生效，改正并保存后即生效',
    en: 'Nianbao: {path} is not valid JSON ({reason}); its settings are ignored until it is fixed and saved',
  },
  jsonAt: { 'zh-cn': '第 {line} 行第 {column} 列附近有误', en: 'near line {line}, column {column}' },
  jsonEnd: { 'zh-cn': '内容不完整（缺少结尾的括号、引号或值）', en: 'it ends too early (a closing bracket, quote or value is missing)' },
  jsonOther: { 'zh-cn': '格式有误', en: 'it is malformed' },
  configProblems: {
    'zh-cn': 'Nianbao：配置文件 {path} 中以下设置有误，已忽略：{problems}',
    en: 'Nianbao: these settings in {path} are wrong and were ignored: {problems}',
  },
  tooLarge: {
    'zh-cn': 'Nianbao：{path} 有 {size} MB，超过 {limit} MB（设置 nianbao.maxFileSizeMB），未检查',
    en: 'Nianbao: {path} is {size} MB, over the {limit} MB limit (setting nianbao.maxFileSizeMB); it is not checked',
  },
  formatTextTables: {
    'zh-cn': '年报：文本（.txt）报告的表格以制表符分隔，不能用空格对齐（空格会留在单元格里，粘贴到 Word、WPS 后更乱），“格式化文档”不改动文本报告。编辑器中这些表格已按列对齐显示（设置“按列对齐显示表格”），也可以用“表格预览”查看。',
    en: 'Nianbao: plain-text (.txt) tables are tab-separated and cannot be aligned with spaces (the spaces would stay in the cells and look worse once pasted into Word or WPS); Format Document leaves plain-text reports as they are. The editor shows these tables aligned (setting "Show tables aligned"), and the Table Preview shows them as grids.',
  },
  fixAllSafe: { 'zh-cn': '年报：修复所有可自动修复的问题', en: 'Nianbao: fix all auto-fixable problems' },
  fixAllDone: { 'zh-cn': '已修复 {fixed} 个问题；其余 {left} 个需要人工核对', en: 'Fixed {fixed} problem(s); the other {left} need a person to check them' },
  fixAllDoneAll: { 'zh-cn': '已修复 {fixed} 个问题，没有剩下的问题', en: 'Fixed {fixed} problem(s); none is left' },
  fixAllNone: { 'zh-cn': '没有可以安全自动修复的问题：其余 {left} 个需要人工核对', en: 'No problem can be fixed automatically and safely: the {left} left need a person to check them' },
  fixAllClean: { 'zh-cn': '本报告没有发现问题，不需要修复', en: 'No problems in this report: nothing to fix' },
  fixAllStale: { 'zh-cn': '文档在修复时被改动，未作修改；请再试一次', en: 'The document changed while it was being fixed; nothing was changed. Try again' },
  fixAllOfRule: { 'zh-cn': '修复本文件中所有 {rule} 问题（{count} 处）', en: 'Fix all {count} {rule} problems in this file' },
  disableLine: { 'zh-cn': '在此行禁用 {rule}', en: 'Disable {rule} for this line' },
  disableFile: { 'zh-cn': '在此文件中禁用 {rule}', en: 'Disable {rule} in this file' },
  disableWorkspace: { 'zh-cn': '在工作区中关闭规则 {rule}（.nianbao.json）', en: 'Turn {rule} off for the workspace (.nianbao.json)' },
  completionSkeleton: { 'zh-cn': '年度报告框架', en: 'Annual report skeleton' },
  completionSkeletonDetail: { 'zh-cn': '{year} 年度政府信息公开工作年度报告（六个部分和标准表格）', en: 'A {year} report: the six sections and the standard tables' },
  completionT2: { 'zh-cn': '插入表二：主动公开政府信息情况', en: 'Insert table 2: proactive disclosure' },
  completionT3: { 'zh-cn': '插入表三：收到和处理政府信息公开申请情况', en: 'Insert table 3: applications received and handled' },
  completionT4: { 'zh-cn': '插入表四：行政复议、行政诉讼情况', en: 'Insert table 4: reconsideration and litigation' },
  format2021: { 'zh-cn': '2021 版格式（国办公开办函〔2021〕30号）', en: '2021 format (国办公开办函〔2021〕30号)' },
  format2019: { 'zh-cn': '2019 版格式（国办公开办函〔2019〕60号）', en: '2019 format (国办公开办函〔2019〕60号)' },
  snippetTitle: { 'zh-cn': '年报标题', en: 'Report title' },
  snippetPeriod: { 'zh-cn': '统计期限', en: 'Statistics period' },
  snippetPublish: { 'zh-cn': '现发布《…年度报告》', en: 'Publication sentence (现发布)' },
  snippetFee: { 'zh-cn': '信息处理费收取情况', en: 'Information processing fees' },
  snippetClosing: { 'zh-cn': '落款（机关和日期）', en: 'Closing (body and date)' },
  moreProblems: { 'zh-cn': '；另有 {count} 处', en: '; and {count} more' },
} as const;

export type ServerMessage = keyof typeof MESSAGES;

export function serverMessage(locale: Locale, key: ServerMessage, args: Record<string, string | number> = {}): string {
  return fill(MESSAGES[key][locale], args);
}

const LISTED_PROBLEMS = 10;
const PROBLEM_CHARS = 200;

/** Where a `.nianbao.json` is not valid JSON, in words (JSON.parse's own message is English). */
export function jsonErrorText(locale: Locale, at: { line: number; column: number } | 'end' | null): string {
  if (at === 'end') return serverMessage(locale, 'jsonEnd');
  return at ? serverMessage(locale, 'jsonAt', at) : serverMessage(locale, 'jsonOther');
}

/** The problems of a configuration file for one message: the first ten, each cut to 200 characters, and how many more. */
export function problemList(locale: Locale, problems: readonly string[]): string {
  const cut = (p: string) => (p.length > PROBLEM_CHARS ? p.slice(0, PROBLEM_CHARS) + '…' : p);
  const shown = problems.slice(0, LISTED_PROBLEMS).map(cut).join('; ');
  return problems.length > LISTED_PROBLEMS ? shown + serverMessage(locale, 'moreProblems', { count: problems.length - LISTED_PROBLEMS }) : shown;
}
