import type { Prior } from '../across';
import type { Label } from '../model/labels';
import type { Report } from '../model/types';
import type { ParsedDocument } from '../parse/document';
import type { TextEdit } from '../edits/edit';
import type { Diagnostic, Locale, Range, RelatedInfo, Severity } from '../types';

/** A message in every supported language; `{name}` placeholders are filled from the arguments. */
export interface Message {
  'zh-cn': string;
  en: string;
}

export interface RuleDocs {
  /** One-line description, per language (settings, SARIF). */
  summary: Message;
  /** When it fires: the rule catalogue's row (docs/rules/README.md in Chinese, README.md in English). */
  when: Message;
  /** What its quick fix does, when it has one. */
  fix?: Message;
}

/** What a rule's check sees. `K`: the ids of the rule's own messages; `D`: the data its diagnostics carry. */
export interface RuleContext<K extends string = string, D extends object = Record<string, unknown>> {
  readonly report: Report;
  /** What cross-year rules need of the previous year's report of the same 机关, when one was found. */
  readonly previous: Prior | null;
  readonly locale: Locale;
  readonly options: ResolvedOptions;
  /** Reports a problem with one of the rule's messages. */
  emit(message: K, range: Range, args?: Record<string, string | number>, data?: D, related?: RelatedInfo[]): void;
  /** One of the rule's messages in the current language (for related information). */
  t(message: K, args?: Record<string, string | number>): string;
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

/** What a rule's fix sees. `K`: the ids of the rule's own messages (fix titles are messages too). */
export interface FixContext<K extends string = string> {
  readonly report: Report;
  readonly doc: ParsedDocument;
  readonly locale: Locale;
  readonly options: ResolvedOptions;
  /** All diagnostics of the document, for fixes that act on every occurrence. */
  readonly diagnostics: readonly Diagnostic[];
  /** One of the rule's messages in the current language. */
  t(message: K, args?: Record<string, string | number>): string;
  label(x: Label): string;
}

/** A diagnostic of the rule, with the data its check attached. */
export type RuleDiagnostic<D extends object> = Omit<Diagnostic, 'data'> & { data?: D };

/** A rule as written in its file: its messages and its diagnostics' data are typed. */
export interface RuleSpec<M extends Record<string, Message>, D extends object> {
  id: string;
  severity: Severity;
  docs: RuleDocs;
  /** Every text the rule shows: its diagnostics' messages, related information and fix titles. */
  messages: M;
  /** Runs only for a document named explicitly (a CLI argument), and then also when it is not a report. */
  explicitOnly?: boolean;
  check(ctx: RuleContext<Extract<keyof M, string>, D>): void;
  /** Quick fixes for one of this rule's diagnostics. */
  fix?(diagnostic: RuleDiagnostic<D>, ctx: FixContext<Extract<keyof M, string>>): FixDraft[];
}

/** A rule as the engine runs it (its types erased). */
export interface Rule {
  id: string;
  severity: Severity;
  docs: RuleDocs;
  messages: Record<string, Message>;
  explicitOnly?: boolean;
  check(ctx: RuleContext): void;
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

/** A rule whose diagnostics carry no data its fix reads (or that has no fix). */
export function defineRule<M extends Record<string, Message>>(rule: RuleSpec<M, Record<string, unknown>>): Rule {
  return rule as unknown as Rule;
}

/** A rule whose diagnostics carry data of type `D`: `ruleWithData<{ expected: number }>()({ … })`. */
export function ruleWithData<D extends object>() {
  return <M extends Record<string, Message>>(rule: RuleSpec<M, D>): Rule => rule as unknown as Rule;
}

export { fill as format } from '../text/lines';

export type { Diagnostic };
