import type { Range } from '../types';
import { leadingNumber, normalizeLabel, stripNumbering } from '../text/normalize';
import type { RawRow } from './build';
import type { SectionKey } from './templates';
import { T2_2019, T2_2021, T3_ROWS } from './templates';
import type { Table2, Table3, Table4, TableModel, TableRow } from './types';

/** Splits a raw row into label cells and value cells: values run from the first number or dash to the last non-blank cell. */
export function splitRow(raw: RawRow): TableRow {
  const cells = raw.cells;
  let first = -1;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].kind === 'number' || cells[i].kind === 'dash') {
      first = i;
      break;
    }
  }
  let last = cells.length - 1;
  while (last >= 0 && cells[last].kind === 'blank') last--;
  const labelCells = (first < 0 ? cells : cells.slice(0, first)).filter((c) => c.kind !== 'blank');
  const values = first < 0 ? [] : cells.slice(first, last + 1);
  const label = labelCells.map((c) => c.raw).join(' ');
  const labelRange: Range | null = labelCells.length ? { start: labelCells[0].range.start, end: labelCells[labelCells.length - 1].range.end } : null;
  const rowStart = cells.length ? cells[0].range.start : { line: raw.line, character: 0 };
  const rowEnd = cells.length ? cells[Math.max(0, last)].range.end : rowStart;
  return { key: null, label, labelCells: labelCells.map((c) => c.raw), labelRange, values, line: raw.line, range: { start: rowStart, end: rowEnd } };
}

function classify(rows: TableRow[], section: SectionKey | 0): TableModel['kind'] {
  const text = normalizeLabel(rows.map((r) => r.label).join('|'));
  if (/勾稽关系|申请人情况|本年新收|上年结转|予以公开/.test(text)) return 't3';
  if (/行政复议/.test(text) && /行政诉讼|起诉/.test(text)) return 't4';
  if (/第二十条|信息内容|规章|行政许可|行政处罚|规范性文件/.test(text)) return 't2';
  if (section === 4 && rows.some((r) => r.values.length >= 10)) return 't4';
  return 'unknown';
}

function tableRange(rows: TableRow[]): Range {
  return { start: rows[0].range.start, end: rows[rows.length - 1].range.end };
}

export function buildTable(raw: RawRow[], section: SectionKey | 0): TableModel {
  const rows = raw.map(splitRow);
  const kind = classify(rows, section);
  const base = { range: tableRange(rows), section, rows, header: '' };
  if (kind === 't3') return buildT3({ ...base, kind });
  if (kind === 't4') return buildT4({ ...base, kind });
  if (kind === 't2') return buildT2({ ...base, kind });
  return { ...base, kind: 'unknown' };
}

const GROUP_PATTERNS: [RegExp, string][] = [
  [/不予公开/, 'withheld'],
  [/无法提供/, 'unable'],
  [/不予处理/, 'refused'],
  [/其他处理/, 'otherHandling'],
];

function groupOf(text: string): string | null {
  for (const [re, g] of GROUP_PATTERNS) if (re.test(text)) return g;
  return null;
}

function matchT3(labelCell: string, group: string | null): string | null {
  const norm = normalizeLabel(labelCell);
  const stripped = stripNumbering(norm);
  if (!stripped) return null;
  let best: { key: string; len: number } | null = null;
  for (const def of T3_ROWS) {
    for (const m of def.match) {
      const hit = def.exact ? stripped === m : stripped.includes(m) || (m.startsWith(stripped) && stripped.length >= 5);
      if (!hit) continue;
      let score = m.length + (def.group && def.group === group ? 100 : 0);
      if (stripped === m) score += 50;
      if (!best || score > best.len) best = { key: def.key, len: score };
    }
  }
  return best?.key ?? null;
}

function buildT3(t: Omit<Table3, 'byKey' | 'expectedColumns' | 'hasTotalColumn' | 'otherHandlingForm'>): Table3 {
  const byKey: Record<string, TableRow> = {};
  const headers: string[] = [];
  let group: string | null = null;
  let pending = '';
  let seenData = false;
  const order = T3_ROWS.map((r) => r.key);
  let lastIndex = -1;
  for (const row of t.rows) {
    const labelCells = row.labelCells;
    // Group labels (（三）不予公开 …) share the line of their first sub-row.
    for (const c of labelCells.slice(0, -1)) {
      const g = groupOf(normalizeLabel(c));
      if (g) group = g;
    }
    const itemLabel = labelCells.length ? labelCells[labelCells.length - 1] : '';
    // Before the first data row, rows without values are headers (their 其他/总计 are column names).
    let key = itemLabel && (seenData || row.values.length > 0) ? matchT3(itemLabel, group) : null;
    if (!key && pending && itemLabel) key = matchT3(pending + itemLabel, group);
    if (key === 'otherHandling' && row.values.length === 0) {
      // （六）其他处理 alone on a line is the 2021 group label, not the 2019 single row.
      group = 'otherHandling';
      key = null;
    }
    if (row.values.length === 0) {
      if (!key) {
        const norm = normalizeLabel(row.label);
        if (!seenData) headers.push(norm);
        else if (norm && !groupOf(norm)) pending = norm;
        else if (groupOf(norm)) group = groupOf(norm);
        continue;
      }
    }
    if (!key && row.values.length > 0) {
      const ln = itemLabel ? leadingNumber(normalizeLabel(itemLabel)) : null;
      // A data row without a usable label: the next template row in order.
      if (!itemLabel || !ln) {
        const next = order[lastIndex + 1];
        if (next && !byKey[next]) {
          key = next;
          row.inferred = true;
        }
      }
    }
    if (key) {
      const def = T3_ROWS.find((r) => r.key === key)!;
      if (def.group) group = def.group;
      else if (key !== 'otherHandling') group = null;
      row.key = key;
      if (!byKey[key]) byKey[key] = row;
      lastIndex = Math.max(lastIndex, order.indexOf(key));
      seenData = true;
      pending = '';
    } else if (row.values.length) {
      seenData = true;
    }
  }
  const header = headers.join('|');
  const dataRows = t.rows.filter((r) => r.key && r.values.length);
  const sevens = dataRows.filter((r) => r.values.length === 7).length;
  const hasTotalHeader = /总计|合计/.test(header);
  const hasTotalColumn = hasTotalHeader || sevens > dataRows.length / 2;
  const otherHandlingForm = byKey['otherHandling.1'] || byKey['otherHandling.2'] || byKey['otherHandling.3'] ? '2021' : byKey['otherHandling'] ? '2019' : null;
  return { ...t, header, byKey, expectedColumns: hasTotalColumn ? 7 : 6, hasTotalColumn, otherHandlingForm };
}

function buildT4(t: Omit<Table4, 'data'>): Table4 {
  const headers: string[] = [];
  let data: TableRow | null = null;
  for (const row of t.rows) {
    if (row.values.length === 0) headers.push(normalizeLabel(row.label));
    else if (!data) {
      data = row;
      row.key = 'data';
    }
  }
  return { ...t, header: headers.join('|'), data };
}

function buildT2(t: Omit<Table2, 'byKey' | 'items' | 'template'>): Table2 {
  const byKey: Record<string, TableRow> = {};
  const headers: string[] = [];
  const items: string[] = [];
  const names = new Map<string, string>();
  for (const d of [...T2_2021, ...T2_2019]) names.set(normalizeLabel(d.zh), d.key);
  for (const row of t.rows) {
    const norm = normalizeLabel(row.label);
    const cap = /第二十条第\(([一二三四五六七八九十]+)\)项/.exec(norm);
    if (cap) {
      items.push(cap[1]);
      continue;
    }
    const key = names.get(stripNumbering(norm));
    if (key) {
      row.key = key;
      if (!byKey[key]) byKey[key] = row;
    } else if (row.values.length === 0) headers.push(norm);
  }
  const header = headers.join('|');
  const is2019 = /本年新制作数量|上一年项目数量|采购项目数量/.test(header) || items.includes('九');
  const is2021 = /本年制发件数|本年处理决定数量|本年收费金额/.test(header);
  return { ...t, header, byKey, items, template: is2021 && !is2019 ? '2021' : is2019 && !is2021 ? '2019' : null };
}

