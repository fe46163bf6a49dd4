// Tables 二, 三 and 四 as the table preview shows them: grids with the national format's merged header cells,
// every value cell with its range (a click selects it), and the totals of the identities marked as balanced or
// not (from the check's identity diagnostics, lens.ts) with the sum the hover shows (hover.ts).
import type { Label } from '../model/labels';
import { T3_COLUMNS, T3_GROUPS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type T3GroupKey } from '../model/templates';
import type { Cell, Report, Table2, Table3, Table4 } from '../model/types';
import type { Diagnostic, Locale, Range } from '../types';
import { hoverAt } from './hover';
import { IDENTITY } from './lens';

export interface PreviewCell {
  text: string;
  head?: boolean;
  colspan?: number;
  rowspan?: number;
  /** Where the cell is in the document. */
  range?: Range;
  /** An identity's total: it holds (`ok`) or not (`bad`). */
  status?: 'ok' | 'bad';
  /** What the hover says about the cell (plain text). */
  tip?: string;
}

export interface PreviewTable {
  kind: 't2' | 't3' | 't4';
  title: string;
  range: Range;
  rows: PreviewCell[][];
}

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

interface Ctx {
  report: Report;
  identity: Diagnostic[];
  locale: Locale;
  L: (x: Label) => string;
}

function tipOf(ctx: Ctx, range: Range): string | undefined {
  const h = hoverAt(ctx.report, range.start, ctx.locale);
  return h ? h.markdown.replace(/\*\*/g, '').replace(/\n\n/g, '\n') : undefined;
}

/** A value cell; `identity`: it is the total of an identity. */
function valueCell(ctx: Ctx, cell: Cell | undefined, identity: boolean): PreviewCell {
  if (!cell) return { text: '' };
  const out: PreviewCell = { text: cell.raw, range: cell.range };
  const tip = tipOf(ctx, cell.range);
  if (tip) out.tip = tip;
  if (identity) out.status = ctx.identity.some((d) => overlaps(d.range, cell.range)) || tip?.includes('⚠') ? 'bad' : 'ok';
  return out;
}

const head = (text: string, colspan = 1, rowspan = 1): PreviewCell => ({ text, head: true, ...(colspan > 1 ? { colspan } : {}), ...(rowspan > 1 ? { rowspan } : {}) });

function table3(ctx: Ctx, t: Table3): PreviewTable {
  const { L } = ctx;
  const cols = t.columns;
  const total = t.hasTotalColumn;
  const rows: PreviewCell[][] = [
    [head(L({ zh: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', en: '(I + II = III + IV)' }), 3, 3), head(L({ zh: '申请人情况', en: 'Applicants' }), cols.length)],
    [head(L(T3_COLUMNS[0]), 1, 2), head(L({ zh: '法人或其他组织', en: 'Legal persons or other organisations' }), 5), ...(total ? [head(L(T3_COLUMNS[6]), 1, 2)] : [])],
    T3_COLUMNS.slice(1, 6).map((c) => head(L(c))),
  ];
  const keys = t.keys;
  const results = keys.filter((k) => k !== 'new' && k !== 'carried' && k !== 'carryNext');
  const groupRows = (g: T3GroupKey) => keys.filter((k) => T3_ROWS.find((r) => r.key === k)?.group === g).length;
  const seenGroups = new Set<string>();
  for (const key of keys) {
    const def = T3_ROWS.find((r) => r.key === key)!;
    const labels: PreviewCell[] = [];
    if (key === 'new' || key === 'carried' || key === 'carryNext') labels.push(head(L(def), 3));
    else {
      if (key === results[0]) labels.push(head(L({ zh: '三、本年度办理结果', en: 'III. Results this year' }), 1, results.length));
      if (def.group) {
        if (!seenGroups.has(def.group)) {
          seenGroups.add(def.group);
          labels.push(head(L(T3_GROUPS[def.group]), 1, groupRows(def.group)));
        }
        labels.push(head(L(def)));
      } else labels.push(head(L(def), 2));
    }
    const row = cols.map((c) => valueCell(ctx, t.cell(key, c), c === 'total' || key === 'resultTotal' || key === 'carryNext'));
    rows.push([...labels, ...row]);
  }
  return { kind: 't3', title: L({ zh: '三、收到和处理政府信息公开申请情况', en: 'III. Applications received and handled' }), range: t.range, rows };
}

function table4(ctx: Ctx, t: Table4): PreviewTable {
  const { L } = ctx;
  const rows: PreviewCell[][] = [
    [head(L(T4_GROUPS[0]), 5), head(L({ zh: '行政诉讼', en: 'Litigation' }), 10)],
    [...T4_OUTCOMES.map((o) => head(L(o), 1, 2)), head(L({ zh: '未经复议直接起诉', en: 'Without prior reconsideration' }), 5), head(L({ zh: '复议后起诉', en: 'After reconsideration' }), 5)],
    [...T4_OUTCOMES, ...T4_OUTCOMES].map((o) => head(L(o))),
  ];
  const data = T4_GROUPS.flatMap((g) => T4_OUTCOMES.map((o) => valueCell(ctx, t.complete ? t.cell(g.key, o.key) : t.data?.values[T4_GROUPS.indexOf(g) * 5 + T4_OUTCOMES.indexOf(o)], o.key === 'total')));
  rows.push(data);
  return { kind: 't4', title: L({ zh: '四、政府信息公开行政复议、行政诉讼情况', en: 'IV. Reconsideration and litigation' }), range: t.range, rows };
}

function table2(ctx: Ctx, t: Table2): PreviewTable {
  const { L } = ctx;
  const rows: PreviewCell[][] = [];
  const width = Math.max(2, ...t.rows.map((r) => (r.key ? (t.def(r.key as never)?.columns.length ?? 0) + 1 : 0)));
  for (const block of t.blocks) {
    const inBlock = t.rows.filter((r) => r.key && r.line >= block.range.start.line && r.line <= block.range.end.line);
    if (inBlock.length === 0) continue;
    const def = t.def(inBlock[0].key as never);
    if (!def) continue;
    rows.push([head(block.item ? L({ zh: `第二十条第（${block.item}）项`, en: `Article 20 (${block.item})` }) : '', width)]);
    const span = (k: number, n: number) => (k === n - 1 ? width - n + 1 : 1);
    rows.push([head(L({ zh: '信息内容', en: 'Information' })), ...def.columns.map((c, k) => head(L(c), span(k + 1, def.columns.length + 1)))]);
    for (const r of inBlock) {
      const d = t.def(r.key as never);
      if (!d) continue;
      const cells = d.columns.map((c, k) => ({ ...valueCell(ctx, t.cell(r.key as never, c.key as never), false), ...(span(k + 1, d.columns.length + 1) > 1 ? { colspan: span(k + 1, d.columns.length + 1) } : {}) }));
      rows.push([head(L(d)), ...cells]);
    }
  }
  return { kind: 't2', title: L({ zh: '二、主动公开政府信息情况', en: 'II. Proactive disclosure' }), range: t.range, rows };
}

/** The report's tables 二, 三 and 四 for the table preview. */
export function tablePreview(report: Report, diagnostics: readonly Diagnostic[], locale: Locale): PreviewTable[] {
  const ctx: Ctx = { report, identity: diagnostics.filter((d) => IDENTITY.has(d.code)), locale, L: (x) => (locale === 'en' ? x.en : x.zh) };
  const out: PreviewTable[] = [];
  if (report.t2) out.push(table2(ctx, report.t2));
  if (report.t3) out.push(table3(ctx, report.t3));
  if (report.t4) out.push(table4(ctx, report.t4));
  return out;
}
