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
