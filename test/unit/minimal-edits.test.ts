// minimalEdits: the small edits a fix-all sends (issue 14 item 8) turn the text into the fixed one exactly, never
// overlap, and touch only the lines that changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, minimalEdits } from '../../core/src/index';

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
