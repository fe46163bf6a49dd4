import { fill } from './text/lines';
import type { Locale } from './types';

/** Strings of the command-line front end, in both languages. */
const MESSAGES = {
  notAReport: { 'zh-cn': '此文件不像政府信息公开工作年度报告，未检查', en: 'This file does not look like a government information disclosure annual report; not checked' },
  noFiles: { 'zh-cn': '没有找到 .txt 或 .md 文件', en: 'No .txt or .md files found' },
  cannotRead: { 'zh-cn': '无法读取 {path}：{reason}', en: 'Cannot read {path}: {reason}' },
  binary: { 'zh-cn': '{path} 不是文本文件，已跳过', en: '{path} is not a text file; skipped' },
  tooLarge: { 'zh-cn': '{path} 超过 {limit} MB，已跳过', en: '{path} is larger than {limit} MB; skipped' },
  summary: { 'zh-cn': '共 {problems} 个问题（{errors} 个错误，{warnings} 个警告，{infos} 个提示）', en: '{problems} problems ({errors} errors, {warnings} warnings, {infos} infos)' },
  clean: { 'zh-cn': '{files} 个文件，未发现问题', en: '{files} files, no problems found' },
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
