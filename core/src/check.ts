import { asPrior, type Prior } from './across';
import { widenToCells } from './cell-span';
import { FORMATS, formatOfPath } from './formats/index';
import { buildReport } from './model/build';
import type { Report } from './model/types';
import { ParsedDocument } from './parse/document';
import { RULES } from './rules/index';
import type { ResolvedOptions, Rule, RuleContext } from './rules/rule';
import { format as fill } from './rules/rule';
import type { Diagnostic, Locale, Range, RelatedInfo, Severity, SourceFormat } from './types';
import { comparePos } from './types';

export interface CheckOptions {
  locale?: Locale | string;
  rules?: Record<string, Severity | 'off'>;
  year?: number;
  template?: '2019' | '2021';
  /** `auto`: only documents that look like a report; `always`: every document. */
  validate?: 'auto' | 'always';
  docsBase?: string;
  /** `MM-DD`, default `01-31`. */
  deadline?: string;
  /** The previous year's report of the same 机关 (see findPrevious), or its summary (`priorOf`). */
  previous?: Report | Prior | null;
  /** Named explicitly (a CLI argument): a document that is not a report gets not-a-report. */
  explicit?: boolean;
  /** Where a rule that fails is reported (it is skipped; the other rules still report). */
  logger?: (message: string) => void;
}

export interface CheckResult {
  report: Report;
  /** False when the document is not a report and validation is `auto`: no diagnostics were produced. */
  checked: boolean;
  diagnostics: Diagnostic[];
}

/** `en`, `en-US` … are English; everything else gets Chinese. */
export function resolveLocale(locale: string | undefined): Locale {
  return locale && /^en\b/i.test(locale) ? 'en' : 'zh-cn';
}

/** The format of a file path or an editor language id (see formats/). */
export function formatOf(pathOrLanguage: string): SourceFormat {
  return FORMATS.find((f) => f.id !== 'text' && f.languageIds.includes(pathOrLanguage))?.id ?? formatOfPath(pathOrLanguage)?.id ?? 'text';
}

export function resolveOptions(options: CheckOptions = {}): ResolvedOptions {
  const d = /^(\d{2})-(\d{2})$/.exec(options.deadline ?? '');
  return {
    locale: resolveLocale(options.locale),
    rules: options.rules ?? {},
    year: options.year,
    template: options.template,
    docsBase: options.docsBase,
    deadline: d ? { month: +d[1], day: +d[2] } : { month: 1, day: 31 },
    ...(options.explicit ? { explicit: true } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  };
}

/** Applies `<!-- nianbao-disable … -->`, `<!-- nianbao-enable … -->` and `<!-- nianbao-disable-next-line … -->`. */
function suppressed(report: Report, d: Diagnostic): boolean {
  const line = d.range.start.line;
  let off = false;
  for (const dir of report.directives) {
    if (dir.line > line) break;
    const covers = dir.rules.length === 0 || dir.rules.includes(d.code);
    if (!covers) continue;
    if (dir.kind === 'disable-next-line') {
      if (dir.endLine + 1 === line) return true;
    } else if (dir.endLine < line) off = dir.kind === 'disable';
  }
  return off;
}

/** What one rule's check sees (a class: one object per rule and check, no closures). */
class RuleRun implements RuleContext {
  readonly found: Diagnostic[] = [];
  readonly locale: Locale;

  constructor(
    private readonly rule: Rule,
    private readonly severity: Severity,
    readonly report: Report,
    readonly previous: Prior | null,
    readonly options: ResolvedOptions,
  ) {
    this.locale = options.locale;
  }

  label(x: { zh: string; en: string }): string {
    return this.locale === 'en' ? x.en : x.zh;
  }

  t(message: string, args?: Record<string, string | number>): string {
    return fill(this.rule.messages[message][this.locale], args);
  }

  emit(message: string, range: Range, args?: Record<string, string | number>, data?: Record<string, unknown>, related?: RelatedInfo[]): void {
    const d: Diagnostic = { code: this.rule.id, severity: this.severity, message: this.t(message, args), range, ...(data ? { data } : {}), ...(related?.length ? { related } : {}) };
    if (!suppressed(this.report, d)) this.found.push(d);
  }
}

const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));

/** The text a report was built from: with it, problems in one table cell are underlined over the whole cell. */
export interface CheckSource {
  lines: readonly string[];
  format: SourceFormat;
}

export function runRules(report: Report, options: ResolvedOptions, previous: Report | Prior | null = null, only?: (rule: Rule) => boolean, source?: CheckSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const prior = previous ? asPrior(previous) : null;
  for (const rule of RULES) {
    const severity = options.rules[rule.id] ?? rule.severity;
    if (severity === 'off' || (rule.explicitOnly && !options.explicit) || (only && !only(rule))) continue;
    // A rule that throws is skipped (what it found so far too) and logged; the others still report.
    const run = new RuleRun(rule, severity, report, prior, options);
    try {
      rule.check(run);
      out.push(...run.found);
    } catch (e) {
      options.logger?.(`rule ${rule.id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  const shown = source ? widenToCells(out, report, source.lines, source.format) : out;
  shown.sort((a, b) => comparePos(a.range.start, b.range.start) || RULE_ORDER.get(a.code)! - RULE_ORDER.get(b.code)!);
  return shown;
}

export function analyze(doc: ParsedDocument): Report {
  return buildReport(doc.blocks, doc.lines.length, (n) => doc.lines[n]?.length ?? 0, doc.format);
}

/** Runs the rules on a report model already built (see analyze). */
export function checkReport(report: Report, options: CheckOptions = {}, source?: CheckSource): CheckResult {
  const checked = report.isReport || options.validate === 'always';
  if (checked) return { report, checked, diagnostics: runRules(report, resolveOptions(options), options.previous ?? null, undefined, source) };
  // Not checked: a document named explicitly says why.
  return { report, checked, diagnostics: options.explicit ? runRules(report, resolveOptions(options), null, (r) => !!r.explicitOnly, source) : [] };
}

/** Checks a parsed document (the server keeps one per open file and updates it incrementally). */
export function checkDocument(doc: ParsedDocument, options: CheckOptions = {}): CheckResult {
  return checkReport(analyze(doc), options, doc);
}

export function checkText(text: string, format: SourceFormat, options: CheckOptions = {}): CheckResult {
  return checkDocument(ParsedDocument.parse(text, format), options);
}
