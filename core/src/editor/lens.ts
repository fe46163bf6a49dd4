import type { Report, TableModel } from '../model/types';
import { fill } from '../text/lines';
import type { Diagnostic, Locale, Range } from '../types';
import { comparePos } from '../types';

export const IDENTITY = new Set(['table3-row-total', 'table3-results-total', 'table3-balance', 'table4-total']);

const MESSAGES = {
  balanced: { 'zh-cn': '勾稽关系：平衡', en: 'Identities: balanced' },
  identitiesOnly: { 'zh-cn': '勾稽关系：{n} 处不成立', en: 'Identities: {n} not holding' },
  rowsMissing: { 'zh-cn': '缺 {n} 行', en: '{n} rows missing' },
  rowsWrongCount: { 'zh-cn': '{n} 行数字个数不对', en: '{n} rows with a wrong number of figures' },
  columnMissing: { 'zh-cn': '缺“总计”列', en: 'the total column is missing' },
  blankCells: { 'zh-cn': '{n} 格未填数', en: '{n} cells without a number' },
  invalidCells: { 'zh-cn': '{n} 格不是有效数字', en: '{n} cells not valid numbers' },
  identities: { 'zh-cn': '{n} 处勾稽关系不成立', en: '{n} identities not holding' },
  others: { 'zh-cn': '另有 {n} 处问题', en: '{n} other problems' },
  /** Some problem besides the identities: the parts joined. */
  problems: { 'zh-cn': '表格有误：{parts}', en: 'Table problems: {parts}' },
} as const;

export interface TableLens {
  range: Range;
  title: string;
  /** Where a click goes: the table's first problem. */
  target: Range | null;
}

function within(t: TableModel, r: Range): boolean {
  return r.start.line >= t.range.start.line && r.start.line <= t.range.end.line;
}

/** What is wrong with one table, in a few words (empty: nothing). */
function summary(found: readonly Diagnostic[], locale: Locale): string {
  const t = (key: keyof typeof MESSAGES, n = 0) => fill(MESSAGES[key][locale], { n });
  const of = (code: string) => found.filter((d) => d.code === code);
  const count = of('table-column-count');
  const rows = count.filter((d) => d.data?.column !== 'total');
  const blank = of('table-cell-blank').reduce((n, d) => n + (typeof d.data?.count === 'number' ? d.data.count : 1), 0);
  const identities = found.filter((d) => IDENTITY.has(d.code)).length;
  const known = new Set(['table-row-missing', 'table-column-count', 'table-cell-blank', 'table-cell-invalid', ...IDENTITY]);
  const others = found.filter((d) => !known.has(d.code)).length;
  const parts: string[] = [];
  if (of('table-row-missing').length) parts.push(t('rowsMissing', of('table-row-missing').length));
  if (count.some((d) => d.data?.column === 'total')) parts.push(t('columnMissing'));
  if (rows.length) parts.push(t('rowsWrongCount', rows.length));
  if (blank) parts.push(t('blankCells', blank));
  if (of('table-cell-invalid').length) parts.push(t('invalidCells', of('table-cell-invalid').length));
  if (parts.length === 0 && others === 0) return identities ? t('identitiesOnly', identities) : '';
  if (identities) parts.push(t('identities', identities));
  if (others) parts.push(t('others', others));
  return fill(MESSAGES.problems[locale], { parts: parts.join(locale === 'en' ? ', ' : '，') });
}

/**
 * Above tables 三 and 四: `勾稽关系：平衡` only when nothing is wrong in the table (errors and warnings of any
 * rule); otherwise what is wrong (`表格有误：缺 3 行，12 行数字个数不对`), and a click goes to the first problem.
 */
export function tableLenses(report: Report, diagnostics: readonly Diagnostic[], locale: Locale): TableLens[] {
  const out: TableLens[] = [];
  for (const t of report.tables) {
    if (t.kind !== 't3' && t.kind !== 't4') continue;
    const found = diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && within(t, d.range) && !(d.code === 'table-row-missing' && d.data?.table !== t.kind));
    const first = found.reduce<Diagnostic | null>((a, d) => (!a || comparePos(d.range.start, a.range.start) < 0 ? d : a), null);
    const title = summary(found, locale) || MESSAGES.balanced[locale];
    out.push({ range: { start: t.range.start, end: t.range.start }, title, target: first?.range ?? null });
  }
  return out;
}
