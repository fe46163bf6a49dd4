import { fill } from './text/lines';
import type { Place } from './readers/places';
import type { Locale } from './types';

/** Strings of the command-line front end, in both languages. */
const MESSAGES = {
  notAReport: { 'zh-cn': '此文件不像政府信息公开工作年度报告，未检查', en: 'This file does not look like a government information disclosure annual report; not checked' },
  noFiles: { 'zh-cn': '没有找到可检查的报告文件（{extensions}）', en: 'No report files found ({extensions})' },
  cannotRead: { 'zh-cn': '无法读取 {path}：{reason}', en: 'Cannot read {path}: {reason}' },
  binary: { 'zh-cn': '{path} 不是文本文件，已跳过', en: '{path} is not a text file; skipped' },
  tooLarge: { 'zh-cn': '{path} 超过 {limit} MB，已跳过', en: '{path} is larger than {limit} MB; skipped' },
  summary: {
    'zh-cn': '共 {problems} 个问题（{errors} 个错误，{warnings} 个警告，{infos} 个信息{hints}）',
    en: '{problems} {problems:problem|problems} ({errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, {infos} {infos:info|infos}{hints})',
  },
  /** The hints of the summary, when there are any (hints are rare: only a setting makes a rule a hint). */
  summaryHints: {
    'zh-cn': '，{hints} 个提示',
    en: ', {hints} {hints:hint|hints}',
  },
  clean: { 'zh-cn': '{files} 个文件，未发现问题', en: '{files} {files:file|files}, no problems found' },
  unreadableCount: { 'zh-cn': '另有 {count} 个文件无法读取，未检查', en: '{count} more {count:file|files} could not be read and {count:was|were} not checked' },
  unreadableSkipped: { 'zh-cn': '另有 {count} 个文件无法读取，已按 --skip-unreadable 跳过', en: '{count} more {count:file|files} could not be read; skipped (--skip-unreadable)' },
  unreadableOnly: { 'zh-cn': '{count} 个文件无法读取，未检查', en: '{count} {count:file|files} could not be read and {count:was|were} not checked' },
  unreadableLine: { 'zh-cn': '无法读取，未检查：{reason}', en: 'Not read, not checked: {reason}' },
  'unreadable.binary': { 'zh-cn': '不是文本文件，也不是 PDF 或 Word（.docx）文档', en: 'not a text file, nor a PDF or Word (.docx) document' },
  'unreadable.encoding': { 'zh-cn': '无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030/GBK）', en: 'unknown text encoding (not UTF-8, UTF-16 or GB18030/GBK)' },
  'unreadable.legacyWord': {
    'zh-cn': '这是旧版 Word（.doc）或 WPS 文件，无法直接读取；请在 Word 或 WPS 中“另存为” .docx 后再检查',
    en: 'an old Word (.doc) or WPS file, which cannot be read; save it as .docx in Word or WPS and check that',
  },
  'unreadable.encrypted': { 'zh-cn': 'PDF 已加密（设有密码），无法读取文字', en: 'the PDF is encrypted (password protected); its text cannot be read' },
  'unreadable.noText': {
    'zh-cn': 'PDF 没有文字层（可能是扫描件），无法检查；请使用可以复制文字的 PDF 或原始 Word 文档',
    en: 'the PDF has no text layer (probably a scan) and cannot be checked; use a PDF whose text can be copied, or the original Word document',
  },
  'unreadable.damaged': { 'zh-cn': '文件已损坏或不是它的扩展名所说的格式', en: 'the file is damaged, or not in the format its name says' },
  'unreadable.empty': { 'zh-cn': '文件中没有文字', en: 'the file holds no text' },
  'unreadable.unsupported': {
    'zh-cn': '网页版 VS Code 不能读取 PDF 和 Word 文件；请在桌面版 VS Code 中打开，或用命令行 nianbao check 检查',
    en: 'VS Code for the Web cannot read PDF and Word files; open it in desktop VS Code, or check it with the command line (nianbao check)',
  },
  'unreadable.tooLarge': { 'zh-cn': '文件超过 {limit} MB', en: 'the file is larger than {limit} MB' },
  'unreadable.io': { 'zh-cn': '读取出错（{error}）', en: 'reading failed ({error})' },
  'unreadable.notAFile': { 'zh-cn': '不是普通文件（管道、设备或套接字），未读取', en: 'not a regular file (a pipe, device or socket); not read' },
  'unreadable.brokenLink': { 'zh-cn': '符号链接指向的文件不存在', en: 'a symbolic link to a file that does not exist' },
  'unreadable.linkLoop': { 'zh-cn': '符号链接形成循环，未跟随', en: 'a symbolic link loop; not followed' },
  'unreadable.linkOutside': { 'zh-cn': '符号链接指向所检查的文件夹之外，未跟随', en: 'a symbolic link out of the folder being checked; not followed' },
  'unreadable.unlistable': { 'zh-cn': '无法列出文件夹内容（{error}）', en: 'the folder cannot be listed ({error})' },
  progress: { 'zh-cn': '检查中', en: 'Checking' },
  fixedLabel: { 'zh-cn': '修复后', en: 'fixed' },
  fixedNote: { 'zh-cn': '已修复', en: 'fixed' },
  fixedDryNote: { 'zh-cn': '按修复后的文字', en: 'as it would be fixed' },
  fixNotWritten: { 'zh-cn': '{path} 未写回：修复后的文字无法用 {encoding} 保存', en: '{path} not written: the fixed text cannot be saved in {encoding}' },
  tooManyWarnings: { 'zh-cn': '警告 {warnings} 个，超过 --max-warnings 允许的 {max} 个', en: '{warnings} {warnings:warning|warnings}, more than the {max} --max-warnings allows' },
  'col.file': { 'zh-cn': '文件', en: 'file' },
  'col.agency': { 'zh-cn': '机关', en: 'body' },
  'col.year': { 'zh-cn': '年度', en: 'year' },
  'col.format': { 'zh-cn': '格式', en: 'format' },
  'col.errors': { 'zh-cn': '错误', en: 'errors' },
  'col.warnings': { 'zh-cn': '警告', en: 'warnings' },
  'col.unread': { 'zh-cn': '无法读取', en: 'not read' },
  'col.notReport': { 'zh-cn': '不是年报', en: 'no report' },
  'sev.error': { 'zh-cn': '错误', en: 'Error' },
  'sev.warning': { 'zh-cn': '警告', en: 'Warning' },
  'sev.info': { 'zh-cn': '信息', en: 'Info' },
  'sev.hint': { 'zh-cn': '提示', en: 'Hint' },
  'html.title': { 'zh-cn': '政府信息公开工作年度报告检查结果', en: 'Annual disclosure reports: check results' },
  'html.subtitle': { 'zh-cn': '共 {files} 个文件，其中 {reports} 份年度报告 · 检查日期 {date} · Nianbao', en: '{files} {files:file|files}, {reports} annual {reports:report|reports} · checked on {date} · Nianbao' },
  'html.atGlance': { 'zh-cn': '总体情况', en: 'At a glance' },
  'html.status.errors': { 'zh-cn': '有错误', en: 'With errors' },
  'html.status.warnings': { 'zh-cn': '只有警告', en: 'Warnings only' },
  'html.status.clean': { 'zh-cn': '未发现问题', en: 'No problems' },
  'html.status.notReport': { 'zh-cn': '不是年报', en: 'Not a report' },
  'html.status.unread': { 'zh-cn': '无法读取', en: 'Not read' },
  'html.chart.status': { 'zh-cn': '各报告检查结果', en: 'Reports by result' },
  'html.chart.rules': { 'zh-cn': '问题按规则统计', en: 'Problems by rule' },
  'html.chart.received': { 'zh-cn': '各机关收到的政府信息公开申请（表三）', en: 'Applications received per body (table 3)' },
  'html.chart.results': { 'zh-cn': '各机关申请办理结果（表三）', en: 'Results per body (table 3)' },
  'html.chart.disputes': { 'zh-cn': '各机关行政复议、行政诉讼（表四）', en: 'Reconsideration and litigation per body (table 4)' },
  'html.fig.received': { 'zh-cn': '本年新收', en: 'new this year' },
  'html.fig.carried': { 'zh-cn': '上年结转', en: 'carried over' },
  'html.fig.granted': { 'zh-cn': '予以公开', en: 'disclosed' },
  'html.fig.partial': { 'zh-cn': '部分公开', en: 'partly disclosed' },
  'html.fig.otherResults': { 'zh-cn': '其他办理结果', en: 'other results' },
  'html.fig.review': { 'zh-cn': '行政复议', en: 'reconsideration' },
  'html.fig.litigation': { 'zh-cn': '行政诉讼', en: 'litigation' },
  'html.allReports': { 'zh-cn': '全部报告', en: 'All reports' },
  'html.sortHint': { 'zh-cn': '按错误数排序；点击列标题可重新排序。', en: 'Sorted by errors; click a column heading to sort by it.' },
  'html.infos': { 'zh-cn': '信息', en: 'infos' },
  'html.statusCol': { 'zh-cn': '结果', en: 'result' },
  'html.perReport': { 'zh-cn': '各报告的问题', en: 'Findings per report' },
  'html.line': { 'zh-cn': '第 {line} 行第 {column} 列', en: 'line {line}, column {column}' },
  'html.yearOf': { 'zh-cn': '{year} 年度', en: 'report year {year}' },
  'html.print': { 'zh-cn': '打印本报告的反馈意见', en: 'Print the feedback for this report' },
  'html.yourBody': { 'zh-cn': '贵单位', en: 'your body' },
  'html.feedback': {
    'zh-cn': '{agency}：经检查，贵单位 {year} 年政府信息公开工作年度报告有以下 {n} 处问题，请逐项核实并修改后重新发布。',
    en: 'To {agency}: the {year} annual report has the following {n} {n:problem|problems}; please check each, correct it and publish the report again.',
  },
  'html.feedbackClean': { 'zh-cn': '{agency}：经检查，贵单位 {year} 年政府信息公开工作年度报告未发现问题。', en: 'To {agency}: no problems were found in the {year} annual report.' },
  'html.footer': {
    'zh-cn': '由 Nianbao 年报检查生成：按国办公开办函〔2021〕30号规定的格式逐项检查，每条问题的说明见规则页。本文件不依赖网络，可直接通过邮件发送。',
    en: 'Made by Nianbao: every item checked against the format of 国办公开办函〔2021〕30号; each finding explains its rule. This file needs no network and can be sent as it is.',
  },
  'place.page': { 'zh-cn': '第 {page} 页', en: 'page {page}' },
  'place.paragraph': { 'zh-cn': '第 {paragraph} 段', en: 'paragraph {paragraph}' },
  'place.row': { 'zh-cn': '第 {table} 个表格第 {row} 行', en: 'table {table}, row {row}' },
  'place.cell': { 'zh-cn': '第 {table} 个表格第 {row} 行第 {cell} 格', en: 'table {table}, row {row}, cell {cell}' },
  reportLine: { 'zh-cn': '{year} 年度报告，{template}', en: 'report for {year}, {template}' },
  template2021: { 'zh-cn': '2021 版格式', en: '2021 format' },
  template2019: { 'zh-cn': '2019 版格式', en: '2019 format' },
  templateLegacy: { 'zh-cn': '旧版格式', en: 'legacy format' },
  templateUnknown: { 'zh-cn': '格式未识别', en: 'format not recognised' },
  yearUnknown: { 'zh-cn': '年度未知', en: 'unknown year' },
  configUnreadable: { 'zh-cn': '无法读取配置文件 {path}：{reason}', en: 'Cannot read the configuration file {path}: {reason}' },
  configBadJson: { 'zh-cn': '配置文件 {path} 不是有效的 JSON：{reason}', en: 'The configuration file {path} is not valid JSON: {reason}' },
  configInvalid: { 'zh-cn': '配置文件 {path} 有误：{problems}', en: 'The configuration file {path} is invalid: {problems}' },
  badDeadline: { 'zh-cn': '--deadline 应为 MM-DD 格式的日期，例如 01-31，而不是“{value}”', en: '--deadline must be a date as MM-DD, e.g. 01-31, not "{value}"' },
} as const;

export type CliMessage = keyof typeof MESSAGES;

/** `{n:problem|problems}`: the first form when `n` is 1, else the second (English plurals). */
const PLURAL = /\{(\w+):([^|{}]*)\|([^{}]*)\}/g;

export function cliMessage(locale: Locale, key: CliMessage, args: Record<string, string | number> = {}): string {
  return fill(MESSAGES[key][locale].replace(PLURAL, (_, name: string, one: string, other: string) => (Number(args[name]) === 1 ? one : other)), args);
}

export const CLI_MESSAGES = MESSAGES;

/** Where a problem is in a PDF or Word file, in words: 第 3 页, 第 12 段, 第 2 个表格第 5 行第 3 格. */
export function placeText(locale: Locale, place: Place): string {
  if ('page' in place) return cliMessage(locale, 'place.page', { page: place.page });
  if ('paragraph' in place) return cliMessage(locale, 'place.paragraph', { paragraph: place.paragraph });
  return place.cell !== undefined ? cliMessage(locale, 'place.cell', { ...place, cell: place.cell }) : cliMessage(locale, 'place.row', place);
}
