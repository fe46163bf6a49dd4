import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, type Report } from '../../core/src/index';
import { read, SEED_FILES, slice, tablesOf } from '../helpers';

const EXPECT = {
  '000': { year: 2024, template: '2021', title: '海原县西安镇人民政府 2024 年政府信息公开工作年度报告', agency: '海原县西安镇人民政府' },
  '002': { year: 2024, template: '2021', title: '平罗县人民政府办公室2024 年政府信息公开工作年度报告', agency: '平罗县人民政府办公室' },
  '004': { year: 2023, template: '2019', title: '西堡镇政府信息公开工作年度报告', agency: '西堡镇' },
} as const;

function assertRangesPointAtCells(report: Report, text: string, where: string): number {
  let cells = 0;
  for (const t of report.tables) {
    for (const row of t.rows) {
      for (const v of row.values) {
        assert.equal(slice(text, v.range), v.raw, `${where}: cell ${JSON.stringify(v.raw)} of row ${row.key} at ${JSON.stringify(v.range)}`);
        cells++;
      }
    }
  }
  return cells;
}

for (const seed of SEED_FILES) {
  describe(`seed ${seed.id}`, () => {
    const golden = JSON.parse(read(`test/fixtures/tables/${seed.id}.json`)) as Record<string, string[]>;
    const txt = read(seed.txt);
    const md = read(seed.md);
    const fromTxt = checkText(txt, 'text').report;
    const fromMd = checkText(md, 'markdown').report;

    it('reads year, template, title and the six sections from the text', () => {
      const e = EXPECT[seed.id];
      assert.equal(fromTxt.isReport, true);
      assert.equal(fromTxt.year, e.year);
      assert.equal(fromTxt.template, e.template);
      assert.equal(fromTxt.title?.text, e.title);
      assert.equal(fromTxt.title?.agency, e.agency);
      assert.deepEqual(fromTxt.sections.map((s) => s.key), [1, 2, 3, 4, 5, 6]);
    });

    it('finds every template row of tables 二, 三 and 四 with the right values (text)', () => {
      assert.deepEqual(tablesOf(fromTxt), golden);
      const rows3 = golden.t3.length;
      assert.equal(rows3, seed.id === '004' ? 23 : 25, 'every table-三 row of the template');
    });

    it('gives each value the exact range of its cell (text)', () => {
      const n = assertRangesPointAtCells(fromTxt, txt, seed.txt);
      assert.ok(n > 150, `${n} cells checked`);
    });

    it('reads the same report from the Markdown rendering', () => {
      assert.equal(fromMd.isReport, true);
      assert.equal(fromMd.year, fromTxt.year);
      assert.equal(fromMd.template, fromTxt.template);
      assert.deepEqual(fromMd.sections.map((s) => [s.key, s.wording]), fromTxt.sections.map((s) => [s.key, s.wording]));
      assert.deepEqual(tablesOf(fromMd), golden);
    });

    it('gives each value the exact range of its cell (Markdown)', () => {
      const n = assertRangesPointAtCells(fromMd, md, seed.md);
      assert.ok(n > 150, `${n} cells checked`);
    });
  });
}

describe('HTML tables pasted from Word', () => {
  it('reads the rowspan/colspan table 三 of 000-html.md like the text seed', () => {
    const md = read('test/fixtures/md/000-html.md');
    const r = checkText(md, 'markdown');
    assert.deepEqual(tablesOf(r.report), JSON.parse(read('test/fixtures/tables/000.json')));
    assertRangesPointAtCells(r.report, md, '000-html.md');
    assert.deepEqual(r.diagnostics, []);
  });

  it('004.md holds table 三 as HTML', () => {
    assert.match(read('test/fixtures/md/004.md'), /<table[\s>]/);
  });
});

describe('documents that are not reports', () => {
  for (const [file, format] of [
    ['test/fixtures/not-reports/readme.md', 'markdown'],
    ['test/fixtures/not-reports/news.md', 'markdown'],
    ['test/fixtures/not-reports/news.txt', 'text'],
  ] as const) {
    it(`${file} is recognised as not a report and gets no diagnostics`, () => {
      const r = checkText(read(file), format);
      assert.equal(r.report.isReport, false);
      assert.equal(r.checked, false);
      assert.deepEqual(r.diagnostics, []);
    });
  }
});
