// What the editor offers besides fixes: the standard tables and a report skeleton (templates and completion),
// and the inline comments that silence a rule.
import type { TextEdit } from '../edits/edit';
import { formatById } from '../formats/index';
import type { Report } from '../model/types';
import { formForYear } from '../model/templates';
import type { ParsedDocument } from '../parse/document';
import { skeleton } from '../templates/skeleton';
import type { Diagnostic, Locale, Position, SourceFormat } from '../types';
import { serverMessage } from './messages';

export interface Completion {
  label: string;
  detail: string;
  insertText: string;
  preselect?: boolean;
}

const lastYear = () => new Date().getFullYear() - 1;

/** The text of a standard table (`t2`, `t3`, `t4`) or of a new report (`report`), in the document's own form. */
export function templateText(kind: string, doc: ParsedDocument | null, report: Report | null, arg: { year?: number; agency?: string; markdown?: boolean }): string | null {
  const format: SourceFormat = arg.markdown ?? doc?.format === 'markdown' ? 'markdown' : 'text';
  const eol = doc?.eol ?? '\n';
  const year = arg.year ?? report?.year ?? lastYear();
  if (kind === 'report') return skeleton(year, arg.agency?.trim() || '（机关名称）', format, eol);
  if (kind === 't2' || kind === 't3' || kind === 't4') return formatById(format).renderTable(kind, formForYear(year)).split('\n').join(eol);
  return null;
}

/** Completion at a line start: a whole skeleton in an empty document, else the missing table of section 二/三/四. */
export function completionsAt(doc: ParsedDocument, report: Report, position: Position, locale: Locale): Completion[] {
  const line = doc.lines[position.line] ?? '';
  if (line.slice(0, position.character).trim() !== '') return [];
  if (doc.lines.every((l) => l.trim() === '')) {
    const year = lastYear();
    return [{ label: serverMessage(locale, 'completionSkeleton'), detail: serverMessage(locale, 'completionSkeletonDetail', { year }), insertText: skeleton(year, '（机关名称）', doc.format, doc.eol) }];
  }
  // Inside a section 二/三/四 that has no table yet.
  const section = [...report.sections].reverse().find((x) => x.headingRange.start.line < position.line);
  if (!section || section.key < 2 || section.key > 4) return [];
  const kind = (['t2', 't3', 't4'] as const)[section.key - 2];
  if (report.tables.some((x) => x.kind === kind)) return [];
  const form = formForYear(report.year ?? lastYear());
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
