import { countOf } from '../model/access';
import { t3RowLabel, YEAR_SOURCE, type Label } from '../model/labels';
import { T2_KEYS, T3_COLUMNS, T3_RESULT_KEYS, T4_GROUPS, T4_OUTCOMES } from '../model/templates';
import type { Cell, Report } from '../model/types';

const APPLICANTS = T3_COLUMNS.map((c) => c.key).filter((k) => k !== 'total');
const FOUR = T4_OUTCOMES.map((o) => o.key).filter((k) => k !== 'total');
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
    for (const key of t3.keys) {
      const c = t3.columns.find((k) => {
        const cell = t3.cell(key, k);
        return cell && inside(cell.range, pos);
      });
      if (!c) continue;
      const cell = t3.cell(key, c)!;
      const lines = [`**${L({ zh: '表三', en: 'Table 3' })}** · ${L(t3RowLabel(key))} · ${L(T3_COLUMNS.find((x) => x.key === c)!)}`];
      if (c === 'total') lines.push(sumLine(locale, APPLICANTS.map((k) => t3.cell(key, k)), cell, L({ zh: '自然人至其他六列之和', en: 'sum of the six applicant columns' })));
      if (key === 'resultTotal') {
        const parts = T3_RESULT_KEYS.filter((k) => t3.row(k)).map((k) => t3.cell(k, c));
        lines.push(sumLine(locale, parts, cell, L({ zh: '办理结果（一）至（六）之和', en: 'sum of results (1)–(6)' })));
      }
      if (key === 'carryNext') {
        const a = t3.count('new', c);
        const b = t3.count('carried', c);
        const r = t3.count('resultTotal', c);
        if (a !== null && b !== null && r !== null) {
          lines.push(L({ zh: `勾稽关系：一（${a}）+ 二（${b}）−（七）（${r}）= ${a + b - r}`, en: `Balance: I (${a}) + II (${b}) − (7) (${r}) = ${a + b - r}` }));
        }
      }
      if (c === 'total' && !t3.consistent(key)) lines.push(L({ zh: '⚠ 本行总计与各列之和不符', en: '⚠ this row’s total does not match its columns' }));
      return { markdown: lines.join('\n\n'), range: cell.range };
    }
  }
  const t4 = report.t4;
  if (t4?.complete && inside(t4.range, pos)) {
    for (const g of T4_GROUPS) {
      for (const o of T4_OUTCOMES) {
        const cell = t4.cell(g.key, o.key)!;
        if (!inside(cell.range, pos)) continue;
        const lines = [`**${L({ zh: '表四', en: 'Table 4' })}** · ${L({ zh: `${g.zh}·${o.zh}`, en: `${g.en}, ${o.en}` })}`];
        if (o.key === 'total') lines.push(sumLine(locale, FOUR.map((k) => t4.cell(g.key, k)), cell, L({ zh: '结果维持、结果纠正、其他结果、尚未审结之和', en: 'sum of the four outcomes' })));
        return { markdown: lines.join('\n\n'), range: cell.range };
      }
    }
  }
  const t2 = report.t2;
  if (t2 && inside(t2.range, pos)) {
    for (const key of T2_KEYS) {
      const def = t2.def(key);
      const col = def?.columns.find((x) => {
        const cell = t2.cell(key, x.key);
        return cell && inside(cell.range, pos);
      });
      if (!def || !col) continue;
      return { markdown: `**${L({ zh: '表二', en: 'Table 2' })}** · ${L(def)} · ${L(col)}`, range: t2.cell(key, col.key)!.range };
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
