import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, checkText, formatOf, ParsedDocument, RULES, type Report } from '../../core/src/index';
import { read, ROOT, RULE_FIXTURES, ruleFixtures, slice } from '../helpers';

const DIR = RULE_FIXTURES;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Golden {
  code: string;
  severity: string;
  range: string;
  /** The text the range covers. */
  text: string;
  message: string;
  en: string;
}

/** A `previous.txt` beside a fixture is last year's report of the same 机关 (cross-year rules). */
export function previousFor(file: string): Report | null {
  for (const ext of ['txt', 'md']) {
    const p = join(dirname(file), `previous.${ext}`);
    if (existsSync(p)) return analyze(ParsedDocument.parse(read(relative(ROOT, p)), formatOf(p)));
  }
  return null;
}

function golden(file: string): Golden[] {
  const rel = relative(ROOT, file);
  const text = read(rel);
  const previous = previousFor(file);
  // As the CLI checks a file named on its command line (then a document that is not a report says so).
  const zh = checkText(text, formatOf(file), { previous, explicit: true }).diagnostics;
  const en = checkText(text, formatOf(file), { locale: 'en', previous, explicit: true }).diagnostics;
  return zh.map((d, i) => ({
    code: d.code,
    severity: d.severity,
    range: `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
    text: slice(text, d.range),
    message: d.message,
    en: en[i].message,
  }));
}

const files = ruleFixtures(false);
const fired = new Map<string, number>();

describe('golden fixtures: document → expected diagnostics', () => {
  for (const file of files) {
    const rel = relative(DIR, file);
    it(rel, () => {
      const expectedPath = file.replace(/\.(txt|md)$/, '.$1.json');
      const actual = golden(file);
      for (const d of actual) fired.set(d.code, (fired.get(d.code) ?? 0) + 1);
      if (UPDATE || !existsSync(expectedPath)) {
        if (!UPDATE) assert.fail(`${rel}: no expected file; run with UPDATE_GOLDEN=1 and review ${relative(ROOT, expectedPath)}`);
        writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      }
      assert.deepEqual(actual, JSON.parse(read(relative(ROOT, expectedPath))));
      const [dir, name] = rel.split(/[\\/]/);
      if (dir === 'pass') {
        assert.deepEqual(actual.filter((d) => d.severity === 'error' || d.severity === 'warning'), [], `${rel} must raise no error or warning`);
      } else if (name.startsWith('pass-')) {
        assert.ok(!actual.some((d) => d.code === dir), `${rel} must not raise ${dir}`);
      } else {
        assert.ok(name.startsWith('fail-'), `${rel}: fixtures are named fail-* or pass-*`);
        assert.ok(actual.some((d) => d.code === dir), `${rel} must raise ${dir}`);
      }
    });
  }

  it('every rule has a failing fixture (a folder named by its id)', () => {
    const dirs = new Set(files.map((f) => relative(DIR, f).split(/[\\/]/)[0]));
    for (const rule of RULES) assert.ok(dirs.has(rule.id), `no fixture folder test/fixtures/rules/${rule.id}/`);
  });
});
