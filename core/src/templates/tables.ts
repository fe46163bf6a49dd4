import { T2_2019, T2_2021, T3_GROUPS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type T2RowDef } from '../model/templates';
import type { SourceFormat } from '../types';

import type { Form, TableKind, TableValues } from '../formats/format';

export type { Form, TableKind, TableValues };

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const ITEM_LABEL: Record<string, string> = { 一: '第二十条第（一）项', 五: '第二十条第（五）项', 六: '第二十条第（六）项', 八: '第二十条第（八）项', 九: '第二十条第（九）项' };

function cell(v: number | string | undefined): string {
  return v === undefined ? '0' : String(v);
}

/** Table 三 rows with consistent totals: every 总计 is the sum of its row. */
function t3Values(form: Form, values: TableValues): { key: string; vals: string[] }[] {
  return T3_ROWS.filter((r) => r.templates.includes(form)).map((r) => {
    const v = values[r.key] ?? [];
    const six = [0, 1, 2, 3, 4, 5].map((c) => v[c] ?? 0);
    const total = v[6] ?? six.reduce<number>((a, b) => a + (typeof b === 'number' ? b : 0), 0);
    return { key: r.key, vals: [...six, total].map(cell) };
  });
}

function t2Defs(form: Form): readonly T2RowDef[] {
  return form === '2019' ? T2_2019 : T2_2021;
}

/** 表三 row labels as (group column, item column). */
function t3Labels(key: string, form: Form): [string, string] {
  const def = T3_ROWS.find((r) => r.key === key)!;
  if (key === 'new' || key === 'carried' || key === 'carryNext') return [def.zh, ''];
  if (key === 'granted') return ['三、本年度办理结果', def.zh];
  if (key === 'partial') return ['', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'];
  if (key === 'resultTotal' || (key === 'otherHandling' && form === '2019')) return ['', def.zh];
  const g = def.group ? T3_GROUPS[def.group] : null;
  const first = T3_ROWS.find((r) => r.group === def.group && r.templates.includes(form));
  return [g && first?.key === key ? g.zh : '', def.zh];
}

function renderText(kind: TableKind, form: Form, values: TableValues): string[] {
  const lines: string[] = [];
  if (kind === 't2') {
    let item = '';
    for (const d of t2Defs(form)) {
      if (d.item !== item) {
        item = d.item;
        const cols = d.columns.length;
        lines.push(ITEM_LABEL[item] + '\t'.repeat(cols));
        lines.push(['信息内容', ...d.columns.map((c) => c.zh)].join('\t'));
      }
      lines.push([d.zh, ...d.columns.map((_, c) => cell(values[d.key]?.[c]))].join('\t'));
    }
  } else if (kind === 't3') {
    lines.push(`${NOTE}\t\t申请人情况\t\t\t\t\t\t`);
    lines.push('\t\t自然人\t法人或其他组织\t\t\t\t\t总计');
    lines.push('\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t');
    for (const r of t3Values(form, values)) lines.push([...t3Labels(r.key, form), ...r.vals].join('\t'));
  } else {
    lines.push('行政复议\t\t\t\t\t行政诉讼' + '\t'.repeat(9));
    lines.push(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''].join('\t'));
    lines.push(['', '', '', '', '', ...T4_OUTCOMES.map((o) => o.zh), ...T4_OUTCOMES.map((o) => o.zh)].join('\t'));
    lines.push(t4Row(values).join('\t'));
  }
  return lines;
}

function t4Row(values: TableValues): string[] {
  const v = values['data'] ?? [];
  const out: string[] = [];
  for (let g = 0; g < 3; g++) {
    const four = [0, 1, 2, 3].map((k) => v[g * 5 + k] ?? 0);
    const total = v[g * 5 + 4] ?? four.reduce<number>((a, b) => a + (typeof b === 'number' ? b : 0), 0);
    out.push(...[...four, total].map(cell));
  }
  return out;
}

function gfm(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)];
}

function renderMarkdown(kind: TableKind, form: Form, values: TableValues): string[] {
  const lines: string[] = [];
  if (kind === 't2') {
    const defs = t2Defs(form);
    const items = [...new Set(defs.map((d) => d.item))];
    items.forEach((item, i) => {
      const rows = defs.filter((d) => d.item === item);
      if (i > 0) lines.push('');
      lines.push(ITEM_LABEL[item], '');
      lines.push(...gfm(['信息内容', ...rows[0].columns.map((c) => c.zh)], rows.map((d) => [d.zh, ...d.columns.map((_, c) => cell(values[d.key]?.[c]))])));
    });
  } else if (kind === 't3') {
    const header = [NOTE, '申请人情况', ...APPLICANTS];
    lines.push(...gfm(header, t3Values(form, values).map((r) => [...t3Labels(r.key, form), ...r.vals])));
  } else {
    const header = T4_GROUPS.flatMap((g) => T4_OUTCOMES.map((o) => `${g.zh} ${o.zh}`));
    lines.push(...gfm(header, [t4Row(values)]));
  }
  return lines;
}

/** The standard table in the document's own form: tab-separated in text, GFM in Markdown; totals consistent. */
export function renderTable(kind: TableKind, format: SourceFormat, form: Form, values: TableValues = {}): string {
  return (format === 'markdown' ? renderMarkdown(kind, form, values) : renderText(kind, form, values)).join('\n');
}

/** One 第二十条 block of table 二 (caption, header and its rows). */
export function renderT2Block(item: string, format: SourceFormat, form: Form, values: TableValues = {}): string[] {
  const rows = t2Defs(form).filter((d) => d.item === item);
  if (rows.length === 0) return [];
  if (format === 'markdown') {
    return [ITEM_LABEL[item], '', ...gfm(['信息内容', ...rows[0].columns.map((c) => c.zh)], rows.map((d) => [d.zh, ...d.columns.map((_, c) => cell(values[d.key]?.[c]))]))];
  }
  return [
    ITEM_LABEL[item] + '\t'.repeat(rows[0].columns.length),
    ['信息内容', ...rows[0].columns.map((c) => c.zh)].join('\t'),
    ...rows.map((d) => [d.zh, ...d.columns.map((_, c) => cell(values[d.key]?.[c]))].join('\t')),
  ];
}

/** A table-三 row in the document's form; `cells` is the number of cells of a neighbouring Markdown row. */
export function renderT3Row(key: string, format: SourceFormat, form: Form, values: (number | string)[], cells?: number): string {
  const labels = t3Labels(key, form);
  if (format === 'markdown') {
    const labelCols = Math.max(1, (cells ?? values.length + 2) - values.length);
    const ls = labelCols === 1 ? [labels.filter(Boolean).join(' ')] : [...labels, ...Array(Math.max(0, labelCols - 2)).fill('')].slice(0, labelCols);
    return `| ${[...ls, ...values.map(cell)].join(' | ')} |`;
  }
  return [...labels, ...values.map(cell)].join('\t');
}

export function renderT2Row(key: string, format: SourceFormat, form: Form, values: (number | string)[]): string {
  const def = t2Defs(form).find((d) => d.key === key);
  const cells = [def?.zh ?? key, ...values.map(cell)];
  return format === 'markdown' ? `| ${cells.join(' | ')} |` : cells.join('\t');
}

/** The table renderers of one format (what an InputFormat offers). */
export function renderersFor(format: SourceFormat) {
  return {
    renderTable: (kind: TableKind, form: Form, values?: TableValues) => renderTable(kind, format, form, values),
    renderT2Block: (item: string, form: Form, values?: TableValues) => renderT2Block(item, format, form, values),
    renderT3Row: (key: string, form: Form, values: (number | string)[], cells?: number) => renderT3Row(key, format, form, values, cells),
    renderT2Row: (key: string, form: Form, values: (number | string)[]) => renderT2Row(key, format, form, values),
  };
}
