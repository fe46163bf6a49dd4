// minimalEdits: the small edits a fix-all sends (issue 14 item 8) turn the text into the fixed one exactly, never
// overlap, and touch only the lines that changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, minimalEdits } from '../../core/src/index';
import { DisjointRanges, lineStarts, overlaps, positionMapper, type TextEdit } from '../../core/src/edits/edit';

function rng(seed: number) {
  return (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
}

describe('minimalEdits', () => {
  it('random changes of random texts: applied, they give the new text; each edit is inside the lines that differ', () => {
    const rnd = rng(11);
    const pieces = ['一', '12', '\t', '政府信息公开', '\n', '\r\n', '\r', ' ', 'x'];
    const make = (n: number) => Array.from({ length: n }, () => pieces[rnd(pieces.length)]).join('');
    for (let round = 0; round < 3000; round++) {
      const before = make(rnd(60));
      const lines = before.split('\n');
      // Change a few lines in place, insert or delete some, or change the line endings.
      for (let k = rnd(4); k >= 0; k--) {
        const i = rnd(lines.length + 1);
        const what = rnd(4);
        if (what === 0) lines.splice(i, 0, make(rnd(6)));
        else if (what === 1 && lines.length > 1) lines.splice(i % lines.length, 1);
        else lines[i % lines.length] = make(rnd(8));
      }
      const after = rnd(10) === 0 ? before : lines.join('\n');
      const edits = minimalEdits(before, after);
      assert.equal(applyEdits(before, edits), after, `round ${round}: ${JSON.stringify({ before, after, edits })}`);
      if (before === after) assert.deepEqual(edits, []);
      for (let i = 1; i < edits.length; i++) {
        const a = edits[i - 1].range.end;
        const b = edits[i].range.start;
        assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), `round ${round}: edits in order, not overlapping`);
      }
    }
  });

  it('three cells changed 40 lines apart are three one-line edits', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `第${i}行\t${i}\t0`);
    const before = rows.join('\n') + '\n';
    const fixed = [...rows];
    for (const i of [10, 50, 90]) fixed[i] = fixed[i].replace(/\t0$/, '\t7');
    const edits = minimalEdits(before, fixed.join('\n') + '\n');
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.end.line, e.newText]),
      [
        [10, 10, '7'],
        [50, 50, '7'],
        [90, 90, '7'],
      ],
    );
  });
});

const lastAtOrBefore = (starts: number[], o: number): number => {
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1] <= o) i++;
  return i;
};

/** A non-overlapping random edit list of `text`, as fixes give them. */
function randomEdits(random: (n: number) => number, text: string): TextEdit[] {
  const lines = text.split('\n');
  const taken = new DisjointRanges();
  const edits: TextEdit[] = [];
  for (let k = 0; k < 12; k++) {
    const l1 = random(lines.length);
    const l2 = Math.min(lines.length - 1, l1 + (random(4) === 0 ? 1 : 0));
    const c1 = random(lines[l1].length + 1);
    const c2 = l2 > l1 ? random(lines[l2].length + 1) : c1 + random(lines[l1].length - c1 + 1);
    const edit = { range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, newText: 'xyz'.slice(0, random(4)) };
    if (taken.overlapsAny([edit])) continue;
    taken.add([edit]);
    edits.push(edit);
  }
  return edits;
}

describe('applyEdits, positionMapper and DisjointRanges on many edits (fix-all of 1,000 problems: linear, not quadratic)', () => {
  it('DisjointRanges says what overlaps says, against every range added', () => {
    const random = rng(7);
    for (let round = 0; round < 300; round++) {
      const taken = new DisjointRanges();
      const added: TextEdit[] = [];
      for (let k = 0; k < 30; k++) {
        const a = { line: random(4), character: random(6) };
        const b = { line: a.line + (random(3) === 0 ? 1 : 0), character: random(6) };
        const [start, end] = b.line > a.line || b.character >= a.character ? [a, b] : [b, a];
        const edit = { range: { start, end }, newText: 'x' };
        const expected = added.some((x) => overlaps(x.range, edit.range));
        assert.equal(taken.overlapsAny([edit]), expected, `${JSON.stringify(edit.range)} against ${JSON.stringify(added.map((x) => x.range))}`);
        if (!expected) {
          taken.add([edit]);
          added.push(edit);
        }
      }
    }
  });

  it('applyEdits equals applying the edits one at a time from the end (inserts at one place in their order, as LSP says); positionMapper moves every position as the text around it moves', () => {
    const random = rng(11);
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + random(6) }, () => 'abcdefgh'.slice(0, random(9))).join('\n');
      const edits = randomEdits(random, text);
      const starts = lineStarts(text);
      const off = (p: { line: number; character: number }) => Math.min(starts[p.line] + p.character, p.line + 1 < starts.length ? starts[p.line + 1] - 1 : text.length);
      const spans = edits.map((e, i) => ({ a: off(e.range.start), b: off(e.range.end), t: e.newText, i })).sort((x, y) => y.a - x.a || y.b - x.b || y.i - x.i);
      let expected = text;
      for (const e of spans) expected = expected.slice(0, e.a) + e.t + expected.slice(e.b);
      const fixed = applyEdits(text, edits);
      assert.equal(fixed, expected);
      const moved = positionMapper(text, edits, fixed);
      const after = lineStarts(fixed);
      for (let o = 0; o <= text.length; o++) {
        // The reference: the offset shifted by every edit wholly before it (an insertion at it excluded); inside an edit, the edit's start.
        let shift = 0;
        let at = o;
        for (const e of spans) {
          if (e.b <= o && !(e.a === e.b && e.a === o)) shift += e.t.length - (e.b - e.a);
          else if (e.a < o) at = e.a;
        }
        const line = lastAtOrBefore(starts, o);
        const want = Math.min(at + shift, fixed.length);
        const wantLine = lastAtOrBefore(after, want);
        assert.deepEqual(moved({ line, character: o - starts[line] }), { line: wantLine, character: want - after[wantLine] }, `offset ${o} of ${JSON.stringify(text)} with ${JSON.stringify(edits)}`);
      }
    }
  });
});
