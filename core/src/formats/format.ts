// One object per input format: what files and editor languages it is, how its text splits into blocks and
// each block into items, how it writes the standard tables, and whether the checker may edit it.
import type { Item } from '../parse/items';
import type { Position, Range, SourceFormat } from '../types';

/** A change of the text (the same shape as an LSP TextEdit). */
export interface CellEdit {
  range: Range;
  newText: string;
}

export type TableKind = 't2' | 't3' | 't4';
export type Form = '2021' | '2019';
/** Values to put in a table: row key → values in column order (missing ones are 0). */
export type TableValues = Record<string, (number | string)[]>;

export interface InputFormat {
  readonly id: SourceFormat;
  /** File name endings, lower case, with the dot. */
  readonly extensions: readonly string[];
  /** Editor language ids (VS Code) whose documents are in this format. */
  readonly languageIds: readonly string[];
  /** The checker may change the text (quick fixes, fix-all, formatting, templates). */
  readonly editable: boolean;
  /** Tables are tab-separated lines, where a row's label may come over several lines. */
  readonly lineTables: boolean;
  /** Headings carry their level in the text (`## 一、总体情况`). */
  readonly markedHeadings: boolean;
  /** Inline `<!-- nianbao-disable … -->` comments are possible. */
  readonly comments: boolean;
  /** A table must stand apart from the text around it (a blank line before and after). */
  readonly tablesApart: boolean;
  /** Pipe tables that Format Document can align. */
  readonly pipeTables: boolean;
  /** End (exclusive) of the block that starts at non-blank line `i`; depends only on the lines from `i` on. */
  blockEnd(lines: readonly string[], i: number): number;
  /** A block's items, positioned relative to its first line. */
  parseBlock(lines: readonly string[]): Item[];
  /** The standard table in this format's own form, totals consistent. */
  renderTable(kind: TableKind, form: Form, values?: TableValues): string;
  /** One 第二十条 block of table 二 (caption, header and rows). */
  renderT2Block(item: string, form: Form, values?: TableValues): string[];
  /** A table-三 row; `cells`: the number of cells of a neighbouring row, to match its layout. */
  renderT3Row(key: string, form: Form, values: (number | string)[], cells?: number): string;
  renderT2Row(key: string, form: Form, values: (number | string)[]): string;
  /** The mark that makes a heading of `depth` (1–6): `## ` in Markdown, nothing in plain text. */
  headingMark(depth: number): string;
  /** Writes `text` into an empty (or dash) cell at `range` of `line`. */
  fillCell(line: string, range: Range, text: string): CellEdit;
  /** Adds a cell holding `text` after the cell that ends at `end` of `line`. */
  appendCell(line: string, end: Position, text: string): CellEdit;
}
