// `.nianbao.json` (in the current directory, or --config) and --deadline change what `nianbao check` reports;
// a bad configuration file is a usage error (exit 2, message on stderr in the CLI's language).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RULES_BY_ID } from '../../core/src/index';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const BROKEN = join(ROOT, 'test', 'fixtures', 'rules', 'table3-balance', 'fail-carry-next.txt');
const DATED = join(ROOT, 'test', 'fixtures', 'cross-year', 'hekou-2024.txt'); // signed 2025 年 1 月 20 日

interface Out {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string): Out {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C', NIANBAO_LOCALE: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
}

function diagnostics(out: Out): JsonDiagnostic[] {
  return JSON.parse(out.stdout).files.flatMap((f: { diagnostics: JsonDiagnostic[] }) => f.diagnostics);
}

const dirs: string[] = [];
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-config-'));
  dirs.push(dir);
  copyFileSync(BROKEN, join(dir, 'report.txt'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const balance = (ds: JsonDiagnostic[]) => ds.filter((d) => d.code === 'table3-balance');

describe('nianbao check reads .nianbao.json', () => {
  it('without a configuration file, table3-balance is an error and the exit code is 1', () => {
    const r = cli(['check', '--format', 'json', 'report.txt'], workspace());
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(balance(diagnostics(r)).map((d) => d.severity), ['error', 'error']);
  });

  it('.nianbao.json in the current directory turns a rule off (exit 0) or changes its severity', () => {
    const off = cli(['check', '--format', 'json', 'report.txt'], workspace({ '.nianbao.json': JSON.stringify({ rules: { 'table3-balance': 'off' } }) }));
    assert.equal(off.code, 0, off.stderr);
    assert.deepEqual(balance(diagnostics(off)), []);
    assert.ok(diagnostics(off).length > 0, 'other rules still run');

    const warn = cli(['check', '--format', 'json', 'report.txt'], workspace({ '.nianbao.json': '{ "$schema": "./schemas/nianbao.schema.json", "rules": { "table3-balance": "warning" } }' }));
    assert.equal(warn.code, 0, warn.stderr);
    assert.deepEqual(balance(diagnostics(warn)).map((d) => d.severity), ['warning', 'warning']);
  });

  it('--config <file> is read instead of the current directory’s file', () => {
    const dir = workspace({ '.nianbao.json': JSON.stringify({ rules: { 'table3-balance': 'off' } }), 'strict.json': JSON.stringify({ rules: { 'table3-balance': 'hint' } }) });
    const r = cli(['check', '--format', 'json', '--config', 'strict.json', 'report.txt'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(balance(diagnostics(r)).map((d) => d.severity), ['hint', 'hint']);
  });

  it('validate: off checks nothing; validate: always checks a file that is not a report', () => {
    const off = cli(['check', '--format', 'json', 'report.txt'], workspace({ '.nianbao.json': '{"validate":"off"}' }));
    assert.equal(off.code, 0);
    assert.deepEqual(JSON.parse(off.stdout).files, []);
    const news = join(ROOT, 'test', 'fixtures', 'not-reports', 'news.txt');
    const auto = cli(['check', '--format', 'json', news], workspace());
    assert.deepEqual(diagnostics(auto).map((d) => d.code), ['not-a-report']);
    const always = cli(['check', '--format', 'json', news], workspace({ '.nianbao.json': '{"validate":"always"}' }));
    assert.ok(diagnostics(always).some((d) => d.code === 'section-missing'), 'checked as a report');
  });

  it('a bad configuration file is a usage error: exit 2, the reason on stderr, in Chinese or English', () => {
    const badJson = workspace({ '.nianbao.json': '{ "rules": ' });
    const zh = cli(['check', 'report.txt'], badJson);
    assert.equal(zh.code, 2);
    assert.equal(zh.stdout, '');
    // Where it breaks, in the user's words (not JSON.parse's English), as the editor says it.
    assert.match(zh.stderr, /配置文件 \.nianbao\.json 不是有效的 JSON：内容不完整/);
    const en = cli(['check', '--locale', 'en', 'report.txt'], badJson);
    assert.equal(en.code, 2);
    assert.match(en.stderr, /The configuration file \.nianbao\.json is not valid JSON: it ends too early/);
    const comma = cli(['check', 'report.txt'], workspace({ '.nianbao.json': '{\n  "deadline": "01-31",\n}\n' }));
    assert.equal(comma.code, 2);
    assert.match(comma.stderr, /第 3 行第 1 列附近有误/);
    // A file just created, nothing in it yet, sets nothing.
    const empty = cli(['check', '--format', 'json', 'report.txt'], workspace({ '.nianbao.json': '' }));
    assert.notEqual(empty.code, 2, empty.stderr);
    assert.equal(empty.stderr, '');

    const unknown = cli(['check', '--locale', 'en', 'report.txt'], workspace({ '.nianbao.json': '{"rules":{"no-such-rule":"off"},"deadline":"1-31"}' }));
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /The configuration file \.nianbao\.json is invalid: .*no-such-rule.*deadline/);

    const missing = cli(['check', '--config', 'nowhere.json', 'report.txt'], workspace());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /无法读取配置文件 nowhere\.json：/);
  });

  it('--deadline must be MM-DD', () => {
    const r = cli(['check', '--locale', 'en', '--deadline', '1-31', 'report.txt'], workspace());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--deadline must be a date as MM-DD, e\.g\. 01-31, not "1-31"/);
  });

  const dateLate = RULES_BY_ID.has('date-late');
  it('the deadline (file, then --deadline) decides date-late', { skip: dateLate ? false : 'date-late is not registered yet' }, () => {
    const dir = workspace();
    copyFileSync(DATED, join(dir, 'dated.txt'));
    const late = (r: Out) => diagnostics(r).filter((d) => d.code === 'date-late');
    assert.deepEqual(late(cli(['check', '--format', 'json', 'dated.txt'], dir)), [], 'signed 01-20, default deadline 01-31');
    writeFileSync(join(dir, '.nianbao.json'), '{"deadline":"01-15"}');
    const fromFile = late(cli(['check', '--format', 'json', 'dated.txt'], dir));
    assert.equal(fromFile.length, 1);
    assert.match(fromFile[0].message, /2025 年 1 月 15 日/);
    const fromFlag = late(cli(['check', '--format', 'json', '--deadline', '01-25', 'dated.txt'], dir));
    assert.deepEqual(fromFlag, [], '--deadline wins over the file');
  });
});
