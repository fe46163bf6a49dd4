import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CORPUS, corpusCases, scoreCase } from './score';

const where = (d: { code: string; range: { start: { line: number; character: number } }; message: string }) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`;

describe('real published reports (../shared/corpus): every real fault found, no false alarm', { skip: CORPUS ? false : 'no ../shared/corpus beside the clone' }, () => {
  const cases = corpusCases();
  it('has cases to check', () => assert.ok(cases.length >= 6, `${cases.length} cases in ${CORPUS}`));
  for (const c of cases) {
    it(c.id, () => {
      const r = scoreCase(c);
      assert.deepEqual(r.missed.map((e) => `${e.code} near line ${e.line}`), [], 'real faults not reported');
      assert.deepEqual(r.falseAlarms.map(where), [], 'errors or warnings that are not real faults');
      for (const id of c.expect.mustNot ?? []) assert.ok(!r.diagnostics.some((d) => d.code === id && (d.severity === 'error' || d.severity === 'warning')), `${id} must not be reported`);
    });
  }
});
