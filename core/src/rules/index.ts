import type { Rule } from './rule';
import sectionMissing from './section-missing';
import sectionOrder from './section-order';
import table3Balance from './table3-balance';
import table3ResultsTotal from './table3-results-total';
import table3RowTotal from './table3-row-total';
import table4Total from './table4-total';
import yearMismatch from './year-mismatch';

/** Every rule, in the order their diagnostics are listed for the same position. */
export const RULES: readonly Rule[] = [sectionMissing, sectionOrder, table3RowTotal, table3ResultsTotal, table3Balance, table4Total, yearMismatch];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
