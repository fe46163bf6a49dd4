// A PDF page as text: lines by position, and ruled tables as grids of cells (merged cells kept as spans), from
// the page's text pieces and its ruling lines. Pure geometry: pdf.ts feeds it what the PDF library reads.

/** A piece of text; `x`, `y` (baseline) and sizes in PDF units, `y` growing upwards. */
export interface PdfText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A straight horizontal or vertical stroke (a table rule, or an edge of a cell's filled background). */
export interface PdfRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPage {
  width: number;
  height: number;
  texts: PdfText[];
  rules: PdfRule[];
}

/** A cell of a table grid: its text sits in its top-left slot; the slots it covers are `null`. */
export interface GridCell {
  text: string;
  rowspan: number;
  colspan: number;
}

export type PageBlock = { kind: 'line'; text: string; top: number; left: number; right: number; size: number } | { kind: 'table'; rows: (GridCell | null)[][]; top: number };

/** Two coordinates closer than this are the same rule. */
const TOL = 3;

interface HRule {
  y: number;
  x1: number;
  x2: number;
}
interface VRule {
  x: number;
  y1: number;
  y2: number;
}

/** Values within TOL of each other, as one (their mean), sorted ascending. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[group.length - 1] > TOL) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

function nearest(values: number[], v: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i] - v) < Math.abs(values[best] - v)) best = i;
  return best;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function split(rules: PdfRule[]): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  for (const r of rules) {
    const dx = Math.abs(r.x2 - r.x1);
    const dy = Math.abs(r.y2 - r.y1);
    if (dy <= 1.5 && dx > TOL) h.push({ y: (r.y1 + r.y2) / 2, x1: Math.min(r.x1, r.x2), x2: Math.max(r.x1, r.x2) });
    else if (dx <= 1.5 && dy > TOL) v.push({ x: (r.x1 + r.x2) / 2, y1: Math.min(r.y1, r.y2), y2: Math.max(r.y1, r.y2) });
  }
  return { h, v };
}

interface TableRegion {
  h: HRule[];
  v: VRule[];
}

/** Rules that touch each other, as tables (a lone underline or a box around one paragraph is no table). */
function regions(h: HRule[], v: VRule[]): TableRegion[] {
  const uf = new UnionFind(h.length + v.length);
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      const a = h[i];
      const b = v[j];
      if (b.x >= a.x1 - TOL && b.x <= a.x2 + TOL && a.y >= b.y1 - TOL && a.y <= b.y2 + TOL) uf.union(i, h.length + j);
    }
  }
  const groups = new Map<number, TableRegion>();
  for (let i = 0; i < h.length + v.length; i++) {
    const root = uf.find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    if (i < h.length) g.h.push(h[i]);
    else g.v.push(v[i - h.length]);
  }
  return [...groups.values()].filter((g) => cluster(g.h.map((r) => r.y)).length >= 2 && cluster(g.v.map((r) => r.x)).length >= 2);
}

interface Grid {
  xs: number[];
  /** Descending: the top rule first. */
  ys: number[];
  cells: UnionFind;
}

function grid(region: TableRegion): Grid {
  // A table that goes on over a page break has no rule along the cut: where its column rules end is its edge.
  const top = Math.max(...region.v.map((r) => r.y2));
  const bottom = Math.min(...region.v.map((r) => r.y1));
  const left = Math.min(...region.h.map((r) => r.x1));
  const right = Math.max(...region.h.map((r) => r.x2));
  const hys = region.h.map((r) => r.y);
  if (top > Math.max(...hys) + 2 * TOL) region.h.push({ y: top, x1: left, x2: right });
  if (bottom < Math.min(...hys) - 2 * TOL) region.h.push({ y: bottom, x1: left, x2: right });
  const xs = cluster(region.v.map((r) => r.x));
  const ys = cluster(region.h.map((r) => r.y)).reverse();
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const cells = new UnionFind(rows * cols);
  const vAt = xs.map(() => [] as VRule[]);
  for (const r of region.v) vAt[nearest(xs, r.x)].push(r);
  const hAt = ys.map(() => [] as HRule[]);
  for (const r of region.h) hAt[nearest(ys, r.y)].push(r);
  const covers = (lo: number, hi: number, v: number) => v >= lo - TOL && v <= hi + TOL;
  for (let r = 0; r < rows; r++) {
    const midY = (ys[r] + ys[r + 1]) / 2;
    for (let c = 0; c < cols; c++) {
      const midX = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < cols && !vAt[c + 1].some((s) => covers(s.y1, s.y2, midY))) cells.union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !hAt[r + 1].some((s) => covers(s.x1, s.x2, midX))) cells.union(r * cols + c, (r + 1) * cols + c);
    }
  }
  return { xs, ys, cells };
}

const LATIN = /[A-Za-z0-9%.,]$/;
const LATIN_START = /^[A-Za-z0-9%]/;
const WIDE_END = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]$/;
const WIDE_START = /^[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]/;

/** Pieces on one baseline, left to right, as a string: a space where the gap is wider than a third of the size. */
function joinLine(pieces: PdfText[]): string {
  pieces.sort((a, b) => a.x - b.x);
  let out = '';
  let end = -Infinity;
  for (const p of pieces) {
    // Justified Chinese text spreads its characters: a gap between two of them is no space.
    const wide = WIDE_END.test(out) && WIDE_START.test(p.str);
    if (out && !wide && p.x - end > Math.max(p.height, 4) / 3 && !out.endsWith(' ') && !p.str.startsWith(' ')) out += ' ';
    out += p.str;
    end = Math.max(end, p.x + p.width);
  }
  return out
    .replace(/\s+/g, ' ')
    .replace(/([\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]) (?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”])/g, '$1')
    .trim();
}

/** Pieces as lines, top to bottom (pieces whose baselines are within half a size share a line). */
function toLines(pieces: PdfText[]): { text: string; top: number; left: number; right: number; size: number }[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { pieces: PdfText[]; y: number; size: number }[] = [];
  for (const p of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - p.y) <= Math.max(2, Math.min(last.size, p.height) * 0.5)) {
      last.pieces.push(p);
      last.size = Math.max(last.size, p.height);
    } else lines.push({ pieces: [p], y: p.y, size: p.height });
  }
  return lines
    .map((l) => ({ text: joinLine(l.pieces), top: l.y + l.size, left: Math.min(...l.pieces.map((p) => p.x)), right: Math.max(...l.pieces.map((p) => p.x + p.width)), size: l.size }))
    .filter((l) => l.text);
}

function cellText(pieces: PdfText[]): string {
  let out = '';
  for (const l of toLines(pieces)) out += out && LATIN.test(out) && LATIN_START.test(l.text) ? ' ' + l.text : l.text;
  return out;
}

/** The page's lines and tables in reading order (top to bottom). */
export function layoutPage(page: PdfPage): PageBlock[] {
  const { h, v } = split(page.rules);
  // One box (a frame around a paragraph, a shaded line) is no table.
  const tables = regions(h, v)
    .map(grid)
    .filter((g) => {
      const roots = new Set<number>();
      for (let i = 0; i < (g.xs.length - 1) * (g.ys.length - 1); i++) roots.add(g.cells.find(i));
      return roots.size >= 2;
    });
  const inCell = tables.map(() => new Map<number, PdfText[]>());
  const free: PdfText[] = [];
  for (const t of page.texts) {
    if (!t.str.trim()) continue;
    const cx = t.x + Math.min(t.width, page.width) / 2;
    const cy = t.y + t.height * 0.3;
    let placed = false;
    tables.forEach((g, k) => {
      if (placed || cx < g.xs[0] || cx > g.xs[g.xs.length - 1] || cy > g.ys[0] || cy < g.ys[g.ys.length - 1]) return;
      let c = 0;
      while (c < g.xs.length - 2 && cx > g.xs[c + 1]) c++;
      let r = 0;
      while (r < g.ys.length - 2 && cy < g.ys[r + 1]) r++;
      const root = g.cells.find(r * (g.xs.length - 1) + c);
      const list = inCell[k].get(root) ?? [];
      list.push(t);
      inCell[k].set(root, list);
      placed = true;
    });
    if (!placed) free.push(t);
  }
  const blocks: PageBlock[] = [];
  tables.forEach((g, k) => {
    const cols = g.xs.length - 1;
    const rows = g.ys.length - 1;
    const out: (GridCell | null)[][] = [];
    const extent = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const root = g.cells.find(r * cols + c);
        const e = extent.get(root);
        if (!e) extent.set(root, { r0: r, c0: c, r1: r, c1: c });
        else {
          e.r1 = Math.max(e.r1, r);
          e.c1 = Math.max(e.c1, c);
          e.c0 = Math.min(e.c0, c);
        }
      }
    }
    for (let r = 0; r < rows; r++) {
      const row: (GridCell | null)[] = [];
      for (let c = 0; c < cols; c++) {
        const root = g.cells.find(r * cols + c);
        const e = extent.get(root)!;
        row.push(e.r0 === r && e.c0 === c ? { text: cellText(inCell[k].get(root) ?? []), rowspan: e.r1 - e.r0 + 1, colspan: e.c1 - e.c0 + 1 } : null);
      }
      // A row that is only a sliver between two rules close together holds nothing: leave it out.
      if (g.ys[r] - g.ys[r + 1] < 4 && row.every((cell) => !cell || !cell.text)) continue;
      out.push(row);
    }
    blocks.push({ kind: 'table', rows: out, top: g.ys[0] });
  });
  for (const l of toLines(free)) blocks.push({ kind: 'line', ...l });
  return blocks.sort((a, b) => b.top - a.top);
}
