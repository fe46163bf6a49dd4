import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, createChecker, priorOf, skeleton, type Completion } from '../../core/src/index';

/** Last year's report of 某县某局: 3 requests carried over (2 自然人, 1 科研机构), 12 normative documents in force. */
function lastYear(format: 'text' | 'markdown' = 'text'): string {
  const text = skeleton(2024, '某县某局', format);
  if (format === 'markdown') {
    return text
      .split('\n')
      .map((l) => (l.startsWith('| 四、结转下年度继续办理') ? '| 四、结转下年度继续办理 |  | 2 | 0 | 1 | 0 | 0 | 0 | 3 |' : l.startsWith('| 行政规范性文件 |') ? '| 行政规范性文件 | 3 | 1 | 12 |' : l))
      .join('\n');
  }
  return text
    .split('\n')
    .map((l) => (l.startsWith('四、结转下年度继续办理') ? '四、结转下年度继续办理\t\t2\t0\t1\t0\t0\t0\t3' : l.startsWith('行政规范性文件\t') ? '行政规范性文件\t3\t1\t12' : l))
    .join('\n');
}

describe('new report: the 机关 and the year everywhere, what carries over from last year', () => {
  for (const format of ['text', 'markdown'] as const) {
    it(`${format}: 二、上年结转 = last year's 四 (and 四 too), 现行有效件数 = last year's; the cross-year rules and the balance agree`, () => {
      const prior = priorOf(checkText(lastYear(format), format).report);
      assert.deepEqual(prior.carryNext?.counts, { natural: 2, business: 0, research: 1, welfare: 0, legal: 0, other: 0, total: 3 });
      const text = skeleton(2025, '某县某局', format, '\n', prior);
      const r = checkText(text, format, { previous: prior });
      const t3 = r.report.t3!;
      assert.deepEqual(
        ['natural', 'business', 'research', 'welfare', 'legal', 'other', 'total'].map((c) => t3.count('carried', c as 'natural')),
        [2, 0, 1, 0, 0, 0, 3],
      );
      assert.equal(r.report.t2!.count('normative', 'inForce'), 12);
      assert.equal(r.report.t2!.count('normative', 'issued'), 0);
      const codes = r.diagnostics.map((d) => d.code);
      assert.ok(!codes.includes('cross-year-carryover') && !codes.includes('cross-year-stock'), codes.join(', '));
      // Nothing handled yet: 四 = 二, so the new report's 表三 balances before the year's figures are entered.
      assert.deepEqual(
        ['natural', 'business', 'research', 'welfare', 'legal', 'other', 'total'].map((c) => t3.count('carryNext', c as 'natural')),
        [2, 0, 1, 0, 0, 0, 3],
      );
      assert.ok(!codes.includes('table3-balance'), codes.join(', '));
    });
  }

  it('fills the title, the preface, the period, the fee statement and the closing; no placeholder is left', () => {
    const text = skeleton(2025, '某县某局', 'text');
    const r = checkText(text, 'text');
    assert.equal(r.report.title?.agency, '某县某局');
    assert.equal(r.report.year, 2025);
    assert.deepEqual([r.report.period?.start.year, r.report.period?.end.year], [2025, 2025]);
    assert.match(text, /现发布《某县某局 2025 年政府信息公开工作年度报告》/);
    assert.match(text, /本机关 2025 年发出信息处理费收费通知/);
    assert.deepEqual(text.trimEnd().split('\n').slice(-3), ['某县某局', '', '2026 年 1 月 20 日']);
    assert.deepEqual([r.report.closingDate?.year, r.report.closingDate?.month], [2026, 1]);
    assert.ok(!/机关名称|某某|XX|××|填写/.test(text));
    assert.deepEqual(r.diagnostics.filter((d) => d.code !== 'section-empty').map((d) => d.code), []);
  });

  it('carries nothing from a report of another year', () => {
    const prior = priorOf(checkText(lastYear(), 'text').report);
    assert.equal(skeleton(2026, '某县某局', 'text', '\n', prior), skeleton(2026, '某县某局', 'text'));
  });
});

describe('Checker.newReport: last year’s report from the workspace folder of the new file', () => {
  const checker = () => {
    const c = createChecker();
    c.files.addFolder('file:///ws');
    c.files.addFolder('file:///other');
    return c;
  };

  it('finds it on disk in the same folder and says which file it took the figures from', () => {
    const c = checker();
    const prev = lastYear();
    c.files.put('file:///ws/2024/某县某局2024年报.txt', 1, prev.length, prev);
    const made = c.newReport('file:///ws/2025/新报告.txt', { year: 2025, agency: '某县某局', markdown: false })!;
    assert.equal(made.previous, 'file:///ws/2024/某县某局2024年报.txt');
    assert.deepEqual(made.carried, ['t3', 't2']);
    assert.equal(checkText(made.text, 'text').report.t3!.total('carried'), 3);
  });

  it('not from another workspace folder, another 机关 or another year', () => {
    const c = checker();
    const prev = lastYear();
    c.files.put('file:///other/某县某局2024年报.txt', 1, prev.length, prev);
    assert.equal(c.newReport('file:///ws/新报告.txt', { year: 2025, agency: '某县某局' })!.previous, null);
    c.files.put('file:///ws/某县某局2024年报.txt', 1, prev.length, prev);
    assert.equal(c.newReport('file:///ws/新报告.txt', { year: 2025, agency: '某市另一局' })!.previous, null);
    assert.equal(c.newReport('file:///ws/新报告.txt', { year: 2026, agency: '某县某局' })!.previous, null);
    const made = c.newReport('file:///ws/新报告.md', { year: 2025, agency: '某县某局', markdown: true })!;
    assert.equal(made.previous, 'file:///ws/某县某局2024年报.txt');
    assert.match(made.text, /^# 某县某局 2025 年/);
  });

  it('an open document is last year’s report too (its text as edited)', () => {
    const c = checker();
    c.open('file:///ws/open.txt', 'nianbao', 1, lastYear());
    assert.equal(c.newReport('file:///ws/new.txt', { year: 2025, agency: '某县某局' })!.previous, 'file:///ws/open.txt');
  });
});

describe('snippets: the report year of the document, else the year just ended', () => {
  const labels = (list: Completion[]) => list.map((c) => c.label);

  it('take the year and the 机关 of the report being edited', () => {
    const c = createChecker({ now: () => new Date(2030, 5, 1) });
    const text = skeleton(2023, '某县某局', 'markdown') + '\n落款';
    c.open('file:///ws/r.md', 'markdown', 1, text);
    const line = text.split('\n').length - 1;
    const typed = c.completion('file:///ws/r.md', { line, character: 2 }, 'zh-cn');
    assert.deepEqual(labels(typed), ['落款（机关和日期）']);
    assert.equal(typed[0].insertText, '${1:某县某局}\n\n${2:2024} 年 ${3:1} 月 ${4:20} 日');
    assert.equal(typed[0].snippet, true);
    assert.deepEqual(typed[0].range, { start: { line, character: 0 }, end: { line, character: 2 } });
    const all = c.completion('file:///ws/r.md', { line: line - 1, character: 0 }, 'zh-cn');
    assert.equal(all.find((x) => x.filterText?.includes('年报标题'))!.insertText, '${1:某县某局} ${2:2023} 年政府信息公开工作年度报告');
    // Each once: no second list of the same snippets.
    assert.deepEqual(labels(all), ['年报标题', '统计期限', '现发布《…年度报告》', '信息处理费收取情况', '落款（机关和日期）']);
    assert.deepEqual(labels(c.completion('file:///ws/r.md', { line: line - 1, character: 0 }, 'en')), ['Report title', 'Statistics period', 'Publication sentence (现发布)', 'Information processing fees', 'Closing (body and date)']);
  });

  it('without a year in the document: the year just ended (the clock is the checker’s)', () => {
    const c = createChecker({ now: () => new Date(2031, 0, 15) });
    c.open('file:///ws/n.nianbao', 'nianbao', 1, '总体情况\n\n');
    const list = c.completion('file:///ws/n.nianbao', { line: 2, character: 0 }, 'zh-cn');
    const period = list.find((x) => x.filterText?.includes('统计期限'))!;
    assert.equal(period.insertText, '本报告统计数据从 ${1:2030} 年 1 月 1 日至 12 月 31 日。');
    assert.match(list.find((x) => x.filterText?.includes('落款'))!.insertText, /^\$\{1:（机关名称）\}/);
  });

  it('not in a Markdown file that is no report, nor after other words on the line', () => {
    const c = createChecker();
    c.open('file:///ws/readme.md', 'markdown', 1, '# Readme\n\n一些说明\n落款');
    assert.deepEqual(c.completion('file:///ws/readme.md', { line: 3, character: 2 }, 'zh-cn'), []);
    const text = skeleton(2024, '某局', 'text') + '\n本机关今年落款';
    c.open('file:///ws/r.txt', 'nianbao', 1, text);
    const line = text.split('\n').length - 1;
    assert.deepEqual(c.completion('file:///ws/r.txt', { line, character: 7 }, 'zh-cn'), []);
    // In front of a line's text: nothing.
    assert.deepEqual(c.completion('file:///ws/r.txt', { line, character: 0 }, 'zh-cn'), []);
  });
});
