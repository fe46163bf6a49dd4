import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, checkText, fixesFor, displayWidth, formatMarkdownTables, hoverAt, ParsedDocument, renderTable, skeleton, tableLenses } from '../../core/src/index';
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
    assert.equal(lenses[0].title, '勾稽关系：4 处不成立');
    assert.deepEqual(lenses[0].target, bad.diagnostics.find((d) => d.code === 'table3-results-total')!.range);
  });

  const lensOf = (fixture: string, table = 0) => {
    const r = checkText(read(`test/fixtures/rules/${fixture}`), fixture.endsWith('.md') ? 'markdown' : 'text');
    return { lens: tableLenses(r.report, r.diagnostics, 'zh-cn')[table], r };
  };

  it('never says balanced over a table with problems of another kind: it says what is wrong', () => {
    const cases: [string, number, string][] = [
      ['table-row-missing/fail-other-3.txt', 0, '表格有误：缺 1 行'],
      ['table-column-count/fail-short-row.txt', 0, '表格有误：1 行数字个数不对'],
      ['table-column-count/fail-no-total-column.md', 0, '表格有误：缺“总计”列'],
      ['table-column-count/fail-table4-14.txt', 1, '表格有误：1 行数字个数不对'],
      ['table-cell-blank/fail-blank-columns.txt', 0, '表格有误：125 格未填数'],
      ['table-cell-invalid/fail-negative-decimal.txt', 0, '表格有误：2 格不是有效数字'],
    ];
    for (const [fixture, table, title] of cases) {
      const { lens, r } = lensOf(fixture, table);
      assert.equal(lens.title, title, fixture);
      // A click goes to the table's first problem.
      const inTable = r.diagnostics.filter((d) => d.severity !== 'info' && d.severity !== 'hint' && d.range.start.line >= r.report.tables.filter((t) => t.kind === 't3' || t.kind === 't4')[table].range.start.line);
      assert.deepEqual(lens.target, inTable[0].range, fixture);
    }
  });

  it('counts several kinds together, and speaks English', () => {
    const text = read('test/fixtures/rules/table3-row-total/fail-granted-total.txt');
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('（六）其他处理') || l.includes('3.其他'));
    lines[i] = lines[i].replace(/\t0(?=\t|$)/, '\t');
    const r = checkText(lines.join('\n'), 'text');
    const zh = tableLenses(r.report, r.diagnostics, 'zh-cn')[0].title;
    assert.match(zh, /^表格有误：.*1 格未填数，2 处勾稽关系不成立$/);
    assert.match(tableLenses(r.report, r.diagnostics, 'en')[0].title, /^Table problems: .*1 cells without a number, 2 identities not holding$/);
  });
});

describe('a problem in one table cell is underlined over the whole cell', () => {
  it('text: the cell and the tab after it; the last cell of a row, the tab before it; fixes still edit the number only', () => {
    const text = read('test/fixtures/rules/table3-row-total/fail-granted-total.txt');
    for (const form of ['trailing tab', 'last cell'] as const) {
      const lines = text.split(/\r?\n/).map((l) => (form === 'last cell' ? l.replace(/\t$/, '') : l));
      const r = checkText(lines.join('\n'), 'text');
      const total = r.diagnostics.find((d) => d.code === 'table3-row-total')!;
      const line = lines[total.range.start.line];
      const shown = line.slice(total.range.start.character, total.range.end.character);
      assert.ok(total.target, 'the rule\'s own range is kept');
      const number = line.slice(total.target.start.character, total.target.end.character);
      assert.match(number, /^\d+$/);
      assert.equal(shown, form === 'last cell' ? `\t${number}` : `${number}\t`, form);
      assert.equal(total.target.start.character - total.range.start.character, form === 'last cell' ? 1 : 0);
      // Its fix edits the number only.
      const fix = fixesFor(ParsedDocument.parse(lines.join('\n'), 'text'), total, r.diagnostics)[0];
      assert.deepEqual(fix.edits.map((e) => e.range), [total.target], form);
    }
  });
  it('Markdown: from pipe to pipe, the spaces included', () => {
    const md = skeleton(2024, '某局', 'markdown');
    const row = md.split('\n').findIndex((l) => l.startsWith('| 一、本年新收'));
    const lines = md.split('\n');
    lines[row] = lines[row].replace(/\| 0 \|$/, '| 9 |');
    const r = checkText(lines.join('\n'), 'markdown');
    const d = r.diagnostics.find((x) => x.code === 'table3-row-total')!;
    assert.ok(d, r.diagnostics.map((x) => x.code).join(', '));
    assert.equal(lines[row].slice(d.range.start.character, d.range.end.character), ' 9 ');
    assert.equal(lines[row][d.range.start.character - 1], '|');
    assert.equal(lines[row][d.range.end.character], '|');
  });
});
