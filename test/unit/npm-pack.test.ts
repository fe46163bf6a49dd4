// `npm pack` gives an installable package whose `nianbao` bin works: packed (without rebuilding: the tests run
// on the bundles `npm run build` made), installed into a temporary prefix from the npm cache, and run on the
// bundled example reports, a PDF among them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-pack-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('installs a working nianbao command', { skip: !existsSync(join(ROOT, 'dist', 'cli.js')) && 'npm run build first' }, () => {
    const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const packed = info.files.map((f) => f.path).sort();
    for (const f of ['dist/cli.js', 'dist/readers.js', 'docs/rules/table3-balance.md', 'package.json', 'README.md']) assert.ok(packed.includes(f), `${f} is in the package`);
    assert.ok(!packed.some((f) => /^(core|server|client|cli|test)\//.test(f) || f.endsWith('.map')), `no sources in the package: ${packed.join(', ')}`);

    const prefix = join(dir, 'prefix');
    const install = spawnSync(npm, ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, info.filename)], { cwd: dir, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    const bin = process.platform === 'win32' ? join(prefix, 'nianbao.cmd') : join(prefix, 'bin', 'nianbao');
    assert.ok(existsSync(bin), `${bin} after install (${readdirSync(prefix).join(', ')})`);

    const run = spawnSync(bin, ['check', '--format', 'json', join(ROOT, 'examples'), join(ROOT, 'test', 'fixtures', 'formats', 'pdf', 'xian-ruled.pdf')], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1, `exit 1: the examples have errors (stderr: ${run.stderr})`);
    const json = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
    assert.equal(json.files.length, 4);
    const pdf = json.files.find((f) => f.path.endsWith('.pdf'));
    assert.deepEqual(pdf?.diagnostics.map((d) => d.code).sort(), ['fee-statement-missing', 'table3-balance', 'table3-balance']);

    const help = spawnSync(bin, ['--help'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /用法|检查/);
  });
});
