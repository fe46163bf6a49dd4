import { lineIndexAt } from '../text/lines';
import type { Range } from '../types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Line start offsets of a text (\n, \r\n and \r are line breaks). */
function lineStarts(text: string): number[] {
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

/** Applies non-overlapping edits (given in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const off = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
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
