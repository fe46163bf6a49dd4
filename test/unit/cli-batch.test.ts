// The command line for a reviewer's batch: --fix and --fix-dry-run, --quiet, --max-warnings, ignore files,
// per-folder .nianbao.json, clickable `path:line:col`, the per-file table, the help in both languages, plurals.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeText } from '../../core/src/index';
import { Batch, type CheckSettings } from '../../cli/src/batch';
import { encodeText } from '../../cli/src/encode';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const FIXABLE = join(ROOT, 'test/fixtures/rules/table3-row-total/fail-granted-total.txt');
const FIXED = readFileSync(join(ROOT, 'test/fixtures/rules/table3-row-total/fail-granted-total.fixed.txt'), 'utf8');
const WARNING_ONLY = join(ROOT, 'test/fixtures/rules/fee-statement-missing/fail-2024.txt');

function cli(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
const json = (stdout: string) => JSON.parse(stdout) as { files: { path: string; fixed?: boolean; diagnostics: { code: string; severity: string }[] }[]; summary: Record<string, number> };

describe('--fix and --fix-dry-run', () => {
  it('--fix writes the safe fixes into the file and reports what is left', () => {
    const dir = tmp('fix');
    const file = join(dir, 'report.txt');
    copyFileSync(FIXABLE, file);
    const before = cli(['check', '--format', 'json', file]);
    assert.ok(json(before.stdout).files[0].diagnostics.some((d) => d.code === 'table3-row-total'));
    const r = cli(['check', '--format', 'json', '--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), FIXED, 'the file now holds the fixed text');
    const out = json(r.stdout);
    assert.equal(out.files[0].fixed, true);
    assert.ok(!out.files[0].diagnostics.some((d) => d.code === 'table3-row-total'), 'the fixed problem is gone');
  });

  it('--fix writes a GBK file back in GBK', () => {
    const dir = tmp('fix-gbk');
    const file = join(dir, 'report.txt');
    writeFileSync(file, encodeText(readFileSync(FIXABLE, 'utf8'), 'gb18030')!);
    cli(['check', '--fix', file]);
    const decoded = decodeText(new Uint8Array(readFileSync(file)));
    assert.deepEqual(decoded, { text: FIXED, encoding: 'gb18030' });
  });

  it('--fix-dry-run prints the diff and leaves the file alone', () => {
    const dir = tmp('dry');
    const file = join(dir, 'report.txt');
    copyFileSync(FIXABLE, file);
    const original = readFileSync(file, 'utf8');
    const r = cli(['check', '--fix-dry-run', file], dir);
    assert.equal(readFileSync(file, 'utf8'), original);
    assert.match(r.stdout, /^--- report\.txt/m);
    assert.match(r.stdout, /^\+\+\+ report\.txt/m);
    assert.match(r.stdout, /^-三、本年度办理结果\t\(一\) 予以公开\t3\t1\t0\t0\t0\t0\t3\t$/m);
    assert.match(r.stdout, /^\+三、本年度办理结果\t\(一\) 予以公开\t3\t1\t0\t0\t0\t0\t4\t$/m);
    assert.match(r.stdout, /report\.txt {2}\(2024 年度报告，2021 版格式，按修复后的文字\)/);
  });

  it('leaves PDF, Word and web pages alone', () => {
    const dir = tmp('fix-bin');
    const docx = join(dir, 'r.docx');
    copyFileSync(join(ROOT, 'test/fixtures/formats/docx/xian-merged.docx'), docx);
    const before = readFileSync(docx);
    cli(['check', '--fix', docx]);
    assert.deepEqual(readFileSync(docx), before);
  });
});

describe('--quiet and --max-warnings', () => {
  it('--quiet reports errors only', () => {
    const all = json(cli(['check', '--format', 'json', 'examples/xibao-2023.txt']).stdout);
    const quiet = json(cli(['check', '--format', 'json', '--quiet', 'examples/xibao-2023.txt']).stdout);
    assert.ok(all.files[0].diagnostics.some((d) => d.severity === 'warning'));
    assert.ok(quiet.files[0].diagnostics.length > 0);
    assert.ok(quiet.files[0].diagnostics.every((d) => d.severity === 'error'));
    assert.equal(quiet.summary.warning, 0);
  });

  it('--max-warnings N: exit 1 when there are more warnings than N, 0 otherwise', () => {
    assert.equal(cli(['check', WARNING_ONLY]).code, 0);
    const over = cli(['check', '--max-warnings', '0', '--locale', 'zh-cn', WARNING_ONLY]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /警告 1 个，超过 --max-warnings 允许的 0 个/);
    assert.equal(cli(['check', '--max-warnings', '1', WARNING_ONLY]).code, 0);
    assert.equal(cli(['check', '--max-warnings', 'x', WARNING_ONLY]).code, 2);
  });
});

describe('ignore files and per-folder settings', () => {
  function folder(): string {
    const dir = tmp('batch');
    mkdirSync(join(dir, '部门'));
    mkdirSync(join(dir, '草稿'));
    copyFileSync(WARNING_ONLY, join(dir, '部门', 'a.txt'));
    copyFileSync(WARNING_ONLY, join(dir, 'b.txt'));
    copyFileSync(WARNING_ONLY, join(dir, '草稿', 'c.txt'));
    copyFileSync(WARNING_ONLY, join(dir, 'd-old.txt'));
    return dir;
  }

  it('skips what .nianbaoignore and --ignore leave out', () => {
    const dir = folder();
    writeFileSync(join(dir, '.nianbaoignore'), '# drafts are not published yet\n草稿/\n');
    const r = json(cli(['check', '--format', 'json', '--ignore', '*-old.txt', '.'], dir).stdout);
    assert.deepEqual(r.files.map((f) => f.path).sort(), ['b.txt', join('部门', 'a.txt')].sort());
  });

  it('a subfolder’s .nianbao.json applies below it, merged with its parent’s', () => {
    const dir = folder();
    writeFileSync(join(dir, '.nianbao.json'), JSON.stringify({ rules: { 'fee-statement-missing': 'error' } }));
    writeFileSync(join(dir, '部门', '.nianbao.json'), JSON.stringify({ rules: { 'fee-statement-missing': 'off', 'section-heading-variant': 'off' } }));
    const r = json(cli(['check', '--format', 'json', '.'], dir).stdout);
    const of = (p: string) => r.files.find((f) => f.path === p)!.diagnostics.map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(of('b.txt'), ['fee-statement-missing:error'], 'the parent’s file');
    assert.deepEqual(of(join('部门', 'a.txt')), [], 'the subfolder’s file wins below it');
  });
});

describe('text output for a batch', () => {
  it('starts each problem line with path:line:col and ends with a table of the files', () => {
    const r = cli(['check', '--locale', 'zh-cn', 'examples']);
    assert.match(r.stdout, /^examples\/xibao-2023\.txt:48:20 {2}错误 {2}表三“（一）予以公开”行有 6 个数，应为 7 个 {2}table-column-count$/m);
    assert.match(r.stdout, /^文件 +机关 +年度 +格式 +错误 +警告$/m);
    assert.match(r.stdout, /^examples\/xibao-2023\.txt +西堡镇 +2023 +2019 版格式 +12 +4$/m);
    assert.match(r.stdout, /^examples\/haiyuan-xian-2024\.txt +海原县西安镇人民政府 +2024 +2021 版格式 +0 +0$/m);
  });

  it('counts in English with the right plurals', () => {
    const one = cli(['check', '--locale', 'en', WARNING_ONLY]);
    assert.match(one.stdout, /^1 problem \(0 errors, 1 warning, 0 infos\)$/m);
    const clean = cli(['check', '--locale', 'en', 'examples/haiyuan-xian-2024.txt']);
    assert.match(clean.stdout, /^1 file, no problems found$/m);
  });

  it('gives its help in Chinese, or in English', () => {
    const zh = cli(['check', '--help'], ROOT, { LANG: 'zh_CN.UTF-8' });
    assert.match(zh.stdout, /^用法：/m);
    assert.match(zh.stdout, /^选项：/m);
    assert.match(zh.stdout, /--quiet +只报告错误/);
    const en = cli(['check', '--help', '--locale', 'en'], ROOT, { LANG: 'zh_CN.UTF-8' });
    assert.match(en.stdout, /^Usage:/m);
    assert.match(en.stdout, /--quiet +report errors only/);
  });
});

describe('parallel workers (--jobs)', () => {
  it('give exactly what one process gives, also when a report’s previous year fell to the other worker', () => {
    const dir = tmp('jobs');
    const cases = ['hekou-2024-carryover.txt', 'hekou-2024-copied-years.txt', 'hekou-2024-copied.txt', 'hekou-2024-stock.txt'];
    // Sorted by name, the 2024 reports (a…) go to the first worker and their 2023 report (z…) to the second.
    for (let i = 0; i < 8; i++) copyFileSync(join(ROOT, 'test/fixtures/cross-year', cases[i % cases.length]), join(dir, `a${i}-${cases[i % cases.length]}`));
    for (let i = 0; i < 8; i++) copyFileSync(join(ROOT, 'examples', ['haiyuan-xian-2024.txt', 'pingluo-2024.txt', 'xibao-2023.txt'][i % 3]), join(dir, `m${i}.txt`));
    copyFileSync(join(ROOT, 'test/fixtures/cross-year/hekou-2023.txt'), join(dir, 'z-hekou-2023.txt'));
    const one = cli(['check', '--format', 'json', '--jobs', '1', '.'], dir);
    // As on 4 cores: two workers check a share each (on 2 cores this thread checks all, see below).
    const two = cli(['check', '--format', 'json', '--jobs', '2', '.'], dir, { NIANBAO_CORES: '4' });
    assert.equal(two.code, one.code);
    assert.deepEqual(JSON.parse(two.stdout), JSON.parse(one.stdout));
    const crossYear = json(one.stdout).files.flatMap((f) => f.diagnostics).filter((d) => d.code.startsWith('cross-year') || d.code === 'copied-from-previous');
    assert.ok(crossYear.length >= 4, `${crossYear.length} cross-year findings: the pairs were compared`);
  });
});

describe('workers reading the PDF and Word files (--jobs on 2 cores)', () => {
  const PDF = join(ROOT, 'test/fixtures/formats/pdf/xian-ruled.pdf');
  const DOCX = join(ROOT, 'test/fixtures/formats/docx/xian-merged.docx');

  it('give exactly what one process gives: the PDF and Word files read, the damaged and old ones said so', () => {
    const dir = tmp('extract');
    for (let i = 0; i < 6; i++) copyFileSync(i % 3 ? PDF : DOCX, join(dir, `b${i}.${i % 3 ? 'pdf' : 'docx'}`));
    for (let i = 0; i < 6; i++) copyFileSync(join(ROOT, 'examples', ['haiyuan-xian-2024.txt', 'pingluo-2024.txt', 'xibao-2023.txt'][i % 3]), join(dir, `a${i}.txt`));
    writeFileSync(join(dir, 'c-damaged.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >>\n');
    writeFileSync(join(dir, 'c-old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    copyFileSync(PDF, join(dir, 'c-a-pdf-named.txt'));
    const one = cli(['check', '--format', 'json', '--jobs', '1', '.'], dir);
    const out = json(one.stdout);
    assert.equal(out.files.filter((f) => /b\d\.(pdf|docx)$/.test(f.path) && f.diagnostics.length).length, 6, 'every PDF and Word file was read and checked');
    for (const jobs of ['2', '3']) {
      const many = cli(['check', '--format', 'json', '--jobs', jobs, '.'], dir, { NIANBAO_CORES: '2' });
      assert.equal(many.code, one.code);
      assert.equal(many.stderr, one.stderr);
      assert.deepEqual(JSON.parse(many.stdout), JSON.parse(one.stdout), `--jobs ${jobs}`);
    }
  });

  it('hand over what a worker read, and this thread reads what a failed worker took', async () => {
    const { Extractors } = await import('../../cli/src/pool');
    const { extractHere } = await import('../../cli/src/batch');
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    const dir = tmp('extractors');
    const paths = [0, 1, 2].map((i) => join(dir, `r${i}.${i === 1 ? 'docx' : 'pdf'}`));
    paths.forEach((p, i) => copyFileSync(i === 1 ? DOCX : PDF, p));
    const expected = await Promise.all(paths.map((p) => extractHere(p)));

    const ahead = new Extractors(CLI, paths, 1);
    try {
      while (!paths.every((p) => ahead.taken(p) === 'worker')) await new Promise((r) => setTimeout(r, 20));
      for (const [i, p] of paths.entries()) assert.deepEqual(await ahead.extract(p), expected[i], `${p}, read by the worker`);
    } finally {
      await ahead.stop();
    }

    // A worker that takes the first file and fails.
    const failing = join(dir, 'failing-worker.js');
    writeFileSync(failing, "const { workerData } = require('node:worker_threads'); Atomics.store(new Int32Array(workerData.claims), 0, 2 + workerData.id); throw new Error('broken');");
    const lost = new Extractors(failing, paths, 1);
    try {
      while (lost.taken(paths[0]) !== 'worker') await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      for (const [i, p] of paths.entries()) assert.deepEqual(await lost.extract(p), expected[i], `${p}, read here`);
      assert.equal(lost.taken(paths[2]), 'main');
    } finally {
      await lost.stop();
    }
  });
});

describe('one process, many reports waiting for their previous year', () => {
  it('checks a report early and again when its previous year turns up: the same as holding every model', async () => {
    const dir = tmp('held');
    const cases = ['hekou-2024-carryover.txt', 'hekou-2024-copied-years.txt', 'hekou-2024-copied.txt', 'hekou-2024-stock.txt'];
    for (let i = 0; i < 6; i++) copyFileSync(join(ROOT, 'test/fixtures/cross-year', cases[i % cases.length]), join(dir, `a${i}.txt`));
    for (let i = 0; i < 3; i++) copyFileSync(join(ROOT, 'examples', ['haiyuan-xian-2024.txt', 'pingluo-2024.txt', 'xibao-2023.txt'][i]), join(dir, `m${i}.txt`));
    // Read last: the 2023 report the six 2024 reports before it wait for.
    copyFileSync(join(ROOT, 'test/fixtures/cross-year/hekou-2023.txt'), join(dir, 'z.txt'));
    const requests = readdirSync(dir).sort().map((f) => ({ path: join(dir, f), config: {}, explicit: false }));
    const run = async (hold: { free: number; max: number } | undefined, fix: CheckSettings['fix'] = 'no') => {
      let ticks = 0;
      const { outs } = await new Batch().stream(requests, { locale: 'zh-cn', fix }, () => ticks++, hold);
      const byPath = Object.fromEntries(outs.map((o) => [o.path, { diagnostics: o.diagnostics, fixed: o.fixed }]));
      return { byPath, ticks, count: outs.length };
    };
    const all = await run(undefined);
    for (const hold of [{ free: 2, max: 4 }, { free: 0, max: 1024 }]) {
      const some = await run(hold);
      assert.deepEqual(some.byPath, all.byPath, `holding ${JSON.stringify(hold)}`);
      assert.equal(some.ticks, 2 * requests.length);
    }
    const early = await run({ free: 0, max: 0 });
    assert.equal(early.count, requests.length);
    assert.deepEqual(early.byPath, all.byPath);
    assert.equal(early.ticks, 2 * requests.length, 'one tick per file read and one per file checked');
    const crossYear = Object.values(early.byPath).flatMap((o) => o.diagnostics).filter((d) => String(d.code).startsWith('cross-year') || d.code === 'copied-from-previous');
    assert.ok(crossYear.length >= 6, `${crossYear.length} cross-year findings: the reports checked early were checked again with their previous year`);
    // --fix-dry-run: the fixes of a waiting report are made with its previous year's report.
    assert.deepEqual((await run({ free: 0, max: 0 }, 'dry')).byPath, (await run(undefined, 'dry')).byPath);
  });
});
