// The column layout of a text report's tab tables, for showing them aligned without changing the text: each
// cell gets a slot (label slots, then the table's value columns as the report model places the values) and
// space is shown before the tabs so that every cell starts at its slot. Two ways:
// - with the editor's tab size (VS Code's client, which shows the space as decorations that its tab expansion
//   does not count): each tab's width is known, slots start where the widest row needs them;
// - without it (LSP inlay hints, which editors count as text): slots start at multiples of a stop (STOP unless
//   the editor said its tab size) and each tab is brought to the column just before one, where it advances
//   exactly one column for any tab size dividing the stop (1, 2, 4 or 8 for STOP), so the same hints align in
//   Neovim (8) as in any other editor.
import { T3_COLUMNS } from '../model/templates';
import type { Report, Table2, TableModel } from '../model/types';
import type { Range } from '../types';
import { displayWidth, editorColumns } from './width';

/** Slot starts are multiples of this (a multiple of every usual tab size). */
export const STOP = 8;

export interface LayoutCell {
  line: number;
  /** The cell's text between its tabs (spaces included), UTF-16 offsets. */
  start: number;
  end: number;
  /** Columns it takes in a monospace editor (CJK two). */
  width: number;
  /** With a tab size: the columns the tab after it takes (0 for the last cell). */
  tab: number;
  /** Nothing but spaces. */
  blank: boolean;
  slot: number;
}

export interface TableLayout {
  /** First and last line of the table block. */
  startLine: number;
  endLine: number;
  /** The rows with at least one tab, top to bottom. */
  rows: LayoutCell[][];
  /** Where each slot starts, in columns. */
  starts: number[];
  /** The tab size it was laid out for (undefined: for inlay hints, see above). */
  tabSize?: number;
  /** Without a tab size: the stop the slots start at multiples of. */
  stop?: number;
  /** Columns its widest row takes, aligned. */
  width: number;
}

/**
 * Tables up to this many columns wide, aligned, are shown aligned by default: they fit beside the side bar of a
 * 1366-pixel screen. Wider ones (表三 and 表四 of the standard take 165–210) only when asked for: VS Code wraps
 * their rows in a narrower editor, which reads worse than the text as it is.
 */
export const FITTING_COLUMNS = 100;

/** Spaces to show at a place (before a tab, or before a line's first cell). */
export interface Pad {
  line: number;
  character: number;
  width: number;
  /** Laid out for a tab size: the columns the tab at `character` takes (absent before a line's first cell). */
  tab?: number;
}

interface RawLine {
  line: number;
  cells: { start: number; end: number; width: number; tab: number }[];
}

function cellsOf(text: string, line: number, tabSize: number | undefined): RawLine | null {
  if (!text.includes('\t')) return null;
  const cells: RawLine['cells'] = [];
  let from = 0;
  let column = 0;
  for (;;) {
    const tab = text.indexOf('\t', from);
    const end = tab < 0 ? text.length : tab;
    const cell = text.slice(from, end);
    const width = tabSize ? editorColumns(cell) : displayWidth(cell);
    column += width;
    const tabWidth = tab < 0 || !tabSize ? 0 : tabSize - (column % tabSize);
    column += tabWidth;
    cells.push({ start: from, end, width, tab: tabWidth });
    if (tab < 0) break;
    from = tab + 1;
  }
  return { line, cells };
}

const roundUp = (n: number, stop: number) => Math.ceil(n / stop) * stop;

function mode(xs: number[]): number | undefined {
  const n = new Map<number, number>();
  let best: number | undefined;
  for (const x of xs) {
    const c = (n.get(x) ?? 0) + 1;
    n.set(x, c);
    if (best === undefined || c > n.get(best)! || (c === n.get(best)! && x < best)) best = x;
  }
  return best;
}

/** Where a tab after text ending at `p` lands, at least `gap` spaces on: the next stop past them. */
const land = (p: number, gap: number, stop: number) => roundUp(p + gap + 1, stop);

/** From one shown cell (or the line's start) over blank cells to the next shown cell. */
interface Lead {
  /** The cell it starts from; null: the line's start. */
  from: LayoutCell | null;
  blanks: LayoutCell[];
  to: LayoutCell;
}

function leadsOf(row: readonly LayoutCell[]): Lead[] {
  const out: Lead[] = [];
  let from: LayoutCell | null = null;
  let blanks: LayoutCell[] = [];
  for (const c of row) {
    if (c.blank) {
      blanks.push(c);
      continue;
    }
    out.push({ from, blanks, to: c });
    from = c;
    blanks = [];
  }
  return out;
}

/**
 * Where the last tab of a lead lands at the earliest. Without a tab size each blank cell on the way takes one
 * more stop; with one, every tab takes its own width and only the last is padded (at least two columns show
 * between a cell and the next).
 */
function earliest(lead: Lead, starts: readonly number[], tabSize: number | undefined, stop: number): number {
  if (!lead.from && lead.blanks.length === 0) return 0;
  if (tabSize) {
    let p = lead.from ? starts[lead.from.slot] + lead.from.width + (lead.blanks.length ? lead.from.tab : Math.max(2, lead.from.tab)) : 0;
    for (const b of lead.blanks) p += b.width + b.tab;
    return p;
  }
  let p = lead.from ? land(starts[lead.from.slot] + lead.from.width, 1, stop) : 0;
  for (const b of lead.blanks) p = land(p + b.width, 0, stop);
  return p;
}

/** The column header words of table 三 and the value column each names (the header rows carry no values). */
const T3_HEADS = new Map<string, number>([['申请人情况', 0], ['法人或其他组织', 1], ...T3_COLUMNS.map((c, i) => [c.zh, i] as [string, number])]);

/**
 * Lays out the tab rows of lines `from`..`to` of `lines`. `valueStart` gives, for the lines the report model
 * read values on, the character where the first value cell starts; a header line of table 三 places itself by
 * its column names; other lines take the value start most lines with as many cells have.
 */
export function layoutLines(lines: readonly string[], from: number, to: number, valueStart: ReadonlyMap<number, number>, t3 = false, tabSize?: number, stop = STOP): TableLayout | null {
  const raw: RawLine[] = [];
  for (let l = from; l <= to && l < lines.length; l++) {
    const r = cellsOf(lines[l], l, tabSize);
    if (r) raw.push(r);
  }
  if (raw.length === 0) return null;
  // s: how many label cells come before the values on each line (negative: the line lost leading cells).
  const known = new Map<RawLine, number>();
  for (const r of raw) {
    const ch = valueStart.get(r.line);
    if (ch === undefined) continue;
    const k = r.cells.findIndex((c) => ch >= c.start && ch <= c.end);
    if (k >= 0) known.set(r, k);
  }
  const all = [...known.values()];
  const s = raw.map((r) => {
    const k = known.get(r);
    if (k !== undefined) return k;
    if (t3) {
      const text = lines[r.line];
      const j = r.cells.findIndex((c) => T3_HEADS.has(text.slice(c.start, c.end).replace(/\s+/g, '')));
      if (j >= 0) return j - T3_HEADS.get(text.slice(r.cells[j].start, r.cells[j].end).replace(/\s+/g, ''))!;
    }
    const same = mode(raw.filter((x) => known.has(x) && x.cells.length === r.cells.length).map((x) => known.get(x)!));
    return Math.min(r.cells.length, same ?? mode(all) ?? 0);
  });
  const labels = Math.max(0, ...s);
  const rows: LayoutCell[][] = raw.map((r, i) =>
    r.cells.map((c, j) => ({ line: r.line, start: c.start, end: c.end, width: c.width, tab: c.tab, blank: lines[r.line].slice(c.start, c.end).trim() === '', slot: j < s[i] ? j : labels + j - s[i] })),
  );
  const slots = Math.max(...rows.map((r) => r[r.length - 1].slot)) + 1;
  const byTarget: Lead[][] = Array.from({ length: slots }, () => []);
  for (const row of rows) for (const lead of leadsOf(row)) byTarget[lead.to.slot].push(lead);
  const starts = new Array<number>(slots).fill(0);
  for (let b = 1; b < slots; b++) {
    let x = starts[b - 1] + (tabSize ? 1 : stop);
    for (const lead of byTarget[b]) x = Math.max(x, earliest(lead, starts, tabSize, stop));
    starts[b] = tabSize ? x : roundUp(x, stop);
  }
  const width = Math.max(...rows.map((r) => starts[r[r.length - 1].slot] + r[r.length - 1].width));
  return { startLine: from, endLine: to, rows, starts, ...(tabSize ? { tabSize } : { stop }), width };
}

/** The spaces to show so that every shown cell starts at its slot. */
export function padsOf(layout: TableLayout): Pad[] {
  const out: Pad[] = [];
  const put = (c: LayoutCell, width: number) => {
    if (width > 0) out.push({ line: c.line, character: c.end, width });
  };
  for (const row of layout.rows) {
    for (const lead of leadsOf(row)) {
      const target = layout.starts[lead.to.slot];
      if (!lead.from && lead.blanks.length === 0) {
        if (target > 0) out.push({ line: lead.to.line, character: lead.to.start, width: target });
        continue;
      }
      if (layout.tabSize) {
        // Every tab takes its width; the space goes before the last.
        const last = lead.blanks.length ? lead.blanks[lead.blanks.length - 1] : lead.from!;
        let p = lead.from ? layout.starts[lead.from.slot] + lead.from.width + lead.from.tab : 0;
        for (const b of lead.blanks) p += b.width + b.tab;
        if (target - p > 0) out.push({ line: last.line, character: last.end, width: target - p, tab: last.tab });
        continue;
      }
      // The tabs on the way: each but the last lands on the next stop, the last on the target.
      const steps: { cell: LayoutCell; gap: number }[] = [...(lead.from ? [{ cell: lead.from, gap: 1 }] : []), ...lead.blanks.map((cell) => ({ cell, gap: 0 }))];
      let p = lead.from ? layout.starts[lead.from.slot] : 0;
      steps.forEach(({ cell, gap }, k) => {
        const end = p + cell.width;
        const before = k === steps.length - 1 ? target - 1 : land(end, gap, layout.stop ?? STOP) - 1;
        put(cell, before - end);
        p = before + 1;
      });
    }
  }
  return out;
}

/** Line ranges of the blocks aligned together: a table, or table 二's 第二十条 blocks one by one. */
function blocksOf(t: TableModel): [number, number][] {
  if (t.kind === 't2' && (t as Table2).blocks?.length) return (t as Table2).blocks.map((b) => [b.range.start.line, b.range.end.line]);
  return [[t.range.start.line, t.range.end.line]];
}

const cache = new WeakMap<TableModel, Map<number, TableLayout[]>>();

/**
 * The layouts of a text report's tables that have lines in `range` (all when it is left out). A table kept by
 * the report model between edits keeps its layout, so only edited tables are laid out again.
 */
export function tableLayouts(report: Report, lines: readonly string[], range?: Range, tabSize?: number, stop = STOP): TableLayout[] {
  if (report.format !== 'text') return [];
  const out: TableLayout[] = [];
  for (const t of report.tables) {
    if (range && (t.range.end.line < range.start.line || t.range.start.line > range.end.line)) continue;
    const kept = cache.get(t) ?? new Map<number, TableLayout[]>();
    cache.set(t, kept);
    const key = tabSize ?? -stop;
    let layouts = kept.get(key);
    if (!layouts) {
      const valueStart = new Map<number, number>();
      for (const row of t.rows) if (row.values.length) valueStart.set(row.values[0].range.start.line, row.values[0].range.start.character);
      layouts = blocksOf(t).flatMap(([a, b]) => layoutLines(lines, a, b, valueStart, t.kind === 't3', tabSize, stop) ?? []);
      kept.set(key, layouts);
    }
    out.push(...layouts);
  }
  return out;
}

/** How tablePads lays the tables out. */
export interface PadOptions {
  /** For an editor that shows the space itself with this tab size (see above). */
  tabSize?: number;
  /** Without a tab size (inlay hints): slots at multiples of this; STOP unless the editor said its tab size. */
  stop?: number;
  /** On every line of the tables the range meets, not only the lines in it. */
  wholeTables?: boolean;
  /** Only the tables at most this many columns wide aligned (FITTING_COLUMNS: those shown by default). */
  maxWidth?: number;
}

/** The spaces to show in `range` (all when it is left out). */
export function tablePads(report: Report, lines: readonly string[], range?: Range, options: PadOptions = {}): Pad[] {
  const { tabSize, stop = STOP, wholeTables = false, maxWidth = Infinity } = options;
  const pads = tableLayouts(report, lines, range, tabSize, stop)
    .filter((l) => l.width <= maxWidth)
    .flatMap(padsOf);
  return range && !wholeTables ? pads.filter((p) => p.line >= range.start.line && p.line <= range.end.line) : pads;
}
