import type { Locale } from '../../core/src/index';

/** What the server itself says to the user (window/showMessage and the log), in both languages. */
const MESSAGES = {
  configUnreadable: {
    'zh-cn': 'Nianbao：无法读取配置文件 {path}，已忽略：{reason}',
    en: 'Nianbao: cannot read {path}; it was ignored: {reason}',
  },
  configBadJson: {
    'zh-cn': 'Nianbao：配置文件 {path} 不是有效的 JSON，已忽略：{reason}',
    en: 'Nianbao: {path} is not valid JSON; it was ignored: {reason}',
  },
  configProblems: {
    'zh-cn': 'Nianbao：配置文件 {path} 中以下设置有误，已忽略：{problems}',
    en: 'Nianbao: these settings in {path} are wrong and were ignored: {problems}',
  },
} as const;

export type ServerMessage = keyof typeof MESSAGES;

export function serverMessage(locale: Locale, key: ServerMessage, args: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
