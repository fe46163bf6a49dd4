// The checker: one object that the language server, the CLI and the tests use. It owns the documents by URI
// and version, their reports (built once per version), the reports on disk the cross-year rules compare with,
// the decision whether a document is checked, and every feature (diagnostics, fixes, hover, lenses, outline,
// folding, formatting, completion, templates), each computed from the report it already holds.
import { findPrevious, PriorIndex, priorKeyOf, type PriorKey } from '../across';
import { analyze, checkReport, type CheckOptions, type CheckResult } from '../check';
import { hoverAt, type HoverInfo } from '../editor/hover';
import { tableLenses, type TableLens } from '../editor/lens';
import { FITTING_COLUMNS, tablePads, type Pad, type PadOptions } from '../editor/table-layout';
import { tablePreview, type PreviewTable } from '../editor/table-preview';
import { formatMarkdownTables } from '../editor/format-tables';
import { applyEdits, type TextEdit } from '../edits/edit';
import { fixAllSteps, fixesForSteps, runSteps, type Fix, type FixAllResult, type Steps } from '../fixes/index';
import { guarded, guardedSteps } from './guard';
import { formatOfDocument } from '../formats/index';
import type { Report } from '../model/types';
import { ParsedDocument } from '../parse/document';
import { wellFormed, type Diagnostic, type Locale, type Position, type Range } from '../types';
import { completionsAt, disableEdits, formatNoteOf, templateText, type Completion, type NewReport, type TemplateArg } from './editing';
import { folds, outline, type Fold, type OutlineSymbol } from './outline';
import { checkMode, type DocumentSettings } from './settings';
import { uriKey } from './uri';
import { utf8Length } from '../text/utf8';
import { carriedValues } from '../templates/skeleton';
import { WorkspaceReports, type Candidate } from './workspace-reports';

export interface CheckerOptions {
  /** Where problems of the checker itself go (a rule that failed, a feature that threw). */
  logger?: (message: string) => void;
  /** Documents larger than this many bytes of UTF-8 are kept but not parsed nor checked (default 5 MB). */
  maxBytes?: () => number;
  /** The clock (the year just ended is the default report year of templates and snippets). */
  now?: () => Date;
}

/** A change of a document's text, as LSP sends it (no range: the whole text). */
export interface DocumentChange {
  range?: Range;
  text: string;
}

/** The last check of a document. */
export interface Checked {
  result: CheckResult;
  /** The options it ran with (fixes are verified with the same ones). */
  options: CheckOptions;
  /** The report used as the previous year's one, when one was found. */
  previousUri: string | null;
  mode: 'off' | 'always' | 'auto';
}

interface Doc {
  uri: string;
  languageId: string;
  version: number;
  parsed: ParsedDocument;
  /** The text of a document over the size limit (not parsed); null otherwise. */
  large: string | null;
  /** Its size in UTF-8 bytes, kept up to date on every change. */
  bytes: number;
  /** Bumped on every change. */
  rev: number;
  report?: { rev: number; report: Report };
  last?: Checked & { rev: number };
  /** Fixes of the last check's diagnostics, computed when first asked for. */
  fixes?: Map<Diagnostic, Fix[]>;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const same = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

export class Checker {
  /** The reports on disk that are not open (for the cross-year rules); the host keeps it up to date. */
  readonly files = new WorkspaceReports();
  private readonly docs = new Map<string, Doc>();
  private readonly log: (message: string) => void;
  private readonly maxBytes: () => number;
  private readonly now: () => Date;
  /** Changes with every open, change and close: what is derived from all documents is kept until it moves. */
  private generation = 0;
  private byYear?: { generation: number; index: PriorIndex<{ uri: string; report: Report }, PriorKey>; keys: Set<string> };

  constructor(options: CheckerOptions = {}) {
    this.log = options.logger ?? (() => undefined);
    this.maxBytes = options.maxBytes ?? (() => DEFAULT_MAX_BYTES);
    this.now = options.now ?? (() => new Date());
  }

  // ---- documents --------------------------------------------------------------------------------------

  open(uri: string, languageId: string, version: number, text: string): void {
    const format = formatOfDocument(uri, languageId).id;
    const bytes = utf8Length(text);
    const large = bytes > this.maxBytes();
    this.docs.set(uri, { uri, languageId, version, parsed: ParsedDocument.parse(large ? '' : text, format), large: large ? text : null, bytes, rev: 0 });
    this.generation++;
  }

  /** Applies changes in order; `stale` when the version is not newer (applying it would corrupt the text). */
  change(uri: string, version: number | null, changes: readonly DocumentChange[]): 'changed' | 'stale' | 'unknown' {
    const d = this.docs.get(uri);
    if (!d) return 'unknown';
    if (typeof version === 'number' && version <= d.version) return 'stale';
    const max = this.maxBytes();
    for (const change of changes) {
      if (d.large !== null) {
        d.large = change.range ? applyEdits(d.large, [{ range: wellFormed(change.range), newText: change.text }]) : change.text;
        continue;
      }
      if (change.range) {
        d.bytes += utf8Length(change.text) - utf8Length(d.parsed.textIn(change.range));
        d.parsed.applyChange({ range: change.range, text: change.text });
      } else {
        d.bytes = utf8Length(change.text);
        if (d.bytes > max) d.large = change.text;
        else d.parsed = ParsedDocument.parse(change.text, d.parsed.format);
      }
      // Checked on every change: typing or pasting past the limit stops parsing the document.
      if (d.large === null && d.bytes > max) d.large = d.parsed.text;
    }
    // Edits can bring a document back under the limit.
    if (d.large !== null) {
      d.bytes = utf8Length(d.large);
      if (d.bytes <= max) {
        d.parsed = ParsedDocument.parse(d.large, d.parsed.format);
        d.large = null;
      } else d.parsed = ParsedDocument.parse('', d.parsed.format);
    }
    d.rev++;
    this.generation++;
    if (typeof version === 'number') d.version = version;
    return 'changed';
  }

  close(uri: string): boolean {
    this.generation++;
    return this.docs.delete(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  get uris(): string[] {
    return [...this.docs.keys()];
  }

  languageId(uri: string): string | undefined {
    return this.docs.get(uri)?.languageId;
  }

  version(uri: string): number | undefined {
    return this.docs.get(uri)?.version;
  }

  /** The document's size in UTF-8 bytes. */
  bytes(uri: string): number | undefined {
    return this.docs.get(uri)?.bytes;
  }

  /** Over the size limit: kept, not checked. */
  isLarge(uri: string): boolean {
    return this.docs.get(uri)?.large != null;
  }

  text(uri: string): string | undefined {
    const d = this.docs.get(uri);
    return d ? (d.large ?? d.parsed.text) : undefined;
  }

  document(uri: string): ParsedDocument | undefined {
    return this.docs.get(uri)?.parsed;
  }

  /** The report model of the document as it is now (built once per version). */
  report(uri: string): Report | null {
    const d = this.docs.get(uri);
    if (!d) return null;
    if (d.report?.rev !== d.rev) d.report = { rev: d.rev, report: analyze(d.parsed) };
    return d.report.report;
  }

  // ---- checking ---------------------------------------------------------------------------------------

  /** The previous year's report of the same 机关: an open document, else a file of the same workspace folder. */
  previousOf(uri: string): Candidate | null {
    const report = this.report(uri);
    if (!report || report.year === null) return null;
    const { index, keys } = this.openReports();
    return this.files.previousOf(uri, report, index, (k) => keys.has(k));
  }

  /** The open documents' summaries by year and 机关, built once per change of any of them (a batch checks each against all). */
  private openReports(): { index: PriorIndex<{ uri: string; report: Report }, PriorKey>; keys: Set<string> } {
    if (this.byYear?.generation === this.generation) return this.byYear;
    const index = new PriorIndex<{ uri: string; report: Report }, PriorKey>();
    const keys = new Set<string>();
    for (const u of this.docs.keys()) {
      keys.add(uriKey(u));
      const r = this.report(u)!;
      index.add(priorKeyOf(r), { uri: u, report: r });
    }
    this.byYear = { generation: this.generation, index, keys };
    return this.byYear;
  }

  /** Checks the document as it is now with these settings; the result is kept for the features. */
  check(uri: string, settings: DocumentSettings): Checked | null {
    const d = this.docs.get(uri);
    if (!d) return null;
    const report = this.report(uri)!;
    const mode = checkMode(d.languageId, settings.config, d.large !== null);
    const options: CheckOptions = {
      locale: settings.locale,
      validate: mode === 'always' ? 'always' : 'auto',
      docsBase: settings.docsBase,
      rules: settings.config.rules,
      deadline: settings.config.deadline,
      ...(settings.year !== undefined ? { year: settings.year } : {}),
      ...(settings.template ? { template: settings.template } : {}),
      ...(settings.explicit ? { explicit: true } : {}),
      logger: this.log,
    };
    let checked: Checked;
    if (mode === 'off') checked = { result: { report, checked: false, diagnostics: [] }, options, previousUri: null, mode };
    else {
      const previous = settings.previous !== undefined ? settings.previous : this.previousOf(uri);
      options.previous = previous?.prior ?? null;
      checked = { result: checkReport(report, options, d.parsed), options, previousUri: previous?.uri ?? null, mode };
    }
    d.last = { ...checked, rev: d.rev };
    d.fixes = undefined;
    return checked;
  }

  /** The last check, when it is of the document's current text. */
  lastCheck(uri: string): Checked | null {
    const d = this.docs.get(uri);
    return d?.last && d.last.rev === d.rev ? d.last : null;
  }

  /** Open documents whose last check used `uri` as the previous year's report. */
  dependentsOf(uri: string): string[] {
    const key = uriKey(uri);
    return this.uris.filter((u) => {
      const p = this.docs.get(u)!.last?.previousUri;
      return p != null && uriKey(p) === key;
    });
  }

  /** Open documents to check again after the open document `uri` changed: its dependents, and those it could now be the previous report of. */
  affectedBy(uri: string): string[] {
    const changed = this.report(uri);
    const dependents = new Set(this.dependentsOf(uri));
    return this.uris.filter((u) => {
      if (u === uri) return false;
      if (dependents.has(u)) return true;
      const r = this.report(u);
      return !!changed && !!r && r.year !== null && changed.isReport && changed.year === r.year - 1 && findPrevious(r, [{ report: changed }]) !== null;
    });
  }

  // ---- features (on the last check of the current text; null/empty when there is none) ----------------

  /** The core diagnostic of the last check at this range with this code (as the editor sends it back). */
  diagnosticAt(uri: string, code: string, range: Range): Diagnostic | undefined {
    return this.lastCheck(uri)?.result.diagnostics.find((x) => x.code === code && same(x.range, range));
  }

  /** The verified fixes of one diagnostic of the last check (computed once per check). */
  fixes(uri: string, diagnostic: Diagnostic): Fix[] {
    return runSteps(this.fixesSteps(uri, diagnostic));
  }

  /** `fixes` in steps, pausing before each check of a fixed text (see Steps). */
  *fixesSteps(uri: string, diagnostic: Diagnostic): Steps<Fix[]> {
    const d = this.docs.get(uri);
    const last = this.lastCheck(uri);
    if (!d || !last) return [];
    const known = (d.fixes ??= new Map());
    let fixes = known.get(diagnostic);
    if (!fixes) known.set(diagnostic, (fixes = yield* this.guardSteps('fixes', [], () => fixesForSteps(d.parsed, diagnostic, last.result.diagnostics, last.options, last.result.report))));
    return fixes;
  }

  /** The text after every safe fix (or, with `safeOnly` false, every preferred one) of the problems `only` keeps. */
  fixAll(uri: string, only?: (d: Diagnostic) => boolean, safeOnly = true): string | null {
    return runSteps(this.fixAllSteps(uri, only, safeOnly))?.text ?? null;
  }

  /** `fixAll` in steps (with the counts), on the text as it is when the steps start. */
  *fixAllSteps(uri: string, only?: (d: Diagnostic) => boolean, safeOnly = true): Steps<FixAllResult | null> {
    const d = this.docs.get(uri);
    const last = this.lastCheck(uri);
    if (!d || !last || !d.parsed.syntax.editable) return null;
    const { text, format } = d.parsed;
    return yield* this.guardSteps('fixAll', null, () => fixAllSteps(text, format, last.options, only, safeOnly));
  }

  disableEdits(uri: string, diagnostic: Diagnostic): { line?: TextEdit; file?: TextEdit } {
    const d = this.docs.get(uri);
    return d ? disableEdits(d.parsed, diagnostic) : {};
  }

  hover(uri: string, position: Position, locale: Locale): HoverInfo | null {
    const last = this.lastCheck(uri);
    return last?.result.checked ? this.guard('hover', null, () => hoverAt(last.result.report, position, locale)) : null;
  }

  lenses(uri: string, locale: Locale): TableLens[] {
    const last = this.lastCheck(uri);
    return last?.result.checked ? this.guard('lenses', [], () => tableLenses(last.result.report, last.result.diagnostics, locale)) : [];
  }

  /** The spaces showing a text report's tab tables aligned (editor/table-layout.ts); `wide` false: FITTING_COLUMNS. */
  tablePads(uri: string, range?: Range, { wide = true, ...layout }: Omit<PadOptions, 'maxWidth'> & { wide?: boolean } = {}): Pad[] {
    const d = this.docs.get(uri);
    const r = this.report(uri);
    return d && r?.isReport ? this.guard('tablePads', [], () => tablePads(r, d.parsed.lines, range, { ...layout, maxWidth: wide ? Infinity : FITTING_COLUMNS })) : [];
  }

  /** Tables 二, 三 and 四 as grids for the table preview, with the identities of the last check. */
  tablePreview(uri: string, locale: Locale): PreviewTable[] {
    const last = this.lastCheck(uri);
    return last?.result.checked ? this.guard('tablePreview', [], () => tablePreview(last.result.report, last.result.diagnostics, locale)) : [];
  }

  outline(uri: string, locale: Locale): OutlineSymbol[] {
    const r = this.report(uri);
    return r?.isReport ? this.guard('outline', [], () => outline(r, locale)) : [];
  }

  folding(uri: string): Fold[] {
    const r = this.report(uri);
    return r?.isReport ? this.guard('folding', [], () => folds(r)) : [];
  }

  /** Format Document: the report's pipe tables aligned (CJK characters count double). */
  format(uri: string): TextEdit[] {
    const d = this.docs.get(uri);
    const r = this.report(uri);
    return d && r?.isReport && d.parsed.syntax.editable ? this.guard('format', [], () => formatMarkdownTables(d.parsed)) : [];
  }

  /** Why Format Document leaves a report as it is, when it has a reason to say (see formatNoteOf). */
  formatNote(uri: string): 'textTables' | null {
    const d = this.docs.get(uri);
    return d ? formatNoteOf(d.parsed, this.report(uri)) : null;
  }

  /** Completion at a position: snippets in a report (or a document in the nianbao language), the skeleton, a missing table. */
  completion(uri: string, position: Position, locale: Locale): Completion[] {
    const d = this.docs.get(uri);
    const r = this.report(uri);
    if (!d || !r || !d.parsed.syntax.editable) return [];
    const snippets = r.isReport || d.languageId === 'nianbao';
    return this.guard('completion', [], () => completionsAt(d.parsed, r, position, locale, this.now(), snippets));
  }

  /** A standard table (`t2`/`t3`/`t4`) or a report skeleton (`report`) for the document at `uri` (or none). */
  template(kind: string, uri: string | null, arg: TemplateArg): string | null {
    const d = uri ? this.docs.get(uri) : undefined;
    return templateText(kind, d?.parsed ?? null, uri ? this.report(uri) : null, arg, this.now());
  }

  /**
   * A new report to be saved at `target`: the skeleton, with what carries over from last year's report of the
   * same 机关 (an open document, else a file of the target's workspace folder) and that report's URI.
   */
  newReport(target: string, arg: TemplateArg): NewReport | null {
    return this.guard('newReport', null, () => {
      const plain = templateText('report', null, null, arg, this.now());
      if (plain === null) return null;
      const draft = analyze(ParsedDocument.parse(plain, arg.markdown ? 'markdown' : 'text'));
      const { index, keys } = this.openReports();
      const previous = this.files.previousOf(target, draft, index, (k) => keys.has(k));
      const year = draft.year ?? 0;
      const values = carriedValues(previous?.prior ?? null, year);
      const carried = (['t3', 't2'] as const).filter((k) => Object.keys(values[k]).length > 0);
      if (!previous || !carried.length) return { text: plain, previous: null, carried: [] };
      return { text: templateText('report', null, null, arg, this.now(), previous.prior) ?? plain, previous: previous.uri, carried };
    });
  }

  /** Runs a feature; a failure is logged and answered with `fallback`, never thrown to the caller. */
  private guard<T>(name: string, fallback: T, fn: () => T): T {
    return guarded(this.log, name, fallback, fn);
  }

  private guardSteps<T>(name: string, fallback: T, steps: () => Steps<T>): Steps<T> {
    return guardedSteps(this.log, name, fallback, steps);
  }
}

export function createChecker(options: CheckerOptions = {}): Checker {
  return new Checker(options);
}
