import { formForYear, SECTIONS } from '../model/templates';
import type { SourceFormat } from '../types';
import { feeStatement } from './snippets';
import { formatById } from '../formats/index';

const SUBHEADS_1 = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障'];

/** A new report: title, preface, the six sections with the standard tables of the format the year requires. */
export function skeleton(year: number, agency: string, format: SourceFormat, eol = '\n'): string {
  const syntax = formatById(format);
  const form = formForYear(year);
  const notice = form === '2021' ? '国办公开办函〔2021〕30号' : '国办公开办函〔2019〕60号';
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
    if (kind) out.push(...syntax.renderTable(kind, form).split('\n'), '');
    if (s.key === 6 && year >= 2021) out.push(`${h3}（一）信息处理费收取情况`, '', feeStatement(year), '');
  }
  return out.join(eol);
}
