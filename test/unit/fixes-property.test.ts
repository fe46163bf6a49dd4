// Property test: on generated faulty reports, every offered fix removes its problem and adds none,
// and a single arithmetic fault always gets a fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, checkText, fixAll, fixesFor, ParsedDocument, positionMapper, type Diagnostic, type SourceFormat } from '../../core/src/index';
import { read, SEED_FILES, rng } from '../helpers';


const key = (d: Diagnostic) => `${d.code}: ${d.message}`;
/** A problem is its rule and its place (the figures in its message may move with other cells); a fix that changes a drafter's figure (fallback) must leave every other message as it was too. */
const place = (d: Diagnostic, at = d.range.start, strict = false) => `${d.code} ${at.line}:${at.character}${strict ? ` ${d.message}` : ''}`;

/** Replaces one value cell of a table (chosen at random) in the source text. */
function mutateCell(text: string, format: SourceFormat, r: () => number, kinds: string[], replacement: (old: string) => string): string {
  const report = checkText(text, format).report;
  const cells = report.tables.filter((t) => kinds.includes(t.kind)).flatMap((t) => t.rows.filter((x) => x.key).flatMap((x) => x.values));
  if (cells.length === 0) return text;
  const c = cells[Math.floor(r() * cells.length)];
  return applyEdits(text, [{ range: c.range, newText: replacement(c.raw) }]);
}

const MUTATIONS: ((t: string, f: SourceFormat, r: () => number) => string)[] = [
  (t, f, r) => mutateCell(t, f, r, ['t3'], () => String(Math.floor(r() * 9))),
  (t, f, r) => mutateCell(t, f, r, ['t4'], () => String(Math.floor(r() * 4))),
  (t, f, r) => mutateCell(t, f, r, ['t2', 't3', 't4'], () => (r() < 0.5 ? '/' : '—')),
  (t) => t.replace('本报告统计数据从 2024 年', '本报告统计数据从 2023 年'),
  (t) => t.replace('共收到政府信息公开申请 6 件', '共收到政府信息公开申请 9 件'),
  (t) => t.replace(/\n五、存在的主要问题及改进情况\n/, '\n'),
  (t) => t.replace('海原县西安镇人民政府 2024 年', '海原县西安镇人民政府'),
  (t) => t.replace(/\n\t\t\d\.属于行政查询事项[^\n]*\n/, '\n'),
  (t) => t.replace(/\n本机关 2024 年未收取信息处理费用。/, '\n'),
];

const ARITHMETIC = new Set(['table3-row-total', 'table3-results-total', 'table3-balance', 'table4-total']);

/** Every offered fix removes its problem and adds none; the safe fix-all (on save) adds none either. */
function checkFixes(text: string, format: SourceFormat, label: string): number {
  let offered = 0;
  const before = checkText(text, format).diagnostics;
  const doc = ParsedDocument.parse(text, format);
  for (const d of before) {
    for (const fix of fixesFor(doc, d, before)) {
      offered++;
      const fixed = applyEdits(text, fix.edits);
      const after = checkText(fixed, format).diagnostics;
      const moved = positionMapper(text, fix.edits, fixed);
      const target = place(d, moved(d.range.start));
      const n = (keys: string[]) => keys.filter((x) => x === target).length;
      assert.ok(n(after.map((x) => place(x))) < n(before.map((x) => place(x, moved(x.range.start)))), `${label}: “${fix.title}” leaves ${key(d)}`);
      const left = new Map<string, number>();
      for (const x of before) {
        const p = place(x, moved(x.range.start), fix.fallback);
        left.set(p, (left.get(p) ?? 0) + 1);
      }
      for (const x of after) {
        const p = place(x, x.range.start, fix.fallback);
        const c = left.get(p) ?? 0;
        if (c > 0) left.set(p, c - 1);
        else assert.ok(d.code === 'section-missing' && x.code === 'section-empty', `${label}: “${fix.title}” adds ${key(x)}`);
      }
    }
  }
  // Fix-all on save applies only safe fixes: no rule ends with more problems than it had (a fix-all that applied
  // every preferred fix, figures the drafter wrote included, would fail here).
  const saved = fixAll(text, format, {}, undefined, true);
  const count = (ds: Diagnostic[]) => ds.reduce((m, x) => m.set(x.code, (m.get(x.code) ?? 0) + 1), new Map<string, number>());
  const was = count(before);
  for (const [code, n] of count(checkText(saved, format).diagnostics)) {
    if (code === 'section-empty' && was.has('section-missing')) continue;
    assert.ok(n <= (was.get(code) ?? 0), `${label}: fix-all on save leaves ${n} ${code} (there were ${was.get(code) ?? 0})`);
  }
  const all = fixAll(text, format, {}, undefined, false);
  assert.equal(fixAll(all, format, {}, undefined, false), all, `${label}: fix-all converges`);
  return offered;
}

describe('every offered fix, on generated faulty reports', () => {
  const base = read('test/fixtures/rules/pass/filled-correct.txt');
  const CASES = Number(process.env.NIANBAO_FIX_CASES ?? 0) || 150;
  it(`${CASES} reports with one to three random faults`, { timeout: 300_000 }, () => {
    const r = rng(42);
    let offered = 0;
    let singleArithmetic = 0;
    const matched = MUTATIONS.map(() => 0);
    for (let k = 0; k < CASES; k++) {
      const faults = 1 + Math.floor(r() * 3);
      let text = base;
      for (let i = 0; i < faults; i++) {
        const m = Math.floor(r() * MUTATIONS.length);
        const next = MUTATIONS[m](text, 'text', r);
        if (next !== text) matched[m]++;
        text = next;
      }
      const before = checkText(text, 'text').diagnostics;
      const doc = ParsedDocument.parse(text, 'text');
      if (faults === 1 && before.length && before.every((x) => ARITHMETIC.has(x.code))) {
        singleArithmetic++;
        // One wrong number: at least one of its diagnostics gets a fix (a value changed in a total cell
        // breaks two identities; the row or the column it belongs to can always be repaired).
        assert.ok(before.some((x) => fixesFor(doc, x, before).length > 0), `case ${k}: no fix for ${before.map(key).join('; ')}`);
      }
      offered += checkFixes(text, 'text', `case ${k}`);
    }
    // Every mutation made its fault in some case (one that never matches tests nothing).
    matched.forEach((n, m) => assert.ok(n > 0, `mutation ${m} never changed the report`));
    assert.ok(offered > CASES, `${offered} fixes checked`);
    assert.ok(singleArithmetic > 5, `${singleArithmetic} single arithmetic faults`);
  });

  it('Markdown reports with random table faults', { timeout: 300_000 }, () => {
    const md = read(SEED_FILES[0].md);
    const r = rng(7);
    let offered = 0;
    for (let k = 0; k < 30; k++) {
      let text = md;
      for (let i = 0; i < 1 + Math.floor(r() * 2); i++) text = MUTATIONS[Math.floor(r() * 3)](text, 'markdown', r);
      offered += checkFixes(text, 'markdown', `markdown case ${k}`);
    }
    assert.ok(offered > 10, `${offered} fixes checked`);
  });
});
