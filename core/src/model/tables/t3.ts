// Table 三: rows identified by their template label (group labels on the line of their first sub-row, labels over
// several lines, typos and missing labels by position), values on the table's grid.
import { leadingNumber, normalizeLabel, stripNumbering } from '../../text/normalize';
import { T3_ROWS, type T3RowKey } from '../templates';
import type { Table3, Table3Data, TableRow } from '../types';
import { withT3Api } from './api';
import { alignValues, fitSlots, withLabelLines, type Parts } from './rows';

const GROUP_PATTERNS: [RegExp, string][] = [
  [/不予公开/, 'withheld'],
  [/无法提供/, 'unable'],
  [/不予处理/, 'refused'],
  [/其他处理/, 'otherHandling'],
];

const GROUP_PREFIX = /^((?:\([三四五六]\))?(?:不予公开|无法提供|不予处理|其他处理))(.+)$/;

function groupOf(text: string): string | null {
  for (const [re, g] of GROUP_PATTERNS) if (re.test(text)) return g;
  return null;
}

const matched = new Map<string, T3RowKey | null>();

/** The template row a label names (memoised: labels repeat across rows, rebuilds and documents). */
function matchT3(labelCell: string, group: string | null): T3RowKey | null {
  const k = `${group ?? ''}\u0000${labelCell}`;
  let key = matched.get(k);
  if (key === undefined) {
    key = matchT3Uncached(labelCell, group);
    if (matched.size >= 20_000) matched.clear();
    if (labelCell.length <= 200) matched.set(k, key);
  }
  return key;
}

function matchT3Uncached(labelCell: string, group: string | null): T3RowKey | null {
  const norm = normalizeLabel(labelCell);
  const stripped = stripNumbering(norm);
  if (!stripped) return null;
  let best: { key: T3RowKey; len: number } | null = null;
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

/** Labels that stand on their own in table 三: a row's full label or a group's (`（三）不予公开`, `三、本年度办理结果`). */
const T3_COMPLETE = new Set([...T3_ROWS.map((r) => r.match[0]), '不予公开', '无法提供', '不予处理', '其他处理', '本年度办理结果', '办理结果']);
const completeT3 = (text: string) => T3_COMPLETE.has(stripNumbering(normalizeLabel(text)));

/** Moves a row's last label cell to the front of its values. */
function peelLabel(row: TableRow, parts: Parts): void {
  const own = parts.get(row);
  const cells = own?.cells ?? [];
  const last = row.labelCells.length - 1;
  const cell = cells.filter((c) => c.kind === 'text' && c.raw === row.labelCells[last]).pop();
  if (!own || !cell) return;
  row.values = [cell, ...row.values];
  row.labelCells = row.labelCells.slice(0, last);
  row.label = row.labelCells.join(' ');
  const labels = own.labels.slice(0, last);
  own.labels = labels;
  row.labelRange = labels.length ? { start: labels[0].range.start, end: labels[labels.length - 1].range.end } : null;
  row.itemLabel = labels.length ? labels[labels.length - 1] : null;
}

/** Longest common subsequence length over the length of the longer string (labels are short). */
function similarity(a: string, b: string): number {
  if (!a.length || !b.length || a.length > 80 || b.length > 80) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[b.length] / Math.max(a.length, b.length);
}

const T3_ORDER = T3_ROWS.map((r) => r.key);
const T3_NUMBER = new Map(T3_ROWS.map((r) => [r.key, leadingNumber(normalizeLabel(r.zh))?.n ?? null]));

/** The template row expected after the last one found, by position. */
function nextT3(lastIndex: number, byKey: Table3Data['byKey']): T3RowKey | undefined {
  for (let i = lastIndex + 1; i < T3_ORDER.length; i++) {
    const key = T3_ORDER[i];
    if (byKey[key]) return undefined;
    // After the 2021 （六） sub-rows the 2019 single row does not follow.
    if (key === 'otherHandling' && byKey['otherHandling.1']) continue;
    return key;
  }
  return undefined;
}

/** Whether a label that matches no row is the expected row with a typo (`2.其他法律行政止公开`). */
function isVariantOf(label: string, key: T3RowKey): boolean {
  const norm = normalizeLabel(label);
  const n = leadingNumber(norm);
  const expectedN = T3_NUMBER.get(key) ?? null;
  if (n && expectedN !== null && n.n !== expectedN) return false;
  const def = T3_ROWS.find((r) => r.key === key)!;
  const sim = similarity(stripNumbering(norm), def.match[0]);
  return sim >= (n && expectedN !== null ? 0.7 : 0.8);
}

/** Table 三's lines as rows: label lines after the first data row are joined to the data row they lead to. */
function t3Rows(rows: TableRow[], parts: Parts): TableRow[] {
  const out: TableRow[] = [];
  let pending: TableRow[] = [];
  let seenData = false;
  for (const line of rows) {
    let row = line;
    // A wholly blank row is the row its label names.
    if (row.values.length === 0 && row.blankSlots && seenData && row.itemLabel && matchT3(row.itemLabel.text, null)) {
      row = { ...line, values: line.blankSlots! };
      parts.set(row, parts.get(line)!);
    }
    if (row.values.length === 0) {
      if (seenData) pending.push(row);
      else out.push(row);
      continue;
    }
    seenData = true;
    out.push(pending.length ? withLabelLines(pending, row, parts, completeT3) : row);
    pending = [];
  }
  out.push(...pending);
  return out;
}

export function buildT3(t: Omit<Table3Data, 'byKey' | 'expectedColumns' | 'hasTotalColumn' | 'otherHandlingForm'>, parts: Parts): Table3 {
  const byKey: Table3Data['byKey'] = {};
  const headers: string[] = [];
  let group: string | null = null;
  let seenData = false;
  let lastIndex = -1;
  const rows = t3Rows(t.rows, parts);
  for (const row of rows) {
    const labelCells = row.labelCells;
    // Group labels (（三）不予公开 …) share the line of their first sub-row.
    for (const c of labelCells.slice(0, -1)) {
      const g = groupOf(normalizeLabel(c));
      if (g) group = g;
    }
    let itemLabel = labelCells.length ? labelCells[labelCells.length - 1] : '';
    // A group and its first item in one cell (`（五）不予处理 1.信访举报投诉类申请`, a Markdown table's one label column).
    const joined = GROUP_PREFIX.exec(normalizeLabel(itemLabel));
    if (joined) {
      group = groupOf(joined[1]);
      itemLabel = joined[2];
    }
    let filled = row.values.length;
    while (filled > 0 && row.values[filled - 1].kind === 'blank') filled--;
    if (filled > 0 && filled < 7 && itemLabel.length <= 6 && !matchT3(itemLabel, group) && !leadingNumber(normalizeLabel(itemLabel))) {
      // Short text before the numbers that names no row (`暂无`) is the first value, written as text.
      const before = labelCells.length >= 2 ? labelCells[labelCells.length - 2] : null;
      if (before === null || matchT3(before, group)) {
        peelLabel(row, parts);
        itemLabel = row.labelCells.length ? row.labelCells[row.labelCells.length - 1] : '';
      }
    }
    if (row.values.length === 0) {
      // Before the first data row, rows without values are headers (their 其他/总计 are column names).
      const norm = normalizeLabel(row.label);
      if (!seenData) headers.push(norm);
      else if (groupOf(norm)) group = groupOf(norm);
      continue;
    }
    seenData = true;
    let key = itemLabel ? matchT3(itemLabel, group) : null;
    if (!key) {
      const next = nextT3(lastIndex, byKey);
      if (next) {
        if (itemLabel && isVariantOf(itemLabel, next)) {
          key = next;
          row.variant = true;
        } else if (!itemLabel || !leadingNumber(normalizeLabel(itemLabel))) {
          // A data row without a usable label: the next template row in order.
          key = next;
          row.inferred = true;
        }
      }
    }
    if (!key) continue;
    const def = T3_ROWS.find((r) => r.key === key)!;
    if (def.group) group = def.group;
    else if (key !== 'otherHandling') group = null;
    row.key = key;
    if (!byKey[key]) byKey[key] = row;
    lastIndex = Math.max(lastIndex, T3_ORDER.indexOf(key));
  }
  const header = headers.join('|');
  const dataRows = rows.filter((r) => r.key);
  alignValues(dataRows, parts, 7);
  const sevens = dataRows.filter((r) => r.values.length === 7).length;
  const hasTotalColumn = /总计|合计/.test(header) || sevens > dataRows.length / 2;
  if (!hasTotalColumn) for (const r of dataRows) r.values = fitSlots(r.values, 6);
  const otherHandlingForm = byKey['otherHandling.1'] || byKey['otherHandling.2'] || byKey['otherHandling.3'] ? '2021' : byKey['otherHandling'] ? '2019' : null;
  return withT3Api({ ...t, rows, header, byKey, expectedColumns: hasTotalColumn ? 7 : 6, hasTotalColumn, otherHandlingForm });
}
