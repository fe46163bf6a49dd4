// Inline comments in Markdown (`<!-- nianbao-disable-next-line <id> -->`, `<!-- nianbao-disable <id> -->` …
// `<!-- nianbao-enable <id> -->`) change the result, through the core and through the CLI alike.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkText, type Diagnostic } from '../../core/src/index';
import { read, ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const SEED_MD = read('test/fixtures/md/000.md'); // the 2024 seed as Markdown, with GFM pipe tables
const CARRY = '| 四、结转下年度继续办理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
const T3_HEADING = '## 三、收到和处理政府信息公开申请情况';
const T4_HEADING = '## 四、政府信息公开行政复议、行政诉讼情况';
const OPENING = '2024 年，在县委、县政府的坚强领导下';

/** The seed with table 三 out of balance (四 says 1 where 一 + 二 − （七） is 0) and a wrong year opening section 一. */
function broken(): string {
  assert.ok(SEED_MD.includes(CARRY) && SEED_MD.includes(OPENING) && SEED_MD.includes(T3_HEADING) && SEED_MD.includes(T4_HEADING));
  return SEED_MD.replace(CARRY, '| 四、结转下年度继续办理 |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |').replace(OPENING, OPENING.replace('2024', '2023'));
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const only = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

/** Inserts `line` before the first line containing `before`. */
function insertBefore(text: string, before: string, line: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(before));
  assert.ok(i >= 0, before);
  lines.splice(i, 0, line);
  return lines.join('\n');
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cliCodes(md: string): { code: number | null; diagnostics: { code: string; range: { start: { line: number } } }[] } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-inline-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'report.md'), md);
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', 'report.md'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  assert.notEqual(r.status, 2, r.stderr);
  return { code: r.status, diagnostics: JSON.parse(r.stdout).files[0].diagnostics };
}

describe('inline comments in Markdown', () => {
  const base = broken();
  const baseDs = checkText(base, 'markdown').diagnostics;

  it('without comments: table3-balance on the 四 row (自然人 and 总计) and year-mismatch on the opening year', () => {
    assert.deepEqual(only(baseDs, 'table3-balance').map((d) => d.range.start.line), [lineOf(base, '四、结转下年度继续办理'), lineOf(base, '四、结转下年度继续办理')]);
    assert.deepEqual(only(baseDs, 'year-mismatch').map((d) => d.range.start.line), [lineOf(base, OPENING.slice(5))]);
    const viaCli = cliCodes(base);
    assert.equal(viaCli.code, 1);
    assert.deepEqual(viaCli.diagnostics.map((d) => d.code), baseDs.map((d) => d.code));
  });

  it('<!-- nianbao-disable-next-line <id> --> silences that rule on the next line only', () => {
    const md = insertBefore(base, OPENING.slice(5), '<!-- nianbao-disable-next-line year-mismatch -->');
    const ds = checkText(md, 'markdown').diagnostics;
    assert.deepEqual(only(ds, 'year-mismatch'), []);
    assert.equal(only(ds, 'table3-balance').length, 2, 'other rules and other lines are untouched');
    assert.deepEqual(cliCodes(md).diagnostics.map((d) => d.code), ds.map((d) => d.code));

    const other = insertBefore(base, OPENING.slice(5), '<!-- nianbao-disable-next-line table3-balance -->');
    assert.equal(only(checkText(other, 'markdown').diagnostics, 'year-mismatch').length, 1, 'a comment naming another rule silences nothing here');
    const any = insertBefore(base, OPENING.slice(5), '<!-- nianbao-disable-next-line -->');
    assert.deepEqual(only(checkText(any, 'markdown').diagnostics, 'year-mismatch'), [], 'no rule named: every rule');
  });

  it('<!-- nianbao-disable table3-balance --> … <!-- nianbao-enable table3-balance --> silences the rule in between', () => {
    let md = insertBefore(base, T3_HEADING, '<!-- nianbao-disable table3-balance -->\n');
    md = insertBefore(md, T4_HEADING, '<!-- nianbao-enable table3-balance -->\n');
    const ds = checkText(md, 'markdown').diagnostics;
    assert.deepEqual(only(ds, 'table3-balance'), []);
    assert.equal(only(ds, 'year-mismatch').length, 1, 'outside the region and for other rules nothing changes');
    const viaCli = cliCodes(md);
    assert.deepEqual(viaCli.diagnostics.map((d) => d.code), ds.map((d) => d.code));
    assert.equal(viaCli.code, ds.some((d) => d.severity === 'error') ? 1 : 0);

    // A region that ends before the table does not cover it.
    let early = insertBefore(base, T3_HEADING, '<!-- nianbao-disable table3-balance -->\n');
    early = insertBefore(early, T3_HEADING, '<!-- nianbao-enable table3-balance -->\n');
    assert.equal(only(checkText(early, 'markdown').diagnostics, 'table3-balance').length, 2);
  });

  it('<!-- nianbao-disable --> without ids silences every rule until <!-- nianbao-enable -->', () => {
    let md = insertBefore(base, T3_HEADING, '<!-- nianbao-disable -->\n');
    md = insertBefore(md, T4_HEADING, '<!-- nianbao-enable -->\n');
    const ds = checkText(md, 'markdown').diagnostics;
    const from = lineOf(md, '<!-- nianbao-disable -->');
    const to = lineOf(md, '<!-- nianbao-enable -->');
    assert.deepEqual(ds.filter((d) => d.range.start.line > from && d.range.start.line < to), []);
    assert.equal(only(ds, 'year-mismatch').length, 1);
    assert.deepEqual(cliCodes(md).diagnostics.map((d) => d.code), ds.map((d) => d.code));
  });
});
