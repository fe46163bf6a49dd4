import type { MappedText } from '../parse/items';
import type { Range, SourceFormat, Template } from '../types';
import type { SectionKey, T2ColumnKey, T2Def, T2RowKey, T3ColumnKey, T3RowKey, T4GroupKey, T4OutcomeKey } from './templates';

export type CellKind = 'number' | 'blank' | 'dash' | 'text';

/** A table cell as read. Its range is made when it is first asked for: most cells are never pointed at. */
export class Cell {
  #range: Range | undefined = undefined;

  constructor(
    readonly raw: string,
    readonly kind: CellKind,
    /** Parsed number (for kind 'number'). */
    readonly value: number | null,
    /** The unit written in the cell (`元`, `万元`), for amounts of money. */
    readonly unit: string | undefined,
    /** An HTML grid slot covered by a merged cell (see CellItem.covered). */
    readonly covered: 'col' | 'row' | undefined,
    readonly line: number,
    readonly start: number,
    /** The line the cell ends on (a caption or label line read as one cell can wrap). */
    readonly endLine: number,
    readonly end: number,
  ) {}

  get range(): Range {
    return (this.#range ??= { start: { line: this.line, character: this.start }, end: { line: this.endLine, character: this.end } });
  }

  /** As plain data (what model snapshots compare). */
  toJSON(): { raw: string; kind: CellKind; value: number | null; unit?: string; covered?: 'col' | 'row'; range: Range } {
    return { raw: this.raw, kind: this.kind, value: this.value, unit: this.unit, covered: this.covered, range: this.range };
  }
}

export interface TableRow {
  /** Template row key (e.g. `withheld.2`), or null when the row is not recognised. */
  key: string | null;
  /** The row was recognised by its position (its label is missing). */
  inferred?: boolean;
  /** The row was recognised by its position and a label close to the template's (a typo): the label as written. */
  variant?: boolean;
  label: string;
  /** Non-blank label cells, in order (group label first, item label last). A label written over several lines is one cell. */
  labelCells: string[];
  labelRange: Range | null;
  /** The item label (the last label cell) and where it is; a label over several lines ends on the row's line. */
  itemLabel: { text: string; range: Range } | null;
  /** The value slots, blank ones included, fitted to the width the table is laid out for. */
  values: Cell[];
  /** A row whose slots are all blank (no label cell after them): the slots, kept until the table decides whether it is a data row. */
  blankSlots?: Cell[];
  /** Table 二: the format of the 第二十条 block the row is in. */
  form?: '2021' | '2019';
  line: number;
  range: Range;
}

export interface TableModel {
  kind: 't2' | 't3' | 't4' | 'unknown';
  range: Range;
  section: SectionKey | 0;
  rows: TableRow[];
  /** Normalized text of the header rows. */
  header: string;
}

export interface Table2Block {
  /** 第二十条第（X）项: X, or '' for rows before any caption. */
  item: string;
  /** The format its header (or its rows' names) is written in, when it says. */
  form: '2021' | '2019' | null;
  range: Range;
}

/** Table 二 as read; rules read it through Table2 (api.ts). */
export interface Table2Data extends TableModel {
  kind: 't2';
  /** The format most blocks are in (one block in the other format is a part to update, see template-outdated). */
  template: '2021' | '2019' | null;
  /** The first row of each template key. */
  byKey: Partial<Record<T2RowKey, TableRow>>;
  /** 第二十条 items present, e.g. ['一', '五', '六', '八']. */
  items: string[];
  blocks: Table2Block[];
}

export interface Table2 extends Table2Data {
  row(key: T2RowKey): TableRow | undefined;
  /** The row's definition in the format of its block (its columns). */
  def(key: T2RowKey): T2Def | undefined;
  /** A cell, when the row holds no more values than its columns. */
  cell(key: T2RowKey, column: T2ColumnKey): Cell | undefined;
  /** A cell as a count (blank and dashes count 0), or null. */
  count(key: T2RowKey, column: T2ColumnKey): number | null;
}

/** Table 三 as read; rules read it through Table3 (api.ts). */
export interface Table3Data extends TableModel {
  kind: 't3';
  /** The first row of each template key. */
  byKey: Partial<Record<T3RowKey, TableRow>>;
  /** Values per data row the table is laid out for: 7 (with 总计) or 6. */
  expectedColumns: number;
  hasTotalColumn: boolean;
  /** （六） as three sub-rows (2021) or one row (2019). */
  otherHandlingForm: '2021' | '2019' | null;
}

export interface Table3 extends Table3Data {
  /** The columns the table is laid out for: the six applicant columns, and 总计 when it has one. */
  readonly columns: readonly T3ColumnKey[];
  /** The template keys of the rows present, in template order. */
  readonly keys: readonly T3RowKey[];
  row(key: T3RowKey): TableRow | undefined;
  /**
   * A cell, when its row's values can be placed (as many as the table is laid out for; reading a short row from
   * the left would put its cells under the wrong columns). The 总计 of a table without one is undefined.
   */
  cell(key: T3RowKey, column: T3ColumnKey): Cell | undefined;
  /** A cell as a count (blank and dashes count 0), or null. */
  count(key: T3RowKey, column: T3ColumnKey): number | null;
  /** A row's total: its 总计, or the sum of the six applicant columns when the table has no 总计 column. */
  total(key: T3RowKey): number | null;
  /** False when a row's 总计 is not the sum of its six applicant columns (as far as they are known). */
  consistent(key: T3RowKey): boolean;
}

/** Table 四 as read; rules read it through Table4 (api.ts). */
export interface Table4Data extends TableModel {
  kind: 't4';
  data: TableRow | null;
}

export interface Table4 extends Table4Data {
  /** The data row holds its fifteen values. */
  readonly complete: boolean;
  /** A cell of the data row, when it is complete. */
  cell(group: T4GroupKey, outcome: T4OutcomeKey): Cell | undefined;
  count(group: T4GroupKey, outcome: T4OutcomeKey): number | null;
}

export interface SectionInfo {
  key: SectionKey;
  numeral: string;
  /** Heading text after the numeral. */
  title: string;
  headingText: string;
  headingRange: Range;
  /** Whole section: heading to the line before the next section. */
  range: Range;
  wording: 'standard' | 'variant' | 'other';
}

export interface Subhead {
  readonly text: string;
  readonly range: Range;
  /** First and last line of the sub-head itself. */
  readonly line: number;
  readonly endLine: number;
  readonly section: SectionKey | 0;
  /** Cache of the placeholders left in its text (rules/placeholder-left.ts). */
  placeholders?: readonly (readonly [number, number])[];
}

export interface Paragraph {
  /** Text mapped to lines relative to `base` (see paragraphRange). */
  readonly text: MappedText;
  readonly base: number;
  readonly section: SectionKey | 0;
  /** First paragraph after a section heading or sub-head. */
  readonly opening: boolean;
  readonly line: number;
  readonly endLine: number;
  /** Cache of paragraphNarrative. */
  narrative?: Narrative;
  /** Cache of the placeholders left in its text (rules/placeholder-left.ts). */
  placeholders?: readonly (readonly [number, number])[];
}

export type YearSlotKind = 'title' | 'periodStart' | 'periodEnd' | 'publish' | 'opening' | 'fee';

export interface YearSlot {
  kind: YearSlotKind;
  year: number;
  range: Range;
  section?: SectionKey | 0;
  /** An opening that states plans (`2024年，我区将…`). */
  plan?: boolean;
}

export interface DateRef {
  year: number;
  month: number;
  day: number;
  range: Range;
}

/** An inline `<!-- nianbao-disable … -->` comment. `rules` empty means every rule. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  rules: string[];
  line: number;
  /** Last line of the comment. */
  endLine: number;
}

export interface Report {
  format: SourceFormat;
  isReport: boolean;
  title: { text: string; range: Range; agency: string | null } | null;
  year: number | null;
  yearSource: 'title' | 'period' | 'publish' | 'opening' | 'closing' | null;
  template: Template | null;
  sections: SectionInfo[];
  subheads: Subhead[];
  paragraphs: Paragraph[];
  /** The paragraphs that state a period, a year, a date or figures (see narrative.ts), in document order. */
  figures: Paragraph[];
  tables: TableModel[];
  t2: Table2 | null;
  t3: Table3 | null;
  t4: Table4 | null;
  yearSlots: YearSlot[];
  /** The statistics period (本报告统计数据从…至…): `range` covers the whole date span. */
  period: { start: DateRef; end: DateRef; range: Range } | null;
  closingDate: DateRef | null;
  directives: Directive[];
  /** The first line of text, where a missing title belongs. */
  firstText: Range | null;
  lineCount: number;
  /** Length of a line of the source (the report is valid until the document changes). */
  lineLength: (line: number) => number;
}

/** What a narrative sentence claims about the tables; offsets are into the paragraph text. */
export type ClaimKind =
  | 'received' // 一 (new applications) — or 一 + 二 when `withCarried`
  | 'noneReceived' // 未收到…申请: 一 is 0
  | 'answered' // （七）总计
  | 'carriedOver' // 四 结转下年度
  | 'review' // 行政复议 总计
  | 'noReview'
  | 'litigation' // 直接起诉 总计 + 复议后起诉 总计
  | 'noLitigation'
  // Results of table 三 (a group's total is the sum of its rows' 总计).
  | 'granted'
  | 'partial'
  | 'grantedPartial' // 予以公开及部分公开
  | 'withheld'
  | 'unable'
  | 'refused'
  | 'otherHandling'
  // Outcomes of table 四: `allUpheld*` says every case was upheld (no number).
  | 'reviewUpheld'
  | 'reviewCorrected'
  | 'reviewPending'
  | 'litigationUpheld'
  | 'litigationCorrected'
  | 'litigationPending'
  | 'reviewAllUpheld'
  | 'litigationAllUpheld';

export interface Claim {
  kind: ClaimKind;
  value: number;
  withCarried?: boolean;
  /** Offset and length of the number (or of the phrase when there is no number). */
  at: number;
  len: number;
}

export interface ListFact {
  total: number;
  totalAt: number;
  unit: string;
  /** Parts counted until they reach the total or the sentence ends. */
  parts: { value: number; at: number; len: number }[];
  sum: number;
}

export interface AcceptedDone {
  accepted: number;
  acceptedAt: number;
  done: number;
  doneAt: number;
  doneLen: number;
}

export interface Narrative {
  claims: Claim[];
  lists: ListFact[];
  acceptedDone: AcceptedDone[];
}
