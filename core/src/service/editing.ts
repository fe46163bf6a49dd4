// What the editor offers besides fixes: the standard tables and a report skeleton (templates and completion),
// and the inline comments that silence a rule.
import type { Prior } from '../across';
import type { TextEdit } from '../edits/edit';
import { formatById } from '../formats/index';
import type { Report } from '../model/types';
import { formForYear } from '../model/templates';
import type { ParsedDocument } from '../parse/document';
import { skeleton } from '../templates/skeleton';
import { AGENCY_PLACEHOLDER, reportSnippets } from '../templates/snippets';
import type { Diagnostic, Locale, Position, Range, SourceFormat } from '../types';
import { serverMessage } from './messages';

export interface Completion {
  label: string;
  detail: string;
  insertText: string;
  /** `insertText` has tab stops (`${1:…}`). */
  snippet?: boolean;
  /** What the word typed is matched against (default: the label). */
  filterText?: string;
  /** The word typed so far, which the completion replaces. */
  range?: Range;
  preselect?: boolean;
}

/** What a template request says: the year, the 机关 and the form of a new report (`markdown`). */
export interface TemplateArg {
  year?: number;
  agency?: string;
  markdown?: boolean;
}

/** The year just ended: a report is written in the year after its own. */
export const yearJustEnded = (now: Date) => now.getFullYear() - 1;

/**
 * The text of a standard table (`t2`, `t3`, `t4`) or of a new report (`report`, with what carries over from
 * last year's report `prior`), in the document's own form.
 */
export function templateText(kind: string, doc: ParsedDocument | null, report: Report | null, arg: TemplateArg, now: Date, prior: Prior | null = null): string | null {
  const format: SourceFormat = arg.markdown ?? doc?.format === 'markdown' ? 'markdown' : 'text';
  const eol = doc?.eol ?? '\n';
  const year = arg.year ?? report?.year ?? yearJustEnded(now);
  if (kind === 'report') return skeleton(year, arg.agency?.trim() || AGENCY_PLACEHOLDER, format, eol, prior);
  if (kind === 't2' || kind === 't3' || kind === 't4') return formatById(format).renderTable(kind, formForYear(year)).split('\n').join(eol);
  return null;
}

/** The longest word typed at a line start that snippets are offered for. */
const MAX_TYPED = 10;
const SNIPPET_LABEL = { title: 'snippetTitle', period: 'snippetPeriod', publish: 'snippetPublish', fee: 'snippetFee', closing: 'snippetClosing' } as const;

/**
 * Completion at a line start: a whole skeleton in an empty document; else the report's snippets (with its
 * year, else the year just ended, and its 机关) when `snippets`, and the missing table of section 二/三/四.
 */
export function completionsAt(doc: ParsedDocument, report: Report, position: Position, locale: Locale, now: Date, snippets: boolean): Completion[] {
  const line = doc.lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const typed = before.trimStart();
  if (doc.lines.every((l) => l.trim() === '')) {
    const year = yearJustEnded(now);
    return [{ label: serverMessage(locale, 'completionSkeleton'), detail: serverMessage(locale, 'completionSkeletonDetail', { year }), insertText: skeleton(year, AGENCY_PLACEHOLDER, doc.format, doc.eol) }];
  }
  if (typed.length > MAX_TYPED || /\s/.test(typed)) return [];
  const out: Completion[] = [];
  // Snippets where a line is being written (nothing after the cursor), not in front of a line's text.
  if (snippets && line.slice(position.character).trim() === '') {
    const range: Range = { start: { line: position.line, character: before.length - typed.length }, end: position };
    const year = report.year ?? yearJustEnded(now);
    for (const s of reportSnippets(year, report.title?.agency ?? null)) {
      if (!inOrder(typed, s.words.join(' '))) continue;
      out.push({ label: serverMessage(locale, SNIPPET_LABEL[s.id]), detail: s.body.replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1').replace(/\\(.)/g, '$1').split('\n')[0], insertText: s.body.split('\n').join(doc.eol), snippet: true, filterText: s.words.join(' '), range });
    }
  }
  if (typed !== '') return out;
  return [...tableCompletion(doc, report, position, locale, now), ...out];
}

/** Whether the characters of `typed` appear in `word` in order (the editor filters the same way, more strictly). */
function inOrder(typed: string, word: string): boolean {
  const w = word.toLowerCase();
  let at = 0;
  for (const ch of typed.toLowerCase()) {
    at = w.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Inside a section 二/三/四 that has no table yet: that table. */
function tableCompletion(doc: ParsedDocument, report: Report, position: Position, locale: Locale, now: Date): Completion[] {
  const section = [...report.sections].reverse().find((x) => x.headingRange.start.line < position.line);
  if (!section || section.key < 2 || section.key > 4) return [];
  const kind = (['t2', 't3', 't4'] as const)[section.key - 2];
  if (report.tables.some((x) => x.kind === kind)) return [];
  const form = formForYear(report.year ?? yearJustEnded(now));
  return [
    {
      label: serverMessage(locale, kind === 't2' ? 'completionT2' : kind === 't3' ? 'completionT3' : 'completionT4'),
      detail: serverMessage(locale, form === '2021' ? 'format2021' : 'format2019'),
      insertText: doc.syntax.renderTable(kind, form).split('\n').join(doc.eol),
      preselect: true,
    },
  ];
}

/** Comments that silence a rule on the diagnostic's line and in the whole file, where the format has comments. */
export function disableEdits(doc: ParsedDocument, d: Diagnostic): { line?: TextEdit; file?: TextEdit } {
  if (!doc.syntax.comments) return {};
  const eol = doc.eol;
  const line = d.range.start.line;
  const text = doc.lines[line] ?? '';
  // A comment between two rows of a table would break it.
  const inTable = /^\s*\|/.test(text) || /<t[rd][\s>]/i.test(text);
  const at = { line, character: 0 };
  const top = { line: 0, character: 0 };
  return {
    ...(inTable ? {} : { line: { range: { start: at, end: at }, newText: `<!-- nianbao-disable-next-line ${d.code} -->${eol}` } }),
    file: { range: { start: top, end: top }, newText: `<!-- nianbao-disable ${d.code} -->${eol}${eol}` },
  };
}

/** A new report's text; `previous`: last year's report it took figures from, `carried`: the tables it filled. */
export interface NewReport {
  text: string;
  previous: string | null;
  carried: ('t2' | 't3')[];
}

/**
 * Why Format Document leaves a report as it is, when it has a reason to say: a plain-text report with tables
 * (their cells are separated by tabs). Null otherwise.
 */
export function formatNoteOf(doc: ParsedDocument, report: Report | null): 'textTables' | null {
  return report?.isReport && doc.format === 'text' && report.tables.length > 0 ? 'textTables' : null;
}
