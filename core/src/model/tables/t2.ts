// Table 二: read per 第二十条 block, each in the format its header (or its rows' names) is written in.
import type { Range } from '../../types';
import { normalizeLabel, stripNumbering } from '../../text/normalize';
import { T2_2019, T2_2021, type T2RowKey } from '../templates';
import type { Table2, Table2Block, Table2Data, TableRow } from '../types';
import { withT2Api } from './api';
import { fitSlots, withLabelLines, type Parts } from './rows';

const T2_CAPTION = /第二十条第\(([一二三四五六七八九十]+)\)项/;
const T2_HEADER_2019 = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|采购总金额/;
const T2_HEADER_2021 = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额/;
const T2_NAMES = new Map<string, T2RowKey>();
for (const d of [...T2_2021, ...T2_2019]) T2_NAMES.set(normalizeLabel(d.zh), d.key);
/** Row names only one format has. */
const T2_NAME_FORM: Record<string, '2021' | '2019'> = { 行政规范性文件: '2021', 其他对外管理服务事项: '2019', 政府集中采购: '2019' };

function headerForm(text: string): '2021' | '2019' | null {
  const old = T2_HEADER_2019.test(text);
  const cur = T2_HEADER_2021.test(text);
  return old && !cur ? '2019' : cur && !old ? '2021' : null;
}

export function buildT2(t: Omit<Table2Data, 'byKey' | 'items' | 'template' | 'blocks'>, parts: Parts): Table2 {
  const byKey: Table2Data['byKey'] = {};
  const headers: string[] = [];
  const items: string[] = [];
  const blocks: (Table2Block & { header: string; names: ('2021' | '2019')[] })[] = [];
  const rows: TableRow[] = [];
  const blockOf = new Map<TableRow, Table2Block>();
  let block: (typeof blocks)[number] | null = null;
  let pending: TableRow[] = [];
  const open = (item: string, range: Range) => {
    block = { item, form: null, range, header: '', names: [] };
    blocks.push(block);
  };
  for (let row of t.rows) {
    const norm = normalizeLabel(row.label);
    const cap = T2_CAPTION.exec(norm);
    if (cap) {
      items.push(cap[1]);
      open(cap[1], row.range);
      rows.push(...pending, row);
      pending = [];
      continue;
    }
    if (!block) open('', row.range);
    const b = block!;
    b.range = { start: b.range.start, end: row.range.end };
    let key = T2_NAMES.get(stripNumbering(norm));
    if (!key && pending.length && (row.values.length || row.blankSlots)) {
      // A row name wrapped over lines.
      const joined = withLabelLines(pending, row, parts, () => false);
      const k = T2_NAMES.get(stripNumbering(normalizeLabel(joined.label)));
      if (k) {
        key = k;
        row = joined;
        pending = [];
      }
    }
    if (key && (row.values.length || row.blankSlots)) {
      if (!row.values.length) row = { ...row, values: row.blankSlots! };
      row.key = key;
      const form = T2_NAME_FORM[normalizeLabel(row.itemLabel?.text ?? '')];
      if (form) b.names.push(form);
      if (!byKey[key]) byKey[key] = row;
      rows.push(...pending, row);
      pending = [];
      blockOf.set(row, b);
      continue;
    }
    if (row.values.length === 0) {
      headers.push(norm);
      b.header += norm;
      const f = headerForm(b.header);
      if (f || /信息内容/.test(norm)) {
        if (f) b.form = f;
        rows.push(...pending, row);
        pending = [];
      } else pending.push(row);
      continue;
    }
    rows.push(...pending, row);
    pending = [];
  }
  rows.push(...pending);
  for (const b of blocks) if (!b.form && b.names.length) b.form = b.names[0];
  const count = (f: string) => blocks.filter((b) => b.form === f).length;
  const template = count('2021') > count('2019') ? '2021' : count('2019') > count('2021') ? '2019' : null;
  for (const row of rows) {
    const b = blockOf.get(row);
    if (!row.key || !b) continue;
    row.form = b.form ?? template ?? undefined;
    const def = (row.form === '2019' ? T2_2019 : T2_2021).find((d) => d.key === row.key) ?? [...T2_2021, ...T2_2019].find((d) => d.key === row.key);
    if (def) row.values = fitSlots(row.values, def.columns.length);
  }
  return withT2Api({
    ...t,
    rows,
    header: headers.join('|'),
    byKey,
    items,
    template,
    blocks: blocks.map((b) => ({ item: b.item, form: b.form, range: b.range })),
  });
}
