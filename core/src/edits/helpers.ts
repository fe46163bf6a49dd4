import type { Report } from '../model/types';
import type { ParsedDocument } from '../parse/document';
import type { Position, Range } from '../types';
import type { TextEdit } from './edit';

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Inserts whole lines before line `line` (at its start). */
export function insertBefore(doc: ParsedDocument, line: number, lines: string[]): TextEdit {
  const at: Position = { line, character: 0 };
  return { range: { start: at, end: at }, newText: lines.join(doc.eol) + doc.eol };
}

/** Inserts whole lines after line `line` (at its end). */
export function insertAfter(doc: ParsedDocument, line: number, lines: string[]): TextEdit {
  const at: Position = { line, character: doc.lines[line]?.length ?? 0 };
  return { range: { start: at, end: at }, newText: doc.eol + lines.join(doc.eol) };
}

/** Appends lines at the end of the document, after a blank line. */
export function append(doc: ParsedDocument, lines: string[]): TextEdit {
  const last = doc.lines.length - 1;
  const trailingBlank = doc.lines[last].trim() === '';
  const at: Position = { line: last, character: doc.lines[last].length };
  const lead = trailingBlank ? '' : doc.eol + doc.eol;
  return { range: { start: at, end: at }, newText: lead + lines.join(doc.eol) + (trailingBlank ? doc.eol : '') };
}

/** `## ` when the report's section headings are Markdown headings of level 2, '' in plain text. */
export function headingMarks(doc: ParsedDocument, report: Report, depthOffset = 0): string {
  if (!doc.syntax.markedHeadings) return '';
  const s = report.sections[0];
  const m = s ? /^(#{1,6})\s/.exec(doc.lines[s.headingRange.start.line]) : null;
  return doc.syntax.headingMark((m ? m[1].length : 2) + depthOffset);
}

/** Whole lines a range covers. */
export function lineSpan(range: Range): Range {
  return { start: { line: range.start.line, character: 0 }, end: { line: range.end.line + 1, character: 0 } };
}
