import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Range, Report, TableModel } from '../core/src/index';

export const ROOT = join(__dirname, '..');
/** The steering repo's shared/ folder: beside the clone (as in CI), else the workplace copy. */
export const SHARED = [join(ROOT, '..', 'shared'), '/work/shared'].find((p) => existsSync(join(p, 'spec', 'rules.md'))) ?? null;
export const SEEDS = SHARED ? join(SHARED, 'seeds') : join(ROOT, 'examples');

/** The three shared seeds, with the Markdown renderings written for them. */
export const SEED_FILES = [
  { id: '000', txt: 'examples/haiyuan-xian-2024.txt', md: 'test/fixtures/md/000.md' },
  { id: '002', txt: 'examples/pingluo-2024.txt', md: 'test/fixtures/md/002.md' },
  { id: '004', txt: 'examples/xibao-2023.txt', md: 'test/fixtures/md/004.md' },
] as const;

export function read(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}

/** The source text a range covers. */
export function slice(text: string, r: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  const parts = [lines[r.start.line].slice(r.start.character)];
  for (let l = r.start.line + 1; l < r.end.line; l++) parts.push(lines[l]);
  parts.push(lines[r.end.line].slice(0, r.end.character));
  return parts.join('\n');
}

/** A table as `key: v v v` lines (recognised rows only), for golden comparison across formats. */
export function tableLines(t: TableModel): string[] {
  return t.rows.filter((r) => r.key).map((r) => `${r.key}${r.inferred ? '?' : ''}: ${r.values.map((v) => (v.raw === '' ? '_' : v.raw.replace(/\s+/g, ''))).join(' ')}`);
}

export function tablesOf(report: Report): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of report.tables) out[t.kind] = tableLines(t);
  return out;
}

export const RULE_FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

/** The rule fixtures (documents, not their goldens, fixed texts or `previous.*`), optionally only `fail-*` ones. */
export function ruleFixtures(onlyFailing = false, dir = RULE_FIXTURES): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...ruleFixtures(onlyFailing, p));
    else if (/\.(txt|md)$/.test(name) && !/\.fixed\.(txt|md)$/.test(name) && !/^previous\.(txt|md)$/.test(name) && (!onlyFailing || name.startsWith('fail-'))) out.push(p);
  }
  return out;
}

/** A deterministic pseudo-random number generator (mulberry32): numbers in [0, 1). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A report whose 一 repeats a line naming last year n times: n more year-mismatch problems, each with a fix (linearity, latency). */
export function leftoverYears(n: number): string {
  const lines = read('test/fixtures/rules/year-mismatch/fail-leftover-years.txt').split('\n');
  const at = lines.findIndex((l) => l.startsWith('二、'));
  return [...lines.slice(0, at), ...Array.from({ length: n }, () => lines[4]), ...lines.slice(at)].join('\n');
}
