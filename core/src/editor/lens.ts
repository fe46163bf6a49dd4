import type { Report, TableModel } from '../model/types';
import type { Diagnostic, Locale, Range } from '../types';

export const IDENTITY = new Set(['table3-row-total', 'table3-results-total', 'table3-balance', 'table4-total']);

export interface TableLens {
  range: Range;
  title: string;
  /** Where a click goes: the first identity that does not hold. */
  target: Range | null;
}

function within(t: TableModel, r: Range): boolean {
  return r.start.line >= t.range.start.line && r.start.line <= t.range.end.line;
}

/** `勾稽关系：平衡` or `勾稽关系：N 处不平衡` above tables 三 and 四. */
export function tableLenses(report: Report, diagnostics: readonly Diagnostic[], locale: Locale): TableLens[] {
  const out: TableLens[] = [];
  for (const t of report.tables) {
    if (t.kind !== 't3' && t.kind !== 't4') continue;
    const bad = diagnostics.filter((d) => IDENTITY.has(d.code) && within(t, d.range));
    const title = bad.length === 0 ? (locale === 'en' ? 'Identities: balanced' : '勾稽关系：平衡') : locale === 'en' ? `Identities: ${bad.length} not holding` : `勾稽关系：${bad.length} 处不平衡`;
    out.push({ range: { start: t.range.start, end: t.range.start }, title, target: bad[0]?.range ?? null });
  }
  return out;
}
