import type { Prior } from '../across';
import { formForYear, SECTIONS, T2_2021, T3_COLUMNS, type T3ColumnKey } from '../model/templates';
import type { SourceFormat } from '../types';
import { closingLines, feeStatement } from './snippets';
import { formatById } from '../formats/index';
import type { TableValues } from './tables';

const SUBHEADS_1 = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障'];
const APPLICANTS = T3_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);

/**
 * What a new report takes over from last year's: 表三 二 = last year's 四 (and 四 the same, nothing handled yet),
 * 表二 现行有效件数 = last year's.
 */
export function carriedValues(prior: Prior | null, year: number): { t2: TableValues; t3: TableValues } {
  const t2: TableValues = {};
  const t3: TableValues = {};
  if (!prior || prior.year !== year - 1) return { t2, t3 };
  const counts = prior.carryNext?.counts;
  if (counts && APPLICANTS.some((k) => typeof counts[k as T3ColumnKey] === 'number')) {
    t3.carried = APPLICANTS.map((k) => counts[k as T3ColumnKey] ?? 0);
    // Nothing handled yet: what came over is still pending, so 一 + 二 = 三 + 四 holds until the year's figures are in.
    t3.carryNext = t3.carried;
  }
  if (prior.inForce && formForYear(year) === '2021') {
    for (const d of T2_2021) {
      const v = prior.inForce[d.key];
      if (typeof v !== 'number') continue;
      // 本年制发 0, 本年废止 0: the stock is last year's until the drafter enters this year's figures.
      t2[d.key] = d.columns.map((c) => (c.key === 'inForce' ? v : 0));
    }
  }
  return { t2, t3 };
}

/**
 * A new report: title, preface, the six sections with the standard tables of the format the year requires,
 * the closing (机关 and date). With last year's report of the same 机关, what carries over is filled in.
 */
export function skeleton(year: number, agency: string, format: SourceFormat, eol = '\n', prior: Prior | null = null): string {
  const syntax = formatById(format);
  const form = formForYear(year);
  const notice = form === '2021' ? '国办公开办函〔2021〕30号' : '国办公开办函〔2019〕60号';
  const values = carriedValues(prior, year);
  const h1 = syntax.headingMark(1);
  const h2 = syntax.headingMark(2);
  const h3 = syntax.headingMark(3);
  const out: string[] = [
    `${h1}${agency} ${year} 年政府信息公开工作年度报告`,
    '',
    `根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（${notice}）要求，现发布《${agency} ${year} 年政府信息公开工作年度报告》。本报告统计数据从 ${year} 年 1 月 1 日至 12 月 31 日。`,
    '',
  ];
  for (const s of SECTIONS) {
    out.push(`${h2}${s.numeral}、${s.standard}`, '');
    if (s.key === 1) for (const sub of SUBHEADS_1) out.push(`${h3}${sub}`, '');
    const kind = ({ 2: 't2', 3: 't3', 4: 't4' } as const)[s.key as 2 | 3 | 4];
    if (kind) out.push(...syntax.renderTable(kind, form, kind === 't2' ? values.t2 : kind === 't3' ? values.t3 : {}).split('\n'), '');
    if (s.key === 6 && year >= 2021) out.push(`${h3}（一）信息处理费收取情况`, '', feeStatement(year), '');
  }
  out.push(...closingLines(agency, year), '');
  return out.join(eol);
}
