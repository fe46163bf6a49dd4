import { countOf, t3RowConsistent } from '../model/access';
import { t2RowDef, t3ColumnLabel, t3RowLabel, t4ColumnLabel, YEAR_SOURCE, type Label } from '../model/labels';
import { T3_RESULT_KEYS } from '../model/templates';
import type { Cell, Report, TableRow } from '../model/types';
import type { Locale, Position, Range } from '../types';

function inside(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

export interface HoverInfo {
  markdown: string;
  range: Range;
}

/** What the cell or year under the cursor is, and for a total, what it should equal. */
export function hoverAt(report: Report, pos: Position, locale: Locale): HoverInfo | null {
  const L = (x: Label) => (locale === 'en' ? x.en : x.zh);
  const t3 = report.t3;
  if (t3 && inside(t3.range, pos)) {
    for (const row of t3.rows) {
      if (!row.key) continue;
      const c = row.values.findIndex((v) => inside(v.range, pos));
      if (c < 0 || row.values.length > 7) continue;
      const cell = row.values[c];
      const col = t3ColumnLabel(t3.hasTotalColumn ? c : Math.min(c, 5));
      const lines = [`**${L({ zh: '表三', en: 'Table 3' })}** · ${L(t3RowLabel(row.key))} · ${L(col)}`];
      if (c === 6 && t3.hasTotalColumn) lines.push(sumLine(locale, row.values.slice(0, 6), cell, L({ zh: '自然人至其他六列之和', en: 'sum of the six applicant columns' })));
      if (row.key === 'resultTotal') {
        const parts = T3_RESULT_KEYS.map((k) => t3.byKey[k]).filter((r): r is TableRow => !!r).map((r) => r.values[c]);
        lines.push(sumLine(locale, parts, cell, L({ zh: '办理结果（一）至（六）之和', en: 'sum of results (1)–(6)' })));
      }
      if (row.key === 'carryNext') {
        const a = countOf(t3.byKey['new']?.values[c]);
        const b = countOf(t3.byKey['carried']?.values[c]);
        const r = countOf(t3.byKey['resultTotal']?.values[c]);
        if (a !== null && b !== null && r !== null) {
          lines.push(L({ zh: `勾稽关系：一（${a}）+ 二（${b}）−（七）（${r}）= ${a + b - r}`, en: `Balance: I (${a}) + II (${b}) − (7) (${r}) = ${a + b - r}` }));
        }
      }
      if (!t3RowConsistent(t3, row) && c === 6) lines.push(L({ zh: '⚠ 本行总计与各列之和不符', en: '⚠ this row’s total does not match its columns' }));
      return { markdown: lines.join('\n\n'), range: cell.range };
    }
  }
  const t4 = report.t4;
  if (t4?.data && inside(t4.range, pos)) {
    const i = t4.data.values.findIndex((v) => inside(v.range, pos));
    if (i >= 0 && i < 15) {
      const cell = t4.data.values[i];
      const lines = [`**${L({ zh: '表四', en: 'Table 4' })}** · ${L(t4ColumnLabel(i))}`];
      if (i % 5 === 4) lines.push(sumLine(locale, t4.data.values.slice(i - 4, i), cell, L({ zh: '结果维持、结果纠正、其他结果、尚未审结之和', en: 'sum of the four outcomes' })));
      return { markdown: lines.join('\n\n'), range: cell.range };
    }
  }
  const t2 = report.t2;
  if (t2 && inside(t2.range, pos)) {
    for (const row of t2.rows) {
      if (!row.key) continue;
      const c = row.values.findIndex((v) => inside(v.range, pos));
      const def = t2RowDef(t2.template, row.key);
      if (c < 0 || !def || !def.columns[c]) continue;
      return { markdown: `**${L({ zh: '表二', en: 'Table 2' })}** · ${L(def)} · ${L(def.columns[c])}`, range: row.values[c].range };
    }
  }
  for (const slot of report.yearSlots) {
    if (!inside(slot.range, pos)) continue;
    const year = report.year;
    const source = report.yearSource ? L(YEAR_SOURCE[report.yearSource]) : '';
    const text =
      year === null
        ? L({ zh: '报告年度未知', en: 'The report year is unknown' })
        : L({ zh: `报告年度：${year} 年（取自${source}）`, en: `Report year: ${year} (from ${source})` }) + (slot.year !== year ? '\n\n' + L({ zh: `⚠ 此处写的是 ${slot.year} 年`, en: `⚠ this says ${slot.year}` }) : '');
    return { markdown: text, range: slot.range };
  }
  return null;
}

function sumLine(locale: Locale, parts: (Cell | undefined)[], total: Cell, what: string): string {
  const nums = parts.map((p) => countOf(p));
  if (nums.some((n) => n === null)) return what;
  const sum = (nums as number[]).reduce((a, b) => a + b, 0);
  const ok = countOf(total) === sum;
  const eq = `${(nums as number[]).join(' + ')} = ${sum}`;
  return locale === 'en' ? `Should equal the ${what}: ${eq}${ok ? ' ✓' : ` (it says ${total.raw})`}` : `应等于${what}：${eq}${ok ? ' ✓' : `（现为 ${total.raw}）`}`;
}
