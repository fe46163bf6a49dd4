import { fill } from './text/lines';
import type { Place } from './readers/places';
import type { Locale } from './types';

/** Strings of the command-line front end, in both languages. */
const MESSAGES = {
  notAReport: { 'zh-cn': '此文件不像政府信息公开工作年度报告，未检查', en: 'This file does not look like a government information disclosure annual report; not checked' },
  noFiles: { 'zh-cn': '没有找到报告文件', en: 'No report files found' },
  cannotRead: { 'zh-cn': '无法读取 {path}：{reason}', en: 'Cannot read {path}: {reason}' },
  binary: { 'zh-cn': '{path} 不是文本文件，已跳过', en: '{path} is not a text file; skipped' },
  tooLarge: { 'zh-cn': '{path} 超过 {limit} MB，已跳过', en: '{path} is larger than {limit} MB; skipped' },
  summary: { 'zh-cn': '共 {problems} 个问题（{errors} 个错误，{warnings} 个警告，{infos} 个提示）', en: '{problems} problems ({errors} errors, {warnings} warnings, {infos} infos)' },
  clean: { 'zh-cn': '{files} 个文件，未发现问题', en: '{files} files, no problems found' },
  unreadableCount: { 'zh-cn': '另有 {count} 个文件无法读取，未检查', en: '{count} more files could not be read and were not checked' },
  unreadableSkipped: { 'zh-cn': '另有 {count} 个文件无法读取，已按 --skip-unreadable 跳过', en: '{count} more files could not be read; skipped (--skip-unreadable)' },
  unreadableOnly: { 'zh-cn': '{count} 个文件无法读取，未检查', en: '{count} files could not be read and were not checked' },
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

export function cliMessage(locale: Locale, key: CliMessage, args: Record<string, string | number> = {}): string {
  return fill(MESSAGES[key][locale], args);
}

export const CLI_MESSAGES = MESSAGES;

/** Where a problem is in a PDF or Word file, in words: 第 3 页, 第 12 段, 第 2 个表格第 5 行第 3 格. */
export function placeText(locale: Locale, place: Place): string {
  if ('page' in place) return cliMessage(locale, 'place.page', { page: place.page });
  if ('paragraph' in place) return cliMessage(locale, 'place.paragraph', { paragraph: place.paragraph });
  return place.cell !== undefined ? cliMessage(locale, 'place.cell', { ...place, cell: place.cell }) : cliMessage(locale, 'place.row', place);
}
