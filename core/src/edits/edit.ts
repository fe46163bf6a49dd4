import { diffArrays } from 'diff';
import { lineIndexAt } from '../text/lines';
import type { Range } from '../types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Line start offsets of a text (\n, \r\n and \r are line breaks). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position; a character past the end of its line is the line's end, as in LSP. */
function offsetIn(text: string, starts: readonly number[], p: { line: number; character: number }): number {
  if (p.line >= starts.length) return text.length;
  let end = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  if (end > starts[p.line] && p.line + 1 < starts.length) {
    end--;
    if (end > starts[p.line] && text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
  }
  return Math.min(starts[p.line] + Math.max(0, p.character), end);
}

/** Applies non-overlapping edits (given in any order; inserts at one place in the order they appear in the text) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const off = (p: { line: number; character: number }) => offsetIn(text, starts, p);
  // From the end; inserts at one place appear in the order given (as LSP says), so the last of them goes first.
  const sorted = edits.map((e, i) => ({ a: off(e.range.start), b: off(e.range.end), t: e.newText, i })).sort((x, y) => y.a - x.a || y.b - x.b || y.i - x.i);
  // Pieces from the end backwards, joined once: linear in the text and the edits.
  const pieces: string[] = [];
  let limit = text.length;
  for (const e of sorted) {
    if (e.b > limit) continue; // overlaps an edit already applied
    pieces.push(text.slice(e.b, limit), e.t);
    limit = e.a;
  }
  pieces.push(text.slice(0, limit));
  return pieces.reverse().join('');
}

/**
 * Where a position of `text` is once `edits` are applied: it moves with the text before it; a position inside
 * an edited span goes to the span's start.
 */
export function positionMapper(text: string, edits: readonly TextEdit[], fixed: string): (p: { line: number; character: number }) => { line: number; character: number } {
  const starts = lineStarts(text);
  const after = lineStarts(fixed);
  const off = (p: { line: number; character: number }) => offsetIn(text, starts, p);
  // Non-overlapping spans sorted by start have sorted ends too: those ending at or before a position are a prefix.
  const spans = edits.map((e) => ({ a: off(e.range.start), b: off(e.range.end), d: e.newText.length - (off(e.range.end) - off(e.range.start)) })).sort((x, y) => x.a - y.a || x.b - y.b);
  const shiftBefore = [0];
  for (const s of spans) shiftBefore.push(shiftBefore[shiftBefore.length - 1] + s.d);
  return (p) => {
    const o = off(p);
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].b <= o) lo = mid + 1;
      else hi = mid;
    }
    // An insertion exactly at the position does not move it.
    let k = lo;
    while (k > 0 && spans[k - 1].a === o && spans[k - 1].b === o) k--;
    const shift = shiftBefore[k];
    const at = lo < spans.length && spans[lo].a < o ? spans[lo].a : o;
    const moved = Math.min(at + shift, fixed.length);
    const line = lineIndexAt(after, moved);
    return { line, character: moved - after[line] };
  };
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
}

const cmp = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line - q.line || p.character - q.character;

/** Ranges taken by edits chosen so far, kept sorted: whether new edits overlap one of them in O(log n) each. */
export class DisjointRanges {
  private readonly ranges: Range[] = [];

  /** Whether any of `edits` overlaps (or touches, as `overlaps` says) a range already added. */
  overlapsAny(edits: readonly TextEdit[]): boolean {
    return edits.some((e) => {
      for (let i = this.firstEndingAtOrAfter(e.range.start); i < this.ranges.length && cmp(this.ranges[i].start, e.range.end) <= 0; i++) {
        if (overlaps(this.ranges[i], e.range)) return true;
      }
      return false;
    });
  }

  /** Adds ranges that overlap none added so far (kept sorted by start, then end: their ends are sorted too). */
  add(edits: readonly TextEdit[]): void {
    for (const e of edits) {
      let lo = 0;
      let hi = this.ranges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const r = this.ranges[mid];
        if ((cmp(r.start, e.range.start) || cmp(r.end, e.range.end)) < 0) lo = mid + 1;
        else hi = mid;
      }
      this.ranges.splice(lo, 0, e.range);
    }
  }

  private firstEndingAtOrAfter(p: { line: number; character: number }): number {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(this.ranges[mid].end, p) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Do not split a \r\n pair.
  if (p > 0 && before.charCodeAt(p - 1) === 13 && before.charCodeAt(p) === 10) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (s > 0 && before.charCodeAt(before.length - s) === 10 && before.charCodeAt(before.length - s - 1) === 13) s--;
  const starts = lineStarts(before);
  const pos = (o: number) => {
    const line = lineIndexAt(starts, o);
    return { line, character: o - starts[line] };
  };
  return { range: { start: pos(p), end: pos(before.length - s) }, newText: after.slice(p, after.length - s) };
}

/** The lines of a text, each with its line break. */
function linesWithEols(text: string): string[] {
  const starts = lineStarts(text);
  const out: string[] = [];
  for (let i = 0; i < starts.length; i++) out.push(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length));
  if (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * Small edits that turn `before` into `after`: one per changed run of lines (a line diff), narrowed to the
 * characters that differ when a run replaces as many lines as it had. A fix-all of fixes far apart is many small
 * edits, never one edit over everything between them (an editor then keeps cursors, folds and marks in place).
 */
const MAX_DIFF_LINES = 500;

export function minimalEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = linesWithEols(before);
  const b = linesWithEols(after);
  const starts = lineStarts(before);
  const at = (line: number) => (line < starts.length ? { line, character: 0 } : { line: starts.length - 1, character: before.length - starts[starts.length - 1] });
  const out: TextEdit[] = [];
  const narrowed = (line: number, from: string, to: string) => {
    const e = minimalEdit(from, to);
    if (e) out.push({ range: { start: { line: line + e.range.start.line, character: e.range.start.character }, end: { line: line + e.range.end.line, character: e.range.end.character } }, newText: e.newText });
  };
  // As many lines as before (fixes change cells and years in place): line by line, linear however many changed.
  if (a.length === b.length) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) narrowed(i, a[i], b[i]);
    return out;
  }
  // A line diff is quadratic in the lines changed: past a bound, one edit between the common prefix and suffix.
  const changes = diffArrays(a, b, { maxEditLength: MAX_DIFF_LINES });
  if (!changes) return [minimalEdit(before, after)!];
  let line = 0;
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k];
    if (!c.added && !c.removed) {
      line += c.count ?? c.value.length;
      continue;
    }
    // A removed run and the added run after it (or either alone) replace lines [line, line + removed).
    const removed = c.removed ? c.value : [];
    const next = c.removed && changes[k + 1]?.added ? changes[++k] : null;
    const added = c.added ? c.value : (next?.value ?? []);
    if (removed.length === added.length) {
      for (let i = 0; i < removed.length; i++) narrowed(line + i, removed[i], added[i]);
    } else out.push({ range: { start: at(line), end: at(line + removed.length) }, newText: added.join('') });
    line += removed.length;
  }
  return out;
}
