// Linearity checks (issue 14): each hostile input is checked at size n and 2n, several times; doubling the
// input may at most ~2.5× the time (best of the rounds, so that a busy machine does not fail it) and the
// memory it keeps. Run by CI after the tests (`npm run linearity`); not a unit test, as timings are not.
import { createChecker, minimalEdits } from '../core/src/index';
import { leftoverYears } from '../test/helpers';
import { parseHtmlTable } from '../core/src/parse/html-table';

interface Case {
  name: string;
  /** The document for size factor k (1 or 2). */
  make: (k: number) => { text: string; format: 'text' | 'markdown' | 'html' };
  /** What is timed after the check: one quick fix in the middle of the problems, or fix-all (default: the check alone). */
  then?: 'quickFix' | 'fixAll' | 'fixAllOfRule';
}

const repeat = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));
const head = '# 某局 2024 年政府信息公开工作年度报告\n\n## 一、总体情况\n\n';

const CASES: Case[] = [
  { name: 'HTML table of colspan=100 rowspan=1000 cells (24 KB)', make: (k) => ({ text: '<table>' + repeat('<tr>' + '<td colspan=100 rowspan=1000>x</td>'.repeat(10) + '</tr>', 24_000 * k) + '</table>', format: 'html' }) },
  { name: 'a line of `>` (256 KB)', make: (k) => ({ text: head + '>'.repeat(256_000 * k) + ' 本年新收申请 3 件\n', format: 'markdown' }) },
  { name: 'random `*`, `<`, `[` paragraph (150 KB)', make: (k) => ({ text: head + noise(150_000 * k, 7) + '\n', format: 'markdown' }) },
  { name: 'links that never close: `[网站](http://a` repeated (100 KB)', make: (k) => ({ text: head + repeat('[网站](http://a', 100_000 * k) + '\n', format: 'markdown' }) },
  { name: 'a paragraph of links and autolinks (100 KB)', make: (k) => ({ text: head + repeat('见[网站](http://a.cn)与<http://b.cn>，', 100_000 * k) + '止\n', format: 'markdown' }) },
  { name: 'autolinks that never close: `<http:a` repeated (100 KB)', make: (k) => ({ text: head + repeat('<http:a', 100_000 * k) + '\n', format: 'markdown' }) },
  { name: 'a list nested 2,000 deep (× k)', make: (k) => ({ text: head + Array.from({ length: 2000 * k }, (_, i) => ' '.repeat(Math.min(i, 400) * 2) + '- 项目' + i).join('\n') + '\n', format: 'markdown' }) },
  { name: 'a 200,000-cell tab row (× k)', make: (k) => ({ text: '某局 2024 年政府信息公开工作年度报告\n\n一、本年新收政府信息公开申请数量' + '\t0'.repeat(200_000 * k) + '\n', format: 'text' }) },
  { name: 'spaces after a date (100 KB)', make: (k) => ({ text: '某局 2024 年政府信息公开工作年度报告\n\n本报告统计数据从 2024 年 1 月 1 日' + ' '.repeat(100_000 * k) + 'x\n', format: 'text' }) },
  { name: 'one quick fix among 500 year-mismatch problems (× k)', make: (k) => ({ text: leftoverYears(500 * k), format: 'text' }), then: 'quickFix' },
  { name: 'fix-all of 2,000 year-mismatch problems (× k)', make: (k) => ({ text: leftoverYears(2000 * k), format: 'text' }), then: 'fixAll' },
  { name: '"fix all of this rule" of 1,000 year-mismatch problems, as small edits (× k)', make: (k) => ({ text: leftoverYears(1000 * k), format: 'text' }), then: 'fixAllOfRule' },
  { name: 'placeholder look-alikes: open brackets, 某某, XX, ____ (× k)', make: (k) => ({ text: '某局 2024 年政府信息公开工作年度报告\n\n' + ('（（请填写' + '某'.repeat(40) + 'X'.repeat(40) + '_'.repeat(40) + '×'.repeat(40)).repeat(1_500 * k) + '\n', format: 'text' }) },
  { name: '其中 lists that never end (× k)', make: (k) => ({ text: '某局 2024 年政府信息公开工作年度报告\n\n共 5 条，其中' + 'a 1 条，'.repeat(20_000 * k) + '\n', format: 'text' }) },
];

function noise(n: number, seed: number): string {
  let a = seed;
  const chars = '*<[]>_`!()| 政务公开12\n';
  let s = '';
  while (s.length < n) {
    a = (a * 1103515245 + 12345) & 0x7fffffff;
    s += chars[a % chars.length];
    if (s.endsWith('\n\n')) s = s.slice(0, -1);
  }
  return s;
}

function time(text: string, format: 'text' | 'markdown' | 'html', then?: Case['then']): { ms: number; heap: number } {
  const uri = `file:///linearity/doc.${format === 'markdown' ? 'md' : format === 'html' ? 'html' : 'txt'}`;
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const c = createChecker({ maxBytes: () => Infinity });
  c.open(uri, format === 'markdown' ? 'markdown' : format === 'html' ? 'html' : 'plaintext', 1, text);
  const checked = c.check(uri, { config: { validate: 'always' }, locale: 'zh-cn' });
  if (then === 'quickFix') {
    const ds = checked?.result.diagnostics.filter((d) => d.code === 'year-mismatch') ?? [];
    if (c.fixes(uri, ds[Math.floor(ds.length / 2)]).length === 0) throw new Error('no quick fix offered');
  } else if (then === 'fixAll' && c.fixAll(uri) === null) throw new Error('fix-all did nothing');
  else if (then === 'fixAllOfRule' && minimalEdits(text, c.fixAll(uri, (d) => d.code === 'year-mismatch', false) ?? text).length === 0) throw new Error('no edits');
  const ms = performance.now() - t;
  const heap = process.memoryUsage().heapUsed - before;
  c.close(uri);
  return { ms, heap };
}

const ROUNDS = 5;
const RATIO = 2.5;
/** Below this, timer noise and JIT warm-up decide the ratio: only a slow case is judged. */
const FLOOR_MS = 30;
let failed = 0;
console.log(`| input | n | 2n | ratio |\n| --- | --- | --- | --- |`);
for (const c of CASES) {
  const best = (k: number) => {
    const { text, format } = c.make(k);
    let ms = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      (globalThis as { gc?: () => void }).gc?.();
      ms = Math.min(ms, time(text, format, c.then).ms);
    }
    return ms;
  };
  best(1); // warm-up
  let t1 = best(1);
  let t2 = best(2);
  const judge = () => t2 < FLOOR_MS || t2 / Math.max(t1, 1) <= RATIO;
  // A pause of the machine can land in every round of one size; a real superlinear cost survives a second try.
  for (let retry = 0; retry < 2 && !judge(); retry++) {
    t1 = Math.min(t1, best(1));
    t2 = Math.min(t2, best(2));
  }
  const ratio = t2 / Math.max(t1, 1);
  const ok = judge();
  if (!ok) failed++;
  console.log(`| ${c.name} | ${t1.toFixed(1)} ms | ${t2.toFixed(1)} ms | ${ratio.toFixed(2)}×${ok ? '' : ' **over 2.5×**'} |`);
}
// The grid of a hostile HTML table: cells built, not time (the direct measure of the span bug).
const cells = (kb: number) => parseHtmlTable('<table>' + repeat('<tr>' + '<td colspan=100 rowspan=1000>x</td>'.repeat(10) + '</tr>', kb * 1024) + '</table>', 0, 0).reduce((n, r) => n + (r.kind === 'row' ? r.cells.length : 0), 0);
const [c6, c12] = [cells(6), cells(12)];
console.log(`\nHTML grid: 6 KB → ${c6} cells, 12 KB → ${c12} cells (${(c12 / c6).toFixed(2)}×)`);
if (c12 > RATIO * c6) failed++;
if (failed) {
  console.error(`\n${failed} input(s) grow faster than linearly`);
  process.exit(1);
}
console.log('\nall linear');
