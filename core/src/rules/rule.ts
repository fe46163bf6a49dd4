import type { Report } from '../model/types';
import type { Diagnostic, Locale, Range, Severity } from '../types';

/** A message in every supported language; `{name}` placeholders are filled from the arguments. */
export interface Message {
  'zh-cn': string;
  en: string;
}

export interface RuleDocs {
  /** One-line description, per language. */
  summary: Message;
}

export interface RuleContext {
  readonly report: Report;
  /** The previous year's report of the same 机关, when one was found (cross-year rules). */
  readonly previous: Report | null;
  readonly locale: Locale;
  readonly options: ResolvedOptions;
  /** Reports a problem: `message` is one of the rule's messages. */
  emit(message: string, range: Range, args?: Record<string, string | number>, data?: Record<string, unknown>): void;
  /** Picks the label of a template element in the current language. */
  label(x: { zh: string; en: string }): string;
}

export interface Rule {
  id: string;
  severity: Severity;
  docs: RuleDocs;
  messages: Record<string, Message>;
  check(ctx: RuleContext): void;
}

export interface ResolvedOptions {
  locale: Locale;
  /** Per-rule severity or off; rules not named keep their default. */
  rules: Record<string, Severity | 'off'>;
  /** Report year forced by the user (CLI --year). */
  year?: number;
  template?: '2019' | '2021';
  /** Base URI of the rule pages, ending with `/`. */
  docsBase?: string;
  /** Publication deadline in the year after the report year. */
  deadline: { month: number; day: number };
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function format(template: string, args: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in args ? String(args[name]) : m));
}

export type { Diagnostic };
