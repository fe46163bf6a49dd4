import type { Label } from '../model/labels';
import type { Report } from '../model/types';
import type { ParsedDocument } from '../parse/document';
import type { TextEdit } from '../fixes/edit';
import type { Diagnostic, Locale, Range, RelatedInfo, Severity } from '../types';

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
  emit(message: string, range: Range, args?: Record<string, string | number>, data?: Record<string, unknown>, related?: RelatedInfo[]): void;
  /** A rule message in the current language (for related information). */
  t(message: Message, args?: Record<string, string | number>): string;
  /** Picks the label of a template element in the current language. */
  label(x: Label): string;
}

/** A fix the rule offers for one of its diagnostics. */
export interface FixDraft {
  title: string;
  edits: TextEdit[];
  /** The most likely fix (shown first, applied by Ctrl+.). */
  preferred?: boolean;
  /** Mechanical and certain: applied by "fix all" and on save (source.fixAll.nianbao). */
  safe?: boolean;
  /** Offered only when none of the rule's other fixes passes verification (e.g. it changes a figure the drafter wrote). */
  fallback?: boolean;
}

export interface FixContext {
  readonly report: Report;
  readonly doc: ParsedDocument;
  readonly locale: Locale;
  readonly options: ResolvedOptions;
  /** All diagnostics of the document, for fixes that act on every occurrence. */
  readonly diagnostics: readonly Diagnostic[];
  /** A rule message in the current language. */
  t(message: Message, args?: Record<string, string | number>): string;
  label(x: Label): string;
}

export interface Rule {
  id: string;
  severity: Severity;
  docs: RuleDocs;
  messages: Record<string, Message>;
  /** Runs only for a document named explicitly (a CLI argument), and then also when it is not a report. */
  explicitOnly?: boolean;
  check(ctx: RuleContext): void;
  /** Quick fixes for one of this rule's diagnostics. */
  fix?(diagnostic: Diagnostic, ctx: FixContext): FixDraft[];
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
  /** The document was named explicitly (a CLI argument). */
  explicit?: boolean;
  /** Where a rule that fails is reported. */
  logger?: (message: string) => void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export { fill as format } from '../text/lines';

export type { Diagnostic };
