// The column layout of tab tables (core/src/editor/table-layout.ts): every shown cell starts at its slot once
// the spaces are shown, with CJK two columns wide, ragged rows, label lines and blank cells; with a tab size (the
// VS Code client's decorations) and without (inlay hints, right for every tab size 1, 2, 4 and 8).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChecker, editorColumns, FITTING_COLUMNS, layoutLines, padsOf, tableLayouts, tablePads, type Pad, type TableLayout } from '../../core/src/index';
import { displayWidth } from '../../core/src/editor/width';
import { read } from '../helpers';

/**
 * Where each cell of each line starts on screen, as an editor draws the line with the pads shown: a tab goes to
 * the next multiple of `tabSize` (counted with the pads when they are inlay hints, without when they are
 * decorations), CJK counts two.
 */
function rendered(lines: readonly string[], pads: Pad[], tabSize: number, hints: boolean): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const at = new Map<string, number>(pads.map((p) => [`${p.line}:${p.character}`, p.width]));
  lines.forEach((text, line) => {
    if (!text.includes('\t')) return;
    let x = 0; // where things are drawn
    let model = 0; // the column the editor expands tabs from
    const starts = [0];
    for (let i = 0; i <= text.length; i++) {
      const pad = at.get(`${line}:${i}`) ?? 0;
      if (i === text.length) break;
      if (text[i] === '\t') {
        if (hints) {
          x += pad;
          model += pad;
          const w = tabSize - (model % tabSize);
          x += w;
          model += w;
        } else {
          const w = tabSize - (model % tabSize);
          x += w + pad;
          model += w;
        }
        starts.push(x);
      } else {
        if (i === 0 || text[i - 1] === '\t') {
          x += pad;
          if (hints) model += pad;
          starts[starts.length - 1] = x;
        }
        const w = hints ? displayWidth(text[i]) : editorColumns(text[i]);
        x += w;
        model += w;
      }
    }
    out.set(line, starts);
  });
  return out;
}

/** Asserts that the cells of every slot start at the same column on screen, and that shown cells do not touch. */
function assertAligned(lines: readonly string[], layout: TableLayout, pads: Pad[], tabSize: number, hints: boolean): void {
  const shown = rendered(lines, pads, tabSize, hints);
  for (const row of layout.rows) {
    const starts = shown.get(row[0].line)!;
    let lastShown = row.length - 1;
    while (lastShown > 0 && row[lastShown].blank) lastShown--;
    row.forEach((cell, k) => {
      if (cell.blank || k > lastShown) return;
      assert.equal(starts[k], layout.starts[cell.slot], `line ${cell.line} cell ${k} (${JSON.stringify(lines[cell.line].slice(cell.start, cell.end))}) at ${starts[k]}, its slot at ${layout.starts[cell.slot]} (tab size ${tabSize})`);
      const prev = row.slice(0, k).reverse().find((c) => !c.blank);
      if (prev) assert.ok(starts[row.indexOf(prev)] + prev.width + 2 <= starts[k], `line ${cell.line}: cell ${k} leaves two columns after the one before`);
    });
  }
}

const none = new Map<number, number>();

describe('table layout', () => {
  it('counts CJK characters two columns: a Chinese label and a number line up under each other', () => {
    const lines = ['信息内容\t本年制发件数\t本年废止件数', '规章\t0\t12', 'ab\t3\t4'];
    for (const tabSize of [2, 4, 8]) {
      const layout = layoutLines(lines, 0, 2, none, false, tabSize)!;
      assert.equal(layout.rows[0][0].width, 8);
      assertAligned(lines, layout, padsOf(layout), tabSize, false);
    }
    const hints = layoutLines(lines, 0, 2, none)!;
    for (const tabSize of [1, 2, 4, 8]) assertAligned(lines, hints, padsOf(hints), tabSize, true);
  });

  it('ragged rows: values are placed by the report model, label lines by their column names', () => {
    // A table 三 as a PDF copy has it: group labels on the first line of their rows, a short header row.
    const lines = [
      '(本列数据的勾稽关系)\t\t申请人情况\t\t\t\t\t\t',
      '\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
      '一、本年新收\t\t5\t1\t0\t0\t0\t0\t6',
      '三、办理结果\t(一) 予以公开\t3\t1\t0\t0\t0\t0\t4',
      '\t(三) 不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
      '\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0',
    ];
    const valueStart = new Map<number, number>();
    for (const l of [2, 3, 4, 5]) {
      const cells = lines[l].split('\t');
      const k = cells.findIndex((c) => /^\d+$/.test(c));
      valueStart.set(l, cells.slice(0, k).join('\t').length + 1);
    }
    const layout = layoutLines(lines, 0, lines.length - 1, valueStart, true, 4)!;
    // The 自然人 value of every data row, the 自然人 header and 申请人情况 share a slot; so do 总计 and the totals.
    const slotOf = (line: number, text: string) => layout.rows.find((r) => r[0].line === line)!.find((c) => lines[line].slice(c.start, c.end) === text)!.slot;
    const natural = slotOf(1, '自然人');
    assert.equal(slotOf(0, '申请人情况'), natural);
    for (const [l, v] of [[2, '5'], [3, '3']] as const) assert.equal(slotOf(l, v), natural);
    assert.equal(layout.rows[4][3].slot, natural);
    assert.equal(slotOf(1, '总计'), slotOf(2, '6'));
    for (const tabSize of [2, 4, 8]) {
      const l = layoutLines(lines, 0, lines.length - 1, valueStart, true, tabSize)!;
      assertAligned(lines, l, padsOf(l), tabSize, false);
    }
    const hints = layoutLines(lines, 0, lines.length - 1, valueStart, true)!;
    for (const tabSize of [1, 2, 4, 8]) assertAligned(lines, hints, padsOf(hints), tabSize, true);
    // Hints for an editor that said its tab size (4): stops of 4, right for tab sizes 1, 2 and 4, and no wider.
    const four = layoutLines(lines, 0, lines.length - 1, valueStart, true, undefined, 4)!;
    for (const tabSize of [1, 2, 4]) assertAligned(lines, four, padsOf(four), tabSize, true);
    assert.ok(four.width <= hints.width && four.starts.every((x) => x % 4 === 0));
  });

  it('blank cells show nothing and take no more room than their tab; trailing ones get no space', () => {
    const lines = ['行政复议\t\t\t行政诉讼\t\t', '维持\t纠正\t总计\t维持\t纠正\t总计', '1\t0\t1\t0\t0\t0'];
    const layout = layoutLines(lines, 0, 2, new Map([[2, 0]]), false, 4)!;
    assertAligned(lines, layout, padsOf(layout), 4, false);
    const pads = padsOf(layout);
    assert.ok(!pads.some((p) => p.line === 0 && p.character >= lines[0].indexOf('行政诉讼')), 'nothing after the last shown cell');
    // 行政诉讼 over the fourth column, though the blank cells before it are narrower than 维持/纠正.
    assert.equal(layout.rows[0][3].slot, layout.rows[1][3].slot);
  });

  it('a row whose label came over several lines: the label line has no tab and gets nothing, the row aligns', () => {
    const lines = ['一、本年新收\t5\t1', '三、本年度办', '理结果（一）予以公开\t3\t1'];
    const layout = layoutLines(lines, 0, 2, new Map([[0, 7], [2, 11]]), false, 4)!;
    assert.deepEqual(layout.rows.map((r) => r[0].line), [0, 2]);
    assert.ok(padsOf(layout).every((p) => p.line !== 1));
    assertAligned(lines, layout, padsOf(layout), 4, false);
  });

  it('real reports: every table of the examples lines up, for tab sizes 2, 4 and 8 and as inlay hints', () => {
    for (const file of ['examples/xibao-2023.txt', 'examples/pingluo-2024.txt', 'examples/haiyuan-xian-2024.txt', 'test/fixtures/cross-year/hekou-2024.txt']) {
      const c = createChecker();
      const uri = `file:///r/${file.split('/').pop()}`;
      c.open(uri, 'nianbao', 1, read(file));
      const report = c.report(uri)!;
      const lines = c.document(uri)!.lines;
      assert.ok(report.t3, `${file} has table 三`);
      for (const tabSize of [2, 4, 8]) {
        const pads = tablePads(report, lines, undefined, { tabSize });
        assert.ok(pads.length > 20, `${file}: spaces to show`);
        for (const t of report.tables) {
          const l = layoutLines(lines, t.range.start.line, t.range.end.line, new Map(t.rows.filter((r) => r.values.length).map((r) => [r.values[0].range.start.line, r.values[0].range.start.character])), t.kind === 't3', tabSize);
          if (l && t.kind !== 't2') assertAligned(lines, l, padsOf(l), tabSize, false);
        }
      }
      const hints = tablePads(report, lines);
      assert.ok(hints.every((p) => p.width > 0 && p.tab === undefined));
      // Hints laid out for tab size 4 (the VS Code client says it): every table lines up at 4, 表三 narrower.
      for (const t of report.tables) {
        const valueStart = new Map(t.rows.filter((r) => r.values.length).map((r) => [r.values[0].range.start.line, r.values[0].range.start.character]));
        const l4 = layoutLines(lines, t.range.start.line, t.range.end.line, valueStart, t.kind === 't3', undefined, 4);
        const l8 = layoutLines(lines, t.range.start.line, t.range.end.line, valueStart, t.kind === 't3');
        if (l4 && l8 && t.kind !== 't2') {
          assertAligned(lines, l4, padsOf(l4), 4, true);
          assert.ok(l4.width <= l8.width, `${file} ${t.kind}: ${l4.width} columns with stops of 4, ${l8.width} with 8`);
        }
      }
      const t3at = (stop: number) => tableLayouts(report, lines, undefined, undefined, stop).find((l) => l.startLine <= report.t3!.range.start.line + 4 && l.endLine >= report.t3!.range.start.line + 4)!.width;
      assert.ok(t3at(4) < t3at(8), `${file} 表三: ${t3at(4)} columns with stops of 4, ${t3at(8)} with 8`);
      // The text is not changed: pads are places and widths only, on tab characters or a line's first cell.
      for (const p of tablePads(report, lines, undefined, { tabSize: 4 })) assert.ok(p.character === 0 || lines[p.line][p.character] === '\t', `${file} ${p.line}:${p.character}`);
    }
  });

  it('only the tables in the range, and the same layout object while the table is unchanged', () => {
    const c = createChecker();
    const uri = 'file:///r/hekou-2024.txt';
    const text = read('test/fixtures/cross-year/hekou-2024.txt');
    c.open(uri, 'nianbao', 1, text);
    const t4 = c.report(uri)!.t4!;
    const range = { start: t4.range.start, end: t4.range.start };
    const pads = c.tablePads(uri, range, { tabSize: 4, wholeTables: true });
    assert.ok(pads.length > 0 && pads.every((p) => p.line >= t4.range.start.line && p.line <= t4.range.end.line), 'only table 四');
    // Typing in the prose far from the tables keeps table 四 as it was.
    c.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    assert.deepEqual(c.tablePads(uri, range, { tabSize: 4, wholeTables: true }), pads);
    // A Markdown report: its tables are aligned by Format Document, not here.
    const md = createChecker();
    md.open('file:///r/a.md', 'markdown', 1, read('test/e2e/fixtures/draft-2024.md'));
    assert.deepEqual(md.tablePads('file:///r/a.md'), []);
  });

  it('a table\'s width, aligned; with a widest width only the tables that fit (表二 by default, not 表三 and 表四)', () => {
    const text = read('test/fixtures/cross-year/hekou-2024.txt');
    const c = createChecker();
    c.open('file:///r/w.txt', 'nianbao', 1, text);
    const report = c.report('file:///r/w.txt')!;
    const lines = text.split('\n');
    const layouts = tableLayouts(report, lines);
    const widthOf = (line: number) => layouts.find((l) => l.startLine <= line && l.endLine >= line)!.width;
    // 表三's widest row: its last number ends the row (starts of the 总计 slot + its width).
    for (const l of layouts) for (const row of l.rows) assert.ok(l.starts[row[row.length - 1].slot] + row[row.length - 1].width <= l.width);
    const t2 = report.t2!.range.start.line + 2;
    const t3 = report.t3!.range.start.line + 4;
    const t4 = report.t4!.range.start.line + 3;
    assert.ok(widthOf(t2) <= FITTING_COLUMNS, `表二 ${widthOf(t2)} columns`);
    assert.ok(widthOf(t3) > FITTING_COLUMNS && widthOf(t4) > FITTING_COLUMNS, `表三 ${widthOf(t3)}, 表四 ${widthOf(t4)} columns`);
    const fitting = new Set(tablePads(report, lines, undefined, { maxWidth: FITTING_COLUMNS }).map((p) => p.line));
    assert.ok(fitting.has(t2) && !fitting.has(t3) && !fitting.has(t4));
    assert.deepEqual(tablePads(report, lines, undefined, { maxWidth: Infinity }), tablePads(report, lines));
  });
});
