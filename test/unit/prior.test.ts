// The summaries the cross-year rules compare with (`Prior`), the index that finds a report's previous year's
// among thousands without a scan of each year (issue 14 item 7), and the workspace index that keeps
// summaries, not texts or models, past a bound (item 3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, checkReport, findPrevious, ParsedDocument, priorOf, PriorIndex, type PriorKey, type Report } from '../../core/src/index';
import { WorkspaceReports } from '../../core/src/service/workspace-reports';
import { read } from '../helpers';

const reportOf = (t: string): Report => analyze(ParsedDocument.parse(t, 'text'));
const Y23 = read('test/fixtures/cross-year/hekou-2023.txt');

describe('Prior', () => {
  it('gives the cross-year rules the same findings as the report it summarises', () => {
    const prev = reportOf(Y23);
    for (const name of ['hekou-2024-carryover.txt', 'hekou-2024-copied.txt', 'hekou-2024-stock.txt', 'hekou-2024.txt']) {
      const cur = reportOf(read('test/fixtures/cross-year/' + name));
      const withReport = checkReport(cur, { previous: prev }).diagnostics;
      const withPrior = checkReport(cur, { previous: structuredClone(priorOf(prev)) }).diagnostics;
      assert.deepEqual(withPrior, withReport, name);
      assert.ok(withReport.some((d) => d.code.startsWith('cross-year') || d.code === 'copied-from-previous') || name === 'hekou-2024.txt', name);
    }
  });

  it('is small: no text, only counts and sentence hashes', () => {
    const p = priorOf(reportOf(Y23));
    const size = JSON.stringify({ ...p, sentences: [...p.sentences] }).length;
    assert.ok(size < Y23.length / 2, `${size} characters for a ${Y23.length}-character report`);
    assert.equal(p.year, 2023);
    assert.ok(p.carryNext && p.inForce && p.sentences.size > 10);
  });
});

describe('PriorIndex', () => {
  const AGENCIES = ['县政府', '平罗县政府', '海原县政府', '政府办公室', '平罗县政府办公室', '海原县政府办公室', '局', '卫生健康局', '平罗县卫生健康局', '府办公室'];
  const fake = (year: number | null, agency: string, isReport = true): Report =>
    ({ year, isReport, paragraphs: [], t2: null, t3: null, title: { agency, text: agency, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } }) as unknown as Report;

  it('finds what findPrevious finds, in the same order, on random folders', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const reports = Array.from({ length: 1 + rnd(40) }, () => fake(rnd(8) === 0 ? null : 2020 + rnd(4), AGENCIES[rnd(AGENCIES.length)], rnd(6) !== 0));
      const index = new PriorIndex<Report>();
      for (const r of reports) index.add(priorOf(r), r);
      for (const r of reports) {
        const expected = findPrevious(r, reports.map((report) => ({ report })))?.report ?? null;
        const p = priorOf(r);
        const got = r.isReport ? (index.first(p.year, p.agency, r)?.item ?? null) : null;
        assert.equal(got, expected, `round ${round}: ${r.title?.agency} ${r.year}`);
      }
    }
  });
});

describe('WorkspaceReports', () => {
  it('keeps texts up to its bound, lets the rest go, and asks for them again when one is needed', () => {
    const files = new WorkspaceReports(Y23.length * 3);
    files.addFolder('file:///w');
    for (let i = 0; i < 10; i++) files.put(`file:///w/${i}.txt`, 1, 1, Y23);
    assert.equal(files.keptChars, Y23.length * 3, 'three texts kept, seven let go');
    const cur = reportOf(read('test/fixtures/cross-year/hekou-2024-carryover.txt'));
    const lookup = () => files.previousOf('file:///w/2024.txt', cur, new PriorIndex<{ uri: string; report: Report }, PriorKey>(), () => false)?.uri;
    assert.equal(lookup(), 'file:///w/0.txt');
    assert.equal(files.keptChars, Y23.length * 2, 'the text is dropped once summarised');
    assert.deepEqual(files.takeWanted(), [], 'nothing needed from disk yet');
    // Past the bound: the lookup names the files it needs, the host reads them, the next lookup finds one.
    for (let i = 0; i < 3; i++) files.delete(`file:///w/${i}.txt`);
    assert.equal(files.keptChars, 0);
    assert.equal(lookup(), undefined);
    const wanted = files.takeWanted();
    assert.deepEqual(wanted, [3, 4, 5, 6, 7, 8, 9].map((i) => `file:///w/${i}.txt`));
    for (const u of wanted) files.supply(u, Y23);
    assert.equal(lookup(), 'file:///w/3.txt');
    assert.equal(files.keptChars, 0);
  });
});
