// Generates the rule catalogue tables from the rule files (core/src/rules/*.ts: id, severity, docs.when, docs.fix),
// so that a rule's severity and description are stated once:
//   - README.md: the table under "What it checks" (English);
//   - docs/rules/README.md: the rule index (Chinese).
// Each table stands between `<!-- rules:begin -->` and `<!-- rules:end -->`. `--check` only tells (exit 1)
// whether they are out of date; test/unit/catalogue.test.ts fails when they are.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const TABLE_FILES = ['README.md', 'docs/rules/README.md'];
const BEGIN = '<!-- rules:begin -->';
const END = '<!-- rules:end -->';
const ZH = { error: '错误', warning: '警告', info: '信息', hint: '提示' };

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function tables(rules) {
  const en = ['| rule | default | fires when | quick fix |', '|---|---|---|---|'];
  for (const r of rules) en.push(`| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${cell(r.docs.when.en)} | ${r.docs.fix ? cell(r.docs.fix.en) : '—'} |`);
  const zh = ['| 规则 id | 默认级别 | 说明 | 详情 |', '|---|---|---|---|'];
  for (const r of rules) zh.push(`| \`${r.id}\` | ${ZH[r.severity]}（${r.severity}） | ${cell(r.docs.when['zh-cn'])} | [${r.id}.md](${r.id}.md) |`);
  return { 'README.md': en.join('\n'), 'docs/rules/README.md': zh.join('\n') };
}

/** The file's text with its table replaced; null when it has no markers. */
export function withTable(text, table) {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return null;
  return `${text.slice(0, a)}${BEGIN}\n${table}\n${text.slice(b)}`;
}

export function outOfDate(rules) {
  const t = tables(rules);
  return TABLE_FILES.filter((f) => {
    const text = readFileSync(join(ROOT, f), 'utf8');
    return withTable(text, t[f]) !== text;
  });
}

async function main() {
  const { tsImport } = await import('tsx/esm/api');
  const { RULES } = await tsImport(pathToFileURL(join(ROOT, 'core', 'src', 'rules', 'index.ts')).href, import.meta.url);
  if (process.argv.includes('--check')) {
    const stale = outOfDate(RULES);
    if (stale.length) {
      console.error(`out of date: ${stale.join(', ')}; run \`npm run gen\``);
      process.exit(1);
    }
    return;
  }
  const t = tables(RULES);
  for (const f of TABLE_FILES) {
    const text = readFileSync(join(ROOT, f), 'utf8');
    const next = withTable(text, t[f]);
    if (next === null) throw new Error(`${f} has no ${BEGIN} … ${END}`);
    writeFileSync(join(ROOT, f), next);
  }
  console.log(`wrote the rule tables of ${TABLE_FILES.join(', ')} for ${RULES.length} rules`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
