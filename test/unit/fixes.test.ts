import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, checkText, fixAll, fixesFor, formatOf, ParsedDocument, RULES, type Diagnostic, type Report } from '../../core/src/index';
import { read, ROOT, RULE_FIXTURES, ruleFixtures } from '../helpers';

const DIR = RULE_FIXTURES;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const key = (d: Diagnostic) => `${d.code}: ${d.message}`;
const shape = (r: Report) => r.tables.map((t) => `${t.kind}:${t.rows.filter((x) => x.key).length}`);

/** What a fix may leave behind besides solving its problem. */
function allowedNew(code: string, d: Diagnostic): boolean {
  // A section inserted by the fix is still empty, a title's 机关 still to be filled in: that is the drafter's to write.
  return (code === 'section-missing' && d.code === 'section-empty') || (code === 'title-missing' && d.code === 'placeholder-left');
}

const fixable = new Set<string>();

describe('quick fixes on every failing fixture', () => {
  for (const file of ruleFixtures(true)) {
    const rel = relative(DIR, file);
    const format = formatOf(file);
    const text = read(relative(ROOT, file));
    const doc = ParsedDocument.parse(text, format);
    const before = checkText(text, format).diagnostics;
    const beforeKeys = new Set(before.map(key));
    for (const d of before) {
      const fixes = fixesFor(doc, d, before);
      if (fixes.length === 0) continue;
      fixable.add(d.code);
      for (const fix of fixes) {
        it(`${rel}: “${fix.title}” for ${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1}`, () => {
          const fixed = applyEdits(text, fix.edits);
          assert.notEqual(fixed, text, 'the fix changes the document');
          const after = checkText(fixed, format).diagnostics;
          // The problem is gone …
          assert.ok(!after.some((x) => key(x) === key(d)) || after.filter((x) => key(x) === key(d)).length < before.filter((x) => key(x) === key(d)).length, `still there: ${key(d)}`);
          // … and nothing new appeared.
          const added = after.filter((x) => !beforeKeys.has(key(x)) && !allowedNew(d.code, x));
          assert.deepEqual(added.map(key), [], 'new diagnostics');
          // Only the edited lines changed; the parser still finds the same tables (rows are only ever added).
          const beforeShape = shape(checkText(text, format).report);
          const afterShape = shape(checkText(fixed, format).report);
          const kinds = (s: string[]) => s.map((x) => x.split(':')[0]);
          if (d.code !== 'table-missing' && d.code !== 'section-missing') assert.deepEqual(kinds(afterShape), kinds(beforeShape));
          for (const e of fix.edits) assert.ok(e.range.start.line <= e.range.end.line);
        });
      }
    }
    it(`${rel}: fix-all is idempotent and golden`, () => {
      const once = fixAll(text, format, {}, undefined, false);
      assert.equal(fixAll(once, format, {}, undefined, false), once, 'running fix-all again changes nothing');
      const safe = fixAll(text, format);
      assert.equal(fixAll(safe, format), safe);
      const golden = file.replace(/\.(txt|md)$/, '.fixed.$1');
      if (UPDATE || !existsSync(golden)) {
        if (!UPDATE) assert.fail(`no ${relative(ROOT, golden)}; run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(golden, once);
      }
      assert.equal(once, read(relative(ROOT, golden)));
    });
  }

  it('every fixable rule of the catalogue offers a fix on its fixtures', () => {
    const expected = ['title-missing', 'title-year-missing', 'section-missing', 'section-heading-variant', 'table-missing', 'table-row-missing', 'table-column-count', 'table-cell-blank', 'table-label-variant', 'table3-row-total', 'table3-results-total', 'table3-balance', 'table4-total', 'template-outdated', 'year-mismatch', 'text-table-mismatch', 'fee-statement-missing'];
    for (const id of expected) {
      assert.ok(RULES.some((r) => r.id === id && r.fix), `${id} declares a fix`);
      assert.ok(fixable.has(id), `${id} offered a fix on its fixtures`);
    }
  });
});
