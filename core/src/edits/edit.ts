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

/** Applies non-overlapping edits (given in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const off = (p: { line: number; character: number }) => offsetIn(text, starts, p);
  const sorted = edits.map((e) => ({ a: off(e.range.start), b: off(e.range.end), t: e.newText })).sort((x, y) => y.a - x.a || y.b - x.b);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.b > limit) continue; // overlaps an edit already applied
    out = out.slice(0, e.a) + e.t + out.slice(e.b);
    limit = e.a;
  }
  return out;
}

/**
 * Where a position of `text` is once `edits` are applied: it moves with the text before it; a position inside
 * an edited span goes to the span's start.
 */
export function positionMapper(text: string, edits: readonly TextEdit[], fixed: string): (p: { line: number; character: number }) => { line: number; character: number } {
  const starts = lineStarts(text);
  const after = lineStarts(fixed);
  const off = (p: { line: number; character: number }) => offsetIn(text, starts, p);
  const spans = edits.map((e) => ({ a: off(e.range.start), b: off(e.range.end), d: e.newText.length - (off(e.range.end) - off(e.range.start)) })).sort((x, y) => x.a - y.a);
  return (p) => {
    const o = off(p);
    let shift = 0;
    let at = o;
    for (const s of spans) {
      if (s.b <= o && !(s.a === s.b && s.a === o)) shift += s.d;
      else if (s.a < o) at = s.a;
    }
    const moved = Math.min(at + shift, fixed.length);
    const line = lineIndexAt(after, moved);
    return { line, character: moved - after[line] };
  };
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
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
export function minimalEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = linesWithEols(before);
  const b = linesWithEols(after);
  const starts = lineStarts(before);
  const at = (line: number) => (line < starts.length ? { line, character: 0 } : { line: starts.length - 1, character: before.length - starts[starts.length - 1] });
  const out: TextEdit[] = [];
  let line = 0;
  const changes = diffArrays(a, b);
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
      for (let i = 0; i < removed.length; i++) {
        const e = minimalEdit(removed[i], added[i]);
        if (e) out.push({ range: { start: { line: line + i + e.range.start.line, character: e.range.start.character }, end: { line: line + i + e.range.end.line, character: e.range.end.character } }, newText: e.newText });
      }
    } else out.push({ range: { start: at(line), end: at(line + removed.length) }, newText: added.join('') });
    line += removed.length;
  }
  return out;
}
