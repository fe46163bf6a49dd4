import type { Range } from '../types';
import { leadingNumber, normalizeLabel, stripNumbering } from '../text/normalize';
import type { SectionKey } from './templates';
import { T2_2019, T2_2021, T3_ROWS } from './templates';
import type { Cell, Table2, Table2Block, Table3, Table4, TableModel, TableRow } from './types';

/** One line of a table region as read: its cells (a caption or a wrapped label is one text cell). */
export interface RawRow {
  cells: Cell[];
  line: number;
}

interface LabelPart {
  text: string;
  range: Range;
}

/** The label cells of each row, with their ranges, and the line's cells (kept beside the rows, not in the model). */
type Parts = Map<TableRow, { labels: LabelPart[]; cells: Cell[] }>;

const isValue = (c: Cell) => c.kind === 'number' || c.kind === 'dash';

/**
 * Splits a line into label cells and value slots. Slots run from the cell after the last label (text)
 * cell that precedes the first number or dash, to the end of the line: blank cells are slots, so a row
 * keeps its width (`14\t\t\t\t\t\t` has 7 slots). A line with text and only blank cells after it keeps
 * those as `blankSlots` (a wholly blank data row, or a header). Grid slots covered by an HTML colspan are
 * not slots: a value written across two grid columns is one value.
 */
function splitRow(raw: RawRow, parts: Parts): TableRow {
  const cells = raw.cells.some((c) => c.covered === 'col') ? raw.cells.filter((c) => c.covered !== 'col') : raw.cells;
  const first = cells.findIndex(isValue);
  let lastLabel = -1;
  for (let i = (first < 0 ? cells.length : first) - 1; i >= 0; i--) {
    if (cells[i].kind === 'text') {
      lastLabel = i;
      break;
    }
  }
  const labels = cells.slice(0, lastLabel + 1).filter((c) => c.kind !== 'blank');
  const slots = cells.slice(lastLabel + 1);
  let last = cells.length - 1;
  while (last > 0 && cells[last].kind === 'blank') last--;
  const rowStart = cells.length ? cells[0].range.start : { line: raw.line, character: 0 };
  const rowEnd = cells.length ? cells[Math.max(0, last)].range.end : rowStart;
  const row: TableRow = {
    key: null,
    label: labels.map((c) => c.raw).join(' '),
    labelCells: labels.map((c) => c.raw),
    labelRange: labels.length ? { start: labels[0].range.start, end: labels[labels.length - 1].range.end } : null,
    itemLabel: labels.length ? { text: labels[labels.length - 1].raw, range: labels[labels.length - 1].range } : null,
    values: first < 0 ? [] : slots,
    line: raw.line,
    range: { start: rowStart, end: rowEnd },
  };
  if (first < 0 && slots.length) row.blankSlots = slots;
  parts.set(row, { labels: labels.map((c) => ({ text: c.raw, range: c.range })), cells });
  return row;
}

/**
 * Places the values of a table's data rows. Extraction leaves blank cells around a row's values that are
 * not values: a merged label's filler before them, a tab at the line's end after them. How many depends on
 * the row's shape (where its label starts and how many label cells it has), so the full rows of each shape
 * teach how many blanks to drop before and after; a row of a shape no full row has keeps its slots up to
 * the table's width (trailing blanks dropped first).
 */
function alignValues(rows: TableRow[], parts: Parts, width: number): void {
  const shapeOf = (row: TableRow) => {
    const cells = parts.get(row)?.cells ?? [];
    const first = cells.findIndex((c) => c.kind === 'text');
    return `${first}:${row.labelCells.length}`;
  };
  const edges = (v: Cell[]) => {
    let lead = 0;
    while (lead < v.length && v[lead].kind === 'blank') lead++;
    let trail = 0;
    while (trail < v.length - lead && v[v.length - 1 - trail].kind === 'blank') trail++;
    return { lead, trail };
  };
  const votes = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const v = row.values;
    if (v.length < width) continue;
    const { lead, trail } = v.length === width ? { lead: 0, trail: 0 } : edges(v);
    if (v.length - lead - trail !== width) continue;
    const shape = shapeOf(row);
    const m = votes.get(shape) ?? new Map<string, number>();
    m.set(`${lead}:${trail}`, (m.get(`${lead}:${trail}`) ?? 0) + 1);
    votes.set(shape, m);
  }
  // When (nearly) every line has the same number of cells, as a PDF's ruled grid gives, a line with fewer lost
  // cells: a blank at its end is then the line's end, not a value (one missing tab is one short row, not a blank
  // 总计 that every identity would then trip over).
  const widths = new Map<number, number>();
  for (const row of rows) {
    const n = parts.get(row)?.cells.length ?? 0;
    widths.set(n, (widths.get(n) ?? 0) + 1);
  }
  let grid = 0;
  for (const [n, count] of widths) if (count >= rows.length * 0.6 && rows.length >= 5) grid = n;
  const short = (row: TableRow) => {
    const lost = grid - (parts.get(row)?.cells.length ?? grid);
    if (lost <= 0) return;
    let v = row.values;
    while (v.length > width - lost && v.length > 0 && v[v.length - 1].kind === 'blank') v = v.slice(0, -1);
    // A merged label's filler before the values, now that the line is known to be short.
    while (v.length > width - lost && v.length > 0 && v[0].kind === 'blank') v = v.slice(1);
    row.values = v;
  };
  for (const row of rows) {
    const m = votes.get(shapeOf(row));
    let pattern: string | null = null;
    let best = 0;
    for (const [p, n] of m ?? []) if (n > best) [pattern, best] = [p, n];
    if (pattern && row.values.length !== width) {
      const [lead, trail] = pattern.split(':').map(Number);
      const v = row.values;
      const e = edges(v);
      if (e.lead >= lead && e.trail >= trail && v.length > lead + trail && v.length - lead - trail <= width) {
        row.values = v.slice(lead, v.length - trail);
        short(row);
        continue;
      }
    }
    row.values = fitSlots(row.values, width);
    short(row);
  }
}

/** Drops blank slots beyond `width`: trailing ones first (trailing tabs), then leading ones (merged label columns). */
export function fitSlots(values: Cell[], width: number): Cell[] {
  let a = 0;
  let b = values.length;
  while (b - a > width && values[b - 1].kind === 'blank') b--;
  while (b - a > width && values[a].kind === 'blank') a++;
  return a === 0 && b === values.length ? values : values.slice(a, b);
}

/**
 * A row whose label arrived over several lines (cells written as several paragraphs, a wrapped long label):
 * the label lines before it become its label. A cell split across lines is joined back (`三、本` + `年度办` +
 * `理结果`) unless the line before ends with a complete label or the next starts with a numbering.
 */
function withLabelLines(lines: TableRow[], row: TableRow, parts: Parts, complete: (text: string) => boolean): TableRow {
  const merged: LabelPart[] = [];
  for (const r of [...lines, row]) {
    const own = parts.get(r)?.labels ?? [];
    for (let k = 0; k < own.length; k++) {
      const part = own[k];
      const prev = merged[merged.length - 1];
      if (k === 0 && prev && !complete(prev.text) && !complete(part.text) && !leadingNumber(normalizeLabel(part.text))) {
        merged[merged.length - 1] = { text: prev.text + part.text, range: { start: prev.range.start, end: part.range.end } };
      } else merged.push(part);
    }
  }
  if (merged.length === 0) return row;
  const start = lines[0].range.start;
  const out: TableRow = {
    ...row,
    label: merged.map((p) => p.text).join(' '),
    labelCells: merged.map((p) => p.text),
    labelRange: { start: merged[0].range.start, end: merged[merged.length - 1].range.end },
    itemLabel: merged[merged.length - 1],
    range: { start, end: row.range.end },
  };
  parts.set(out, { labels: merged, cells: parts.get(row)?.cells ?? [] });
  return out;
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
  const parts: Parts = new Map();
  const rows = raw.map((r) => splitRow(r, parts));
  const kind = classify(rows, section);
  const base = { range: tableRange(rows), section, rows, header: '' };
  if (kind === 't3') return buildT3({ ...base, kind }, parts);
  if (kind === 't4') return buildT4({ ...base, kind });
  if (kind === 't2') return buildT2({ ...base, kind }, parts);
  return { ...base, kind: 'unknown' };
}

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

const matched = new Map<string, string | null>();

/** The template row a label names (memoised: labels repeat across rows, rebuilds and documents). */
function matchT3(labelCell: string, group: string | null): string | null {
  const k = `${group ?? ''}\u0000${labelCell}`;
  let key = matched.get(k);
  if (key === undefined) {
    key = matchT3Uncached(labelCell, group);
    if (matched.size >= 20_000) matched.clear();
    if (labelCell.length <= 200) matched.set(k, key);
  }
  return key;
}

function matchT3Uncached(labelCell: string, group: string | null): string | null {
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
function nextT3(lastIndex: number, byKey: Record<string, TableRow>): string | undefined {
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
function isVariantOf(label: string, key: string): boolean {
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

function buildT3(t: Omit<Table3, 'byKey' | 'expectedColumns' | 'hasTotalColumn' | 'otherHandlingForm'>, parts: Parts): Table3 {
  const byKey: Record<string, TableRow> = {};
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
  return { ...t, rows, header, byKey, expectedColumns: hasTotalColumn ? 7 : 6, hasTotalColumn, otherHandlingForm };
}

function buildT4(t: Omit<Table4, 'data'>): Table4 {
  const headers: string[] = [];
  let data: TableRow | null = null;
  for (const row of t.rows) {
    if (row.values.length === 0) headers.push(normalizeLabel(row.label));
    else if (!data) data = row;
  }
  // A row of fifteen blank cells is the data row too.
  if (!data) data = t.rows.find((r) => (r.blankSlots?.length ?? 0) >= 10) ?? null;
  if (data) {
    data.key = 'data';
    data.values = fitSlots(data.values.length ? data.values : data.blankSlots!, 15);
  }
  return { ...t, header: headers.join('|'), data };
}

const T2_CAPTION = /第二十条第\(([一二三四五六七八九十]+)\)项/;
const T2_HEADER_2019 = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|采购总金额/;
const T2_HEADER_2021 = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额/;
const T2_NAMES = new Map<string, string>();
for (const d of [...T2_2021, ...T2_2019]) T2_NAMES.set(normalizeLabel(d.zh), d.key);
/** Row names only one format has. */
const T2_NAME_FORM: Record<string, '2021' | '2019'> = { 行政规范性文件: '2021', 其他对外管理服务事项: '2019', 政府集中采购: '2019' };

function headerForm(text: string): '2021' | '2019' | null {
  const old = T2_HEADER_2019.test(text);
  const cur = T2_HEADER_2021.test(text);
  return old && !cur ? '2019' : cur && !old ? '2021' : null;
}

function buildT2(t: Omit<Table2, 'byKey' | 'items' | 'template' | 'blocks'>, parts: Parts): Table2 {
  const byKey: Record<string, TableRow> = {};
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
  return {
    ...t,
    rows,
    header: headers.join('|'),
    byKey,
    items,
    template,
    blocks: blocks.map((b) => ({ item: b.item, form: b.form, range: b.range })),
  };
}
