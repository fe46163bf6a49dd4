/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOrOff = Severity | 'off';
export type Locale = 'zh-cn' | 'en';
export type Template = '2021' | '2019' | 'legacy';
export type SourceFormat = 'text' | 'markdown' | 'html';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The exact range the rule reported, when `range` was widened to its whole table cell (fixes edit this one). */
  target?: Range;
  /** Machine-readable facts for fixes (e.g. the expected value of a cell). */
  data?: Record<string, unknown>;
  /** Other places in the document the problem involves (LSP relatedInformation). */
  related?: RelatedInfo[];
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** A range start-first: a reversed one (end before start) is read as editors read it. */
export function wellFormed(r: Range): Range {
  return comparePos(r.end, r.start) < 0 ? { start: r.end, end: r.start } : r;
}
