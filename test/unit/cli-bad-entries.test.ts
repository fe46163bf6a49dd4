// Issue 14 items 6 and 12: one bad entry never aborts or hangs a `nianbao check`, and nothing unread is called
// fine. Dangling links, link loops, links out of the folder, FIFOs and devices named .txt, a folder that cannot be
// listed, `--config /dev/zero`, a FIFO as .nianbaoignore: each is reported, the others are checked, exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const GOOD = join(ROOT, 'examples', 'haiyuan-xian-2024.txt');

function cli(args: string[], cwd: string, asNobody = false) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const argv = asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args] : [process.execPath, CLI, ...args];
  // A hang fails the test (killed after 30 s) instead of hanging the suite.
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', LANG: 'C' } });
  assert.equal(r.signal, null, `nianbao ${args.join(' ')} was killed (it hung): ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Out = { files: { path: string; unreadable?: { reason: string }; diagnostics: unknown[]; report: unknown }[]; summary: { files: number; unreadable: number } };
const mkfifo = (path: string) => assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bad-'));
  const d = join(dir, 'd');
  mkdirSync(join(d, 'sub'), { recursive: true });
  mkdirSync(join(dir, 'elsewhere'));
  copyFileSync(GOOD, join(dir, 'elsewhere', 'outside.txt'));
  copyFileSync(GOOD, join(d, 'good.txt'));
  symlinkSync('missing.txt', join(d, 'dangling.txt'));
  symlinkSync('loop-b.txt', join(d, 'loop-a.txt'));
  symlinkSync('loop-a.txt', join(d, 'loop-b.txt'));
  symlinkSync('..', join(d, 'sub', 'up'));
  symlinkSync('/dev/zero', join(d, 'zero.txt'));
  symlinkSync(join(dir, 'elsewhere'), join(d, 'linked'));
  symlinkSync('good.txt', join(d, 'same.txt'));
  mkfifo(join(d, 'fifo.txt'));
  return dir;
}

describe('bad entries in a checked folder', () => {
  it('are listed with their reason, the good files are checked, and the run ends with exit 2', () => {
    const dir = folder();
    const r = cli(['check', '--format', 'json', 'd'], dir);
    assert.equal(r.code, 2, r.stderr);
    const out = JSON.parse(r.stdout) as Out;
    const reason = Object.fromEntries(out.files.map((f) => [f.path.split(/[\\/]/).slice(1).join('/'), f.unreadable?.reason ?? 'read']));
    assert.deepEqual(reason, {
      'dangling.txt': 'brokenLink',
      'fifo.txt': 'notAFile',
      'good.txt': 'read',
      linked: 'linkOutside',
      'loop-a.txt': 'linkLoop',
      'loop-b.txt': 'linkLoop',
      // A link to a file inside the folder is followed.
      'same.txt': 'read',
      'sub/up': 'linkLoop',
      'zero.txt': 'linkOutside',
    });
    assert.equal(out.summary.unreadable, 7);
    assert.ok(out.files.find((f) => f.path.endsWith('good.txt'))!.report, 'the good file was checked');
  });

  it('named on the command line, a FIFO or a device is reported, not read (no hang, no 4 GB read)', () => {
    const dir = folder();
    const r = cli(['check', '--format', 'json', 'd/fifo.txt', '/dev/zero', 'd/zero.txt', 'd/dangling.txt', 'd/good.txt'], dir);
    assert.equal(r.code, 2, r.stderr);
    const out = JSON.parse(r.stdout) as Out;
    assert.deepEqual(
      out.files.map((f) => f.unreadable?.reason ?? 'read'),
      ['notAFile', 'notAFile', 'notAFile', 'brokenLink', 'read'],
    );
  });

  it('the text output names each unread file in Chinese and never says the run found no problems', () => {
    const dir = folder();
    const r = cli(['check', 'd/fifo.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /不是普通文件/);
    assert.doesNotMatch(r.stdout, /未发现问题/);
  });

  it('a folder without report files is not "no problems": exit 2 and a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-empty-'));
    const r = cli(['check', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /没有找到可检查的报告文件/);
    assert.equal(r.stdout, '');
  });

  it('a folder that cannot be listed is reported; the rest is checked', { skip: process.getuid?.() !== 0 && 'needs root to run as nobody' }, () => {
    const dir = folder();
    const locked = join(dir, 'd', 'locked');
    mkdirSync(locked);
    copyFileSync(GOOD, join(locked, 'x.txt'));
    chmodSync(locked, 0o000);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'd'), 0o755);
    const r = cli(['check', '--format', 'json', 'd'], dir, true);
    chmodSync(locked, 0o755);
    const out = JSON.parse(r.stdout) as Out;
    assert.equal(out.files.find((f) => f.path.endsWith('locked'))?.unreadable?.reason, 'unlistable');
    assert.ok(out.files.find((f) => f.path.endsWith('good.txt'))!.report);
    assert.equal(r.code, 2);
  });
});

describe('bad settings files', () => {
  it('--config /dev/zero and --config on a FIFO end at once with exit 2', () => {
    const dir = folder();
    for (const config of ['/dev/zero', 'd/fifo.txt']) {
      const r = cli(['check', '--config', config, 'd/good.txt'], dir);
      assert.equal(r.code, 2, config);
      assert.match(r.stderr, /不是普通文件/, config);
    }
  });

  it('a FIFO named .nianbaoignore or .nianbao.json does not hang the run', () => {
    const dir = folder();
    mkfifo(join(dir, '.nianbaoignore'));
    const r = cli(['check', 'd/good.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.nianbaoignore/);
    const dir2 = folder();
    mkfifo(join(dir2, 'd', '.nianbao.json'));
    const r2 = cli(['check', 'd/good.txt'], dir2);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /\.nianbao\.json/);
  });
});
