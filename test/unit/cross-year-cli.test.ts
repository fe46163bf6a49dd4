// `nianbao check` finds each report's previous year's report (same 机关) among the files it is given, or in
// the folders it searches, and runs the cross-year rules. Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const DIR = 'test/fixtures/cross-year';
const CROSS = new Set(['cross-year-carryover', 'cross-year-stock', 'copied-from-previous']);

interface JsonFile {
  path: string;
  diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[];
}

function check(...args: string[]): { code: number | null; files: JsonFile[]; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C', NIANBAO_LOCALE: '' } });
  assert.notEqual(r.status, 2, r.stderr);
  return { code: r.status, files: JSON.parse(r.stdout).files, stderr: r.stderr };
}

const crossCodes = (f: JsonFile | undefined) => (f ? f.diagnostics.filter((d) => CROSS.has(d.code)).map((d) => d.code) : null);
const byName = (files: JsonFile[]): Record<string, JsonFile> => Object.fromEntries(files.map((f) => [f.path.split('/').pop()!, f]));


describe('nianbao check across reports', () => {
  it('two files named on the command line: the later year is compared with the earlier one', () => {
    const r = check(`${DIR}/hekou-2023.txt`, `${DIR}/hekou-2024-carryover.txt`);
    const files = byName(r.files);
    assert.deepEqual(crossCodes(files['hekou-2023.txt']), [], 'no 2022 report: nothing for 2023');
    const ds = files['hekou-2024-carryover.txt'].diagnostics.filter((d) => d.code === 'cross-year-carryover');
    assert.deepEqual(
      ds.map((d) => d.message),
      [
        '表三“二、上年结转政府信息公开申请数量”“自然人”列为 2，而 2023 年度报告“四、结转下年度继续办理”该列为 1，两年数据不衔接',
        '表三“二、上年结转政府信息公开申请数量”“总计”列为 2，而 2023 年度报告“四、结转下年度继续办理”该列为 1，两年数据不衔接',
      ],
    );
    assert.ok(ds.every((d) => d.severity === 'warning'));
    assert.equal(r.code, 0, 'warnings only');
  });

  it('the order of the files does not matter, and one file alone has no previous report', () => {
    const reversed = byName(check(`${DIR}/hekou-2024-stock.txt`, `${DIR}/hekou-2023.txt`).files);
    assert.deepEqual(crossCodes(reversed['hekou-2024-stock.txt']), ['cross-year-stock']);
    const alone = byName(check(`${DIR}/hekou-2024-stock.txt`).files);
    assert.deepEqual(crossCodes(alone['hekou-2024-stock.txt']), []);
  });

  it('a folder: every 2024 report is compared with the 2023 one found beside it', () => {
    const files = byName(check(DIR).files);
    assert.deepEqual(crossCodes(files['hekou-2023.txt']), []);
    assert.deepEqual(crossCodes(files['hekou-2024.txt']), [], 'the consistent pair: nothing');
    assert.deepEqual(crossCodes(files['hekou-2024-carryover.txt']), ['cross-year-carryover', 'cross-year-carryover']);
    assert.deepEqual(crossCodes(files['hekou-2024-stock.txt']), ['cross-year-stock']);
    assert.deepEqual(crossCodes(files['hekou-2024-copied.txt']), ['copied-from-previous']);
    // Copied with only the years changed: last year's tables come along, so the carry-over and the stock break too.
    assert.deepEqual(new Set(crossCodes(files['hekou-2024-copied-years.txt'])), new Set(CROSS));
    const copied = files['hekou-2024-copied-years.txt'].diagnostics.find((d) => d.code === 'copied-from-previous')!;
    assert.equal(copied.message, '本报告正文约 100% 的内容与 2023 年度报告相同（年份、数字不同的不计为差别），请按本年度的实际工作撰写');
    assert.deepEqual(copied.range.start, { line: 0, character: 0 }, 'on the title');
  });

  it('reports of another 机关 in the same folder are not compared', () => {
    const files = byName(check('examples', `${DIR}/hekou-2024-carryover.txt`).files);
    for (const name of Object.keys(files)) assert.deepEqual(crossCodes(files[name]), [], name);
  });

  it('speaks English with --locale en in text output', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '--locale', 'en', `${DIR}/hekou-2023.txt`, `${DIR}/hekou-2024-stock.txt`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /info +Table 2, "Normative documents": 12 in force, but the 2023 report's 10 in force plus 2 issued minus 1 repealed this year makes 11 +cross-year-stock/);
  });
});
