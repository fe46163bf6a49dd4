// The task's problem matchers (package.json contributes.problemMatchers) read `nianbao check`'s text output:
// each one, applied as VS Code applies it (one line, the pattern's groups), finds exactly the CLI's problems of
// its severity, with file, line, column, message and rule — in Chinese and in English, for text and PDF files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Matcher {
  name: string;
  owner: string;
  severity: string;
  fileLocation: unknown;
  pattern: { regexp: string; file: number; line: number; column: number; message: number; code: number };
}

const matchers = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: Matcher[] } }).contributes.problemMatchers;
const files = [join('examples', 'xibao-2023.txt'), join('examples', 'pingluo-2024.txt'), join('test', 'fixtures', 'formats', 'pdf', 'xian-ruled.pdf')];

function run(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args, ...files], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe('problem matchers of the nianbao task', { skip: !existsSync(CLI) && 'npm run build first' }, () => {
  test('one per severity, owned by nianbao', () => {
    assert.deepEqual(matchers.map((m) => [m.name, m.severity, m.owner]), [
      ['nianbao-error', 'error', 'nianbao'],
      ['nianbao-warning', 'warning', 'nianbao'],
      ['nianbao-info', 'info', 'nianbao'],
    ]);
  });

  for (const locale of ['zh-cn', 'en']) {
    test(`find exactly the CLI's problems in its ${locale} text output`, () => {
      const json = JSON.parse(run(['--format', 'json', '--locale', locale])) as { files: { path: string; diagnostics: { severity: string; code: string; message: string; range: { start: { line: number; character: number } } }[] }[] };
      const text = run(['--locale', locale]);
      const want = json.files
        .flatMap((f) => f.diagnostics.filter((d) => d.severity !== 'hint').map((d) => ({ file: f.path, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity, code: d.code, message: d.message })))
        .map((p) => JSON.stringify(p))
        .sort();
      const got: string[] = [];
      for (const line of text.split('\n')) {
        const hits = matchers.filter((m) => new RegExp(m.pattern.regexp).test(line));
        assert.ok(hits.length <= 1, `${line} matched by ${hits.map((m) => m.name).join(', ')}`);
        if (!hits.length) continue;
        const m = hits[0];
        const g = new RegExp(m.pattern.regexp).exec(line)!;
        // A PDF's place (第 2 页 / page 2) stays in the message, as the text output has it.
        const message = g[m.pattern.message].replace(/\s{2}(第 \d+ 页|page \d+)$/, '');
        got.push(JSON.stringify({ file: g[m.pattern.file], line: Number(g[m.pattern.line]), column: Number(g[m.pattern.column]), severity: m.severity, code: g[m.pattern.code], message }));
      }
      assert.deepEqual(got.sort(), want);
    });
  }
});
