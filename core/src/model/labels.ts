import { T2_2019, T2_2021, T3_COLUMNS, T3_GROUPS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type RowDef, type T2Def } from './templates';

export interface Label {
  zh: string;
  en: string;
}

/** A table-三 row's full label, with its group: `（三）不予公开 2.其他法律行政法规禁止公开`. */
export function t3RowLabel(key: string): Label {
  const def = T3_ROWS.find((r) => r.key === key) as RowDef;
  if (!def.group) return def;
  const g = T3_GROUPS[def.group];
  return { zh: `${g.zh} ${def.zh}`, en: `${g.en} ${def.en}` };
}

export function t3ColumnLabel(c: number): Label {
  return T3_COLUMNS[Math.min(c, T3_COLUMNS.length - 1)];
}

/** Table 四, value index 0–14 → `行政复议·结果维持`. */
export function t4ColumnLabel(i: number): Label {
  const g = T4_GROUPS[Math.floor(i / 5)] ?? T4_GROUPS[2];
  const o = T4_OUTCOMES[i % 5];
  return { zh: `${g.zh}·${o.zh}`, en: `${g.en}, ${o.en}` };
}

/** Where the report year was read from (Report.yearSource, or the user's `--year`). */
export const YEAR_SOURCE: Record<string, Label> = {
  title: { zh: '标题', en: 'the title' },
  period: { zh: '统计期限', en: 'the statistics period' },
  publish: { zh: '“现发布《…》”一句', en: 'the "现发布《…》" sentence' },
  opening: { zh: '各段开头的年份', en: 'the years opening the paragraphs' },
  closing: { zh: '落款日期', en: 'the closing date' },
  option: { zh: '设置', en: 'the settings' },
};

export function t2RowDef(template: '2021' | '2019' | null, key: string): T2Def | undefined {
  const defs = template === '2019' ? T2_2019 : T2_2021;
  return defs.find((d) => d.key === key) ?? [...T2_2021, ...T2_2019].find((d) => d.key === key);
}

/** A date as the report writes it (`2025 年 1 月 31 日`), or ISO-like in English. */
export function formatDate(d: { year: number; month: number; day: number }, locale: 'zh-cn' | 'en'): string {
  return locale === 'en' ? `${d.year}-${d.month}-${d.day}` : `${d.year} 年 ${d.month} 月 ${d.day} 日`;
}
