// The three cross-year rules through the core: each rule module on its own (a local RuleContext, as the
// engine builds it), and checkDocument with `previous` once the rules are registered in RULES.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, checkText, findPrevious, fixesFor, ParsedDocument, priorOf, resolveOptions, type Diagnostic, type Report } from '../../core/src/index';
import copiedFromPrevious, { copiedShare } from '../../core/src/rules/copied-from-previous';
import crossYearCarryover from '../../core/src/rules/cross-year-carryover';
import crossYearStock from '../../core/src/rules/cross-year-stock';
import { format, type Rule } from '../../core/src/rules/rule';
import { read, slice } from '../helpers';

const DIR = 'test/fixtures/cross-year/';
const text = (name: string) => read(DIR + name);
const reportOf = (t: string, fmt: 'text' | 'markdown' = 'text'): Report => analyze(ParsedDocument.parse(t, fmt));

/** Runs one rule as the engine does (default severity, messages filled in the locale). */
function run(rule: Rule, report: Report, previous: Report | null, locale: 'zh-cn' | 'en' = 'zh-cn'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const options = resolveOptions({ locale });
  rule.check({
    report,
    previous: previous && priorOf(previous),
    locale,
    options,
    label: (x) => (locale === 'en' ? x.en : x.zh),
    t: (m, args) => format(rule.messages[m][locale], args),
    emit(message, range, args, data) {
      out.push({ code: rule.id, severity: rule.severity, message: format(rule.messages[message][locale], args), range, ...(data ? { data } : {}) });
    },
  });
  return out;
}

/** Start characters of the numeric cells of a tab-separated line. */
function numberColumns(t: string, line: number): number[] {
  const out: number[] = [];
  let at = 0;
  for (const c of t.split('\n')[line].split('\t')) {
    if (/^\d+$/.test(c)) out.push(at);
    at += c.length + 1;
  }
  return out;
}

const Y23 = text('hekou-2023.txt');
const Y24 = text('hekou-2024.txt');
const prev = reportOf(Y23);
const THREE = [crossYearCarryover, crossYearStock, copiedFromPrevious];

describe('cross-year rules (rule modules with a previous report)', () => {
  it('the fixture pair is one 机关 in consecutive years, and findPrevious pairs them', () => {
    const cur = reportOf(Y24);
    assert.equal(cur.year, 2024);
    assert.equal(prev.year, 2023);
    assert.equal(findPrevious(cur, [{ report: prev }, { report: cur }])?.report, prev);
  });

  it('a consistent pair (carry-over, stock, different narrative) raises nothing', () => {
    const cur = reportOf(Y24);
    for (const rule of THREE) assert.deepEqual(run(rule, cur, prev), [], rule.id);
  });

  it('no previous report: no diagnostic, whatever the report says', () => {
    for (const name of ['hekou-2024-carryover.txt', 'hekou-2024-stock.txt', 'hekou-2024-copied.txt']) {
      const cur = reportOf(text(name));
      for (const rule of THREE) assert.deepEqual(run(rule, cur, null), [], `${rule.id} on ${name}`);
    }
  });

  it('cross-year-carryover: 上年结转 ≠ last year’s 结转下年度, on the cell of this year’s row, per column', () => {
    const t = text('hekou-2024-carryover.txt');
    const row = t.split('\n').findIndex((l) => l.startsWith('二、上年结转'));
    const cells = numberColumns(t, row);
    const ds = run(crossYearCarryover, reportOf(t), prev);
    assert.deepEqual(
      ds.map((d) => [d.severity, slice(t, d.range), d.range.start.line, d.message]),
      [
        ['warning', '2', row, '表三“二、上年结转政府信息公开申请数量”“自然人”列为 2，而 2023 年度报告“四、结转下年度继续办理”该列为 1，两年数据不衔接'],
        ['warning', '2', row, '表三“二、上年结转政府信息公开申请数量”“总计”列为 2，而 2023 年度报告“四、结转下年度继续办理”该列为 1，两年数据不衔接'],
      ],
    );
    assert.deepEqual(ds.map((d) => d.range.start.character), [cells[0], cells[6]], 'the 自然人 and 总计 cells');
    assert.deepEqual(ds.map((d) => d.data), [{ expected: 1, column: 'natural' }, { expected: 1, column: 'total' }]);
    const en = run(crossYearCarryover, reportOf(t), prev, 'en');
    assert.equal(en[1].message, 'Table 3, row II (carried over from last year), column "total": 2, but the 2023 report carried 1 over to this year (its row IV); the two years do not match');
  });

  it('cross-year-carryover compares the 总计 as the sum of the applicant columns when this year’s table has no 总计 column', () => {
    // Drop the 总计 column (the last number of every row) of table 三.
    const noTotal = (t: string) =>
      t.split('\n').map((l) => (/^(一|二|三|四、|\t|\(|3\.其他)/.test(l) && /\t\d+\t\d+\t\d+\t\d+\t\d+\t\d+\t\d+\t?$/.test(l) ? l.replace(/\t\d+(\t?)$/, '$1') : l)).join('\n');
    const base = noTotal(Y24).replace(/(总计\t)/, '\t');
    const cur = reportOf(base);
    assert.ok(cur.t3 && !cur.t3.hasTotalColumn, 'the edited table has no 总计 column');
    assert.deepEqual(run(crossYearCarryover, cur, prev), [], 'same carry-over, no 总计 column: nothing');
    // Last year's report without 总计 either, its carry-over moved from 自然人 to 商业企业: the totals agree.
    const prevNoTotal = reportOf(noTotal(Y23).replace(/(总计\t)/, '\t').replace(/^(四、结转下年度继续办理\t\t)1\t0/m, '$10\t1'));
    const ds = run(crossYearCarryover, cur, prevNoTotal);
    // 自然人 1 vs 0 and 商业企业 0 vs 1 differ, the totals (1 and 1) agree: two column diagnostics, no total.
    assert.deepEqual(ds.map((d) => (d.data as { column: string }).column), ['natural', 'business']);
    // Columns agree but last year's 总计 (2, itself wrong) differs from this year's sum (1): reported once, on the row label.
    const prevBadTotal = reportOf(Y23.replace(/^(四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t)1/m, '$12'));
    const [d, ...rest] = run(crossYearCarryover, cur, prevBadTotal);
    assert.deepEqual(rest, []);
    assert.equal(slice(base, d.range), '二、上年结转政府信息公开申请数量');
    assert.match(d.message, /“总计”列为 1，而 2023 年度报告“四、结转下年度继续办理”该列为 2/);
  });

  it('cross-year-stock: 现行有效件数 ≠ last year’s + 制发 − 废止, on the 现行有效件数 cell', () => {
    const t = text('hekou-2024-stock.txt');
    const ds = run(crossYearStock, reportOf(t), prev);
    assert.equal(ds.length, 1);
    const [d] = ds;
    assert.equal(d.severity, 'info');
    assert.equal(slice(t, d.range), '12');
    assert.match(t.split('\n')[d.range.start.line], /^行政规范性文件\t2\t1\t12$/);
    assert.equal(d.message, '表二“行政规范性文件”现行有效件数为 12，而 2023 年度报告的现行有效件数（10）加本年制发件数（2）减本年废止件数（1）为 11');
    assert.equal(run(crossYearStock, reportOf(t), prev, 'en')[0].message, 'Table 2, "Normative documents": 12 in force, but the 2023 report\'s 10 in force plus 2 issued minus 1 repealed this year makes 11');
    assert.deepEqual(d.data, { expected: 11 });
  });

  it('cross-year-stock is skipped when either table 二 is not the 2021 format', () => {
    const t = text('hekou-2024-stock.txt');
    const legacyPrev = reportOf(read('examples/xibao-2023.txt'));
    assert.equal(legacyPrev.t2?.template, '2019');
    assert.deepEqual(run(crossYearStock, reportOf(t), legacyPrev), []);
    assert.deepEqual(run(crossYearStock, legacyPrev, reportOf(t)), []);
  });

  it('copied-from-previous: last year’s narrative with only the years changed', () => {
    const t = text('hekou-2024-copied-years.txt');
    const ds = run(copiedFromPrevious, reportOf(t), prev);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'warning');
    assert.equal(slice(t, ds[0].range), '青川县河口镇人民政府 2024 年政府信息公开工作年度报告');
    assert.equal(ds[0].message, '本报告正文约 100% 的内容与 2023 年度报告相同（年份、数字不同的不计为差别），请按本年度的实际工作撰写');
  });

  it('copied-from-previous: changed years and counts do not hide copying; the percentage is stated', () => {
    const t = text('hekou-2024-copied.txt');
    const cur = reportOf(t);
    const share = copiedShare(cur, prev)!;
    assert.ok(share >= 0.7 && share < 1, `share ${share}`);
    const ds = run(copiedFromPrevious, cur, prev, 'en');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].message, `About ${Math.floor(share * 100)}% of this report's narrative is identical to the 2023 report (ignoring changed years and numbers); describe this year's actual work`);
  });

  it('copied-from-previous stays silent for two genuinely different reports of the same 机关', () => {
    const share = copiedShare(reportOf(Y24), prev)!;
    assert.ok(share < 0.2, `share ${share}`);
    assert.deepEqual(run(copiedFromPrevious, reportOf(Y24), prev), []);
  });

  it('every cross-year rule has zh-cn and en summaries and messages', () => {
    for (const rule of THREE) {
      assert.ok(rule.docs.summary['zh-cn'] && rule.docs.summary.en);
      for (const m of Object.values(rule.messages)) assert.ok(m['zh-cn'] && m.en);
    }
  });
});


describe('cross-year rules through checkDocument({ previous })', () => {
  const codes = (t: string, previous: Report | null, extra = {}) =>
    checkText(t, 'text', { previous, ...extra }).diagnostics.filter((d) => d.code.startsWith('cross-year') || d.code === 'copied-from-previous').map((d) => d.code);

  it('the consistent pair raises no cross-year diagnostic; each variant raises its rule', () => {
    assert.deepEqual(codes(Y24, prev), []);
    assert.deepEqual(codes(text('hekou-2024-carryover.txt'), prev), ['cross-year-carryover', 'cross-year-carryover']);
    assert.deepEqual(codes(text('hekou-2024-stock.txt'), prev), ['cross-year-stock']);
    assert.deepEqual(codes(text('hekou-2024-copied.txt'), prev), ['copied-from-previous']);
  });

  it('without a previous report nothing fires, and settings can turn a cross-year rule off', () => {
    assert.deepEqual(codes(text('hekou-2024-carryover.txt'), null), []);
    assert.deepEqual(codes(text('hekou-2024-carryover.txt'), prev, { rules: { 'cross-year-carryover': 'off' } }), []);
    const sev = checkText(text('hekou-2024-stock.txt'), 'text', { previous: prev, rules: { 'cross-year-stock': 'error' } }).diagnostics.find((d) => d.code === 'cross-year-stock');
    assert.equal(sev?.severity, 'error');
  });
});

describe('fixes in a copied report', () => {
  it('a fix that moves the copied share (100 % → 9x %) is still offered: problems are compared by rule and place', () => {
    // Last year's report with only the years changed, and no word on fees in 六.
    const copied = text('hekou-2024-copied.txt');
    const noFee = copied.replace(/\n[^\n]*信息处理费[^\n]*\n/g, '\n');
    const before = checkText(noFee, 'text', { previous: prev }).diagnostics;
    const fee = before.find((d) => d.code === 'fee-statement-missing');
    const share = before.find((d) => d.code === 'copied-from-previous');
    assert.ok(fee && share, before.map((d) => d.code).join(', '));
    const fixes = fixesFor(ParsedDocument.parse(noFee, 'text'), fee, before, { previous: prev });
    assert.ok(fixes.length > 0, 'the fee statement is offered');
    const after = checkText(applyEdits(noFee, fixes[0].edits), 'text', { previous: prev }).diagnostics;
    assert.ok(!after.some((d) => d.code === 'fee-statement-missing'));
    const moved = after.find((d) => d.code === 'copied-from-previous');
    assert.ok(moved, 'still copied');
    assert.notEqual(moved.message, share.message, 'the share moved with the inserted statement');
  });
});
