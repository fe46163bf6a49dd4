import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, checkText, displayWidth, formatMarkdownTables, hoverAt, ParsedDocument, renderTable, skeleton, tableLenses } from '../../core/src/index';
import { read, SEED_FILES } from '../helpers';

describe('report skeleton', () => {
  for (const format of ['text', 'markdown'] as const) {
    for (const year of [2024, 2020]) {
      it(`${format} ${year}: a report with no errors, only section-empty warnings for the prose sections`, () => {
        const r = checkText(skeleton(year, '某县某局', format), format);
        assert.equal(r.report.isReport, true);
        assert.equal(r.report.year, year);
        assert.equal(r.report.template, year >= 2021 ? '2021' : '2019');
        assert.deepEqual(r.report.sections.map((s) => s.key), [1, 2, 3, 4, 5, 6]);
        const codes = r.diagnostics.map((d) => d.code);
        assert.ok(codes.every((c) => c === 'section-empty'), codes.join(', '));
        assert.ok(codes.length >= 1);
      });
    }
  }
});

describe('standard tables, inserted into their empty sections', () => {
  for (const format of ['text', 'markdown'] as const) {
    for (const kind of ['t2', 't3', 't4'] as const) {
      it(`${format} ${kind} raises nothing on that table`, () => {
        const text = skeleton(2024, '某局', format);
        const r = checkText(text, format);
        const t = r.report.tables.find((x) => x.kind === kind)!;
        assert.ok(t, `${kind} found`);
        assert.ok(!r.diagnostics.some((d) => d.range.start.line >= t.range.start.line && d.range.start.line <= t.range.end.line));
        assert.ok(renderTable(kind, format, '2021').length > 0);
      });
    }
  }
});

describe('Format Document: Markdown tables aligned by display width', () => {
  it('counts CJK as two columns', () => {
    assert.equal(displayWidth('规章'), 4);
    assert.equal(displayWidth('ab（1）'), 7);
  });

  it('aligns the tables of a Markdown seed, keeps every cell, and is idempotent', () => {
    const text = read(SEED_FILES[0].md);
    const doc = ParsedDocument.parse(text, 'markdown');
    const formatted = applyEdits(text, formatMarkdownTables(doc));
    assert.notEqual(formatted, text);
    const again = formatMarkdownTables(ParsedDocument.parse(formatted, 'markdown'));
    assert.deepEqual(again, []);
    // Same report, same diagnostics: only spaces changed.
    assert.deepEqual(checkText(formatted, 'markdown').report.tables.map((t) => t.rows.map((r) => r.values.map((v) => v.raw))), checkText(text, 'markdown').report.tables.map((t) => t.rows.map((r) => r.values.map((v) => v.raw))));
    assert.equal(formatted.replace(/[ \-:]/g, ''), text.replace(/[ \-:]/g, ''));
    // Every row of a formatted table has the same display width.
    const rows = formatted.split('\n').filter((l) => l.startsWith('| 一、') || l.startsWith('| 二、'));
    assert.equal(new Set(rows.map(displayWidth)).size, 1);
  });

  it('leaves text documents alone and keeps an escaped pipe inside its cell', () => {
    assert.deepEqual(formatMarkdownTables(ParsedDocument.parse(read(SEED_FILES[0].txt), 'text')), []);
    const md = '| a | b \\| c |\n| --- | --- |\n| 1 | 2 |\n';
    assert.equal(applyEdits(md, formatMarkdownTables(ParsedDocument.parse(md, 'markdown'))), '| a   | b \\| c |\n| --- | ------ |\n| 1   | 2      |\n');
  });
});

describe('hover', () => {
  const text = read('test/fixtures/rules/table3-row-total/fail-granted-total.txt');
  const r = checkText(text, 'text');
  it('explains a table-三 total with the sum it should equal', () => {
    const row = r.report.t3!.row('granted')!;
    const h = hoverAt(r.report, row.values[6].range.start, 'zh-cn')!;
    assert.match(h.markdown, /表三.*（一）予以公开.*总计/);
    assert.match(h.markdown, /3 \+ 1 \+ 0 \+ 0 \+ 0 \+ 0 = 4（现为 3）/);
    assert.deepEqual(h.range, row.values[6].range);
    const en = hoverAt(r.report, row.values[6].range.start, 'en')!;
    assert.match(en.markdown, /Table 3[\s\S]* = 4 \(it says 3\)/);
  });
  it('names the report year and its source on a year', () => {
    const slot = r.report.yearSlots.find((s) => s.kind === 'periodStart')!;
    assert.match(hoverAt(r.report, slot.range.start, 'zh-cn')!.markdown, /报告年度：2024 年（取自标题）/);
  });
  it('says nothing elsewhere', () => {
    assert.equal(hoverAt(r.report, { line: 8, character: 30 }, 'zh-cn'), null);
  });
});

describe('code lens above tables', () => {
  it('says balanced on a correct report and counts the identities that do not hold', () => {
    const ok = checkText(read(SEED_FILES[0].txt), 'text');
    assert.deepEqual(tableLenses(ok.report, ok.diagnostics, 'zh-cn').map((l) => l.title), ['勾稽关系：平衡', '勾稽关系：平衡']);
    const bad = checkText(read('test/fixtures/rules/table3-results-total/fail-natural.txt'), 'text');
    const lenses = tableLenses(bad.report, bad.diagnostics, 'zh-cn');
    assert.equal(lenses[0].title, '勾稽关系：4 处不平衡');
    assert.deepEqual(lenses[0].target, bad.diagnostics.find((d) => d.code === 'table3-results-total')!.range);
  });
});
