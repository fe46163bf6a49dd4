import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { checkText, formatOf, RULES } from '../../core/src/index';
import { read, ROOT, SEED_FILES, SHARED } from '../helpers';

// The spec's catalogue; a clone without shared/ beside it falls back to the ids and severities of docs/rules/README.md.
const CATALOGUE = SHARED ? readFileSync(join(SHARED, 'spec', 'rules.md'), 'utf8') : readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8').replace(/\| `([a-z0-9-]+)` \| [^|]*?（(\w+)）/g, '| `$1` | $2');
const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '信息', hint: '提示' };

describe('the rule catalogue', () => {
  it('implements every rule id of the spec (not-a-report is the CLI’s)', () => {
    const ids = [...CATALOGUE.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    assert.ok(ids.length >= 25);
    const have = new Set(RULES.map((r) => r.id));
    const pending = ids.filter((id) => !have.has(id));
    // Cross-year rules are added with the workspace support.
    assert.deepEqual(pending.filter((id) => !id.startsWith('cross-year') && id !== 'copied-from-previous'), []);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has its file named by its id', () => {
        assert.ok(existsSync(join(ROOT, 'core', 'src', 'rules', `${rule.id}.ts`)));
      });
      it('has a Chinese doc page with a failing and a fixed example and its default severity', () => {
        const page = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
        assert.ok(existsSync(page), `docs/rules/${rule.id}.md`);
        const text = readFileSync(page, 'utf8');
        assert.match(text, new RegExp(`^# ${rule.id}$`, 'm'));
        assert.match(text, /## 错误示例/);
        assert.match(text, /## 正确示例/);
        assert.match(text, new RegExp(`默认级别：${SEVERITY_ZH[rule.severity]}`));
      });
      it('has its severity as in the spec', () => {
        // A rule of the tables, or the CLI's note stated in prose: `not-a-report` (info) ….
        const row = new RegExp(`^\\| \`${rule.id}\` \\| (\\w+) \\|`, 'm').exec(CATALOGUE) ?? new RegExp(`\`${rule.id}\` \\((\\w+)\\)`).exec(CATALOGUE);
        if (row) {
          assert.equal(rule.severity, row[1]);
          return;
        }
        // A rule the spec does not name yet is an addition to the contract: announced in the changelog.
        assert.match(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`\`${rule.id}\``), `${rule.id}: not in rules.md, so listed in CHANGELOG.md as a new rule`);
      });
      it('has every message in Chinese and English with the same placeholders', () => {
        assert.ok(rule.docs.summary['zh-cn'] && rule.docs.summary.en);
        for (const [key, m] of Object.entries(rule.messages)) {
          assert.ok(m['zh-cn'].trim() && m.en.trim(), `${key}: both languages`);
          assert.match(m['zh-cn'], /[\u4e00-\u9fff]/, `${key}: zh-cn is Chinese`);
          // The same facts in both languages; only the English name ({en}) and the Chinese unit ({unit}) are language-specific.
          const ph = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]))].filter((p) => p !== 'en' && p !== 'unit').sort();
          assert.deepEqual(ph(m['zh-cn']), ph(m.en), `${key}: placeholders`);
        }
      });
      it('has fixtures that fire and that stay silent', () => {
        const dir = join(ROOT, 'test', 'fixtures', 'rules', rule.id);
        assert.ok(existsSync(dir), `test/fixtures/rules/${rule.id}/`);
        const files = readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f));
        assert.ok(files.some((f) => f.startsWith('fail-')), 'a fail-* fixture');
        // Silent: a pass-* fixture of its own, or the shared correct reports (checked below).
        const silent = [...files.filter((f) => f.startsWith('pass-')).map((f) => join(dir, f)), join(ROOT, 'test', 'fixtures', 'rules', 'pass', 'filled-correct.txt'), join(ROOT, SEED_FILES[0].txt)];
        for (const f of silent) {
          const diags = checkText(readFileSync(f, 'utf8'), formatOf(f)).diagnostics;
          assert.ok(!diags.some((d) => d.code === rule.id), `${f} must not raise ${rule.id}`);
        }
      });
    });
  }
});

/** What ../shared/seeds/README.md says a careful reviewer finds in each seed. */
const REVIEWER: Record<string, string[]> = {
  '000': [],
  '002': ['table-column-count', 'section-heading-variant'],
  '004': ['title-year-missing', 'narrative-arithmetic', 'template-outdated', ...Array(12).fill('table-column-count'), 'fee-statement-missing'],
};

describe('the shared seeds give exactly what the reviewer found', () => {
  for (const seed of SEED_FILES) {
    for (const file of [seed.txt, seed.md]) {
      it(`${file}`, () => {
        const diags = checkText(read(file), formatOf(file)).diagnostics;
        assert.deepEqual(diags.map((d) => d.code), REVIEWER[seed.id]);
      });
    }
  }

  it('004: each table-三 row with six numbers is flagged on that row, and no other row', () => {
    const text = read(SEED_FILES[2].txt);
    const lines = text.split('\n');
    const flagged = checkText(text, 'text').diagnostics.filter((d) => d.code === 'table-column-count').map((d) => d.range.start.line);
    const sixes = lines.map((l, i) => [l, i] as const).filter(([l]) => /\t/.test(l) && (l.match(/\t0(?=\t|$)/g) ?? []).length === 6 && /[\u4e00-\u9fff]/.test(l)).map(([, i]) => i);
    assert.deepEqual(flagged, sixes);
  });

  it('002: one table-column-count for the missing 总计 column, on the table', () => {
    const d = checkText(read(SEED_FILES[1].txt), 'text').diagnostics.find((x) => x.code === 'table-column-count')!;
    assert.match(d.message, /总计/);
    assert.equal(d.range.start.line, 53);
  });
});

describe('the rule tables of README.md and docs/rules/README.md', () => {
  it('are what scripts/gen-rule-tables.mjs makes of the rule files (run `npm run gen` when this fails)', async () => {
    const { outOfDate } = (await import(pathToFileURL(join(ROOT, 'scripts', 'gen-rule-tables.mjs')).href)) as { outOfDate(rules: typeof RULES): string[] };
    assert.deepEqual(outOfDate(RULES), []);
  });
});
