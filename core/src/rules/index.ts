import type { Rule } from './rule';
import copiedFromPrevious from './copied-from-previous';
import crossYearCarryover from './cross-year-carryover';
import crossYearStock from './cross-year-stock';
import dateBeforePeriodEnd from './date-before-period-end';
import dateLate from './date-late';
import feeInconsistent from './fee-inconsistent';
import feeStatementMissing from './fee-statement-missing';
import narrativeArithmetic from './narrative-arithmetic';
import notAReport from './not-a-report';
import periodInvalid from './period-invalid';
import placeholderLeft from './placeholder-left';
import sectionDuplicate from './section-duplicate';
import sectionEmpty from './section-empty';
import sectionHeadingVariant from './section-heading-variant';
import sectionMissing from './section-missing';
import sectionOrder from './section-order';
import tableCellBlank from './table-cell-blank';
import tableCellInvalid from './table-cell-invalid';
import tableColumnCount from './table-column-count';
import tableLabelVariant from './table-label-variant';
import tableMissing from './table-missing';
import tableRowMissing from './table-row-missing';
import table3Balance from './table3-balance';
import table3ResultsTotal from './table3-results-total';
import table3RowTotal from './table3-row-total';
import table4Total from './table4-total';
import templateOutdated from './template-outdated';
import textTableMismatch from './text-table-mismatch';
import titleMissing from './title-missing';
import titleYearMissing from './title-year-missing';
import yearMismatch from './year-mismatch';

/** Every rule, in the order their diagnostics are listed for the same position. */
export const RULES: readonly Rule[] = [
  titleMissing,
  titleYearMissing,
  placeholderLeft,
  sectionMissing,
  sectionOrder,
  sectionDuplicate,
  sectionHeadingVariant,
  sectionEmpty,
  tableMissing,
  tableRowMissing,
  tableColumnCount,
  tableCellBlank,
  tableCellInvalid,
  tableLabelVariant,
  table3RowTotal,
  table3ResultsTotal,
  table3Balance,
  table4Total,
  templateOutdated,
  yearMismatch,
  periodInvalid,
  dateLate,
  dateBeforePeriodEnd,
  textTableMismatch,
  narrativeArithmetic,
  feeStatementMissing,
  feeInconsistent,
  crossYearCarryover,
  crossYearStock,
  copiedFromPrevious,
  notAReport,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** The rules settings and `.nianbao.json` can set (not-a-report is the CLI's own note). */
export const CONFIGURABLE_RULES: readonly Rule[] = RULES.filter((r) => !r.explicitOnly);
