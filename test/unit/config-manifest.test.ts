// The settings VS Code offers (package.json), their texts (package.nls*.json) and the `.nianbao.json` schema
// must match the rules registered in core. When a rule is added, this fails until `npm run gen` is run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BINARY_KINDS, CONFIG_FILE, CONFIGURABLE_RULES, FORMATS, readConfig, RULES } from '../../core/src/index';
import { ROOT } from '../helpers';

const json = (rel: string) => JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));
const pkg = json('package.json');
const nls = json('package.nls.json');
const nlsZh = json('package.nls.zh-cn.json');
const schema = json('schemas/nianbao.schema.json');
/** The Settings UI's groups (检查, 规则, 高级) and their settings, all together. */
const groups: { id: string; title: string; order: number; properties: Record<string, Record<string, unknown>> }[] = pkg.contributes.configuration;
const props: Record<string, Record<string, unknown>> = Object.assign({}, ...groups.map((g) => g.properties));
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];
const ids = CONFIGURABLE_RULES.map((r) => r.id);
const trim = (s: string) => s.replace(/[。.]\s*$/, '');

/** The generator, loaded at run time (a plain .mjs script). */
async function generator(): Promise<{ outOfDate(rules: typeof RULES, formats: typeof FORMATS, binaryKinds: typeof BINARY_KINDS): string[]; FILES: Record<string, string> }> {
  return import(pathToFileURL(join(ROOT, 'scripts', 'gen-manifest.mjs')).href);
}

describe('package.json, package.nls*.json and schemas/nianbao.schema.json follow RULES', () => {
  it('are what scripts/gen-manifest.mjs makes of the registered rules (run `npm run gen` when this fails)', async () => {
    const { outOfDate, FILES } = await generator();
    const stale = outOfDate(CONFIGURABLE_RULES, FORMATS, BINARY_KINDS);
    assert.deepEqual(stale.map((k) => FILES[k]), [], 'out of date: run `npm run gen`');
  });

  it('one nianbao.rules.<id> setting per rule: a severity or off, its default the rule’s own, described by the rule’s zh/en summary', () => {
    const ruleProps = Object.keys(props).filter((k) => k.startsWith('nianbao.rules.'));
    assert.deepEqual(ruleProps, ids.map((id) => `nianbao.rules.${id}`));
    assert.ok(!ids.includes('not-a-report'));
    for (const r of CONFIGURABLE_RULES) {
      const p = props[`nianbao.rules.${r.id}`];
      assert.deepEqual(p.enum, SEVERITIES);
      assert.equal(p.default, r.severity, `${r.id}: the Settings UI shows the rule's own severity as the default`);
      const key = String(p.markdownDescription).replace(/^%|%$/g, '');
      assert.ok(String(nls[key]).startsWith(`**${trim(r.docs.summary.en)}**`), `${key} (en)`);
      assert.ok(String(nlsZh[key]).startsWith(`**${trim(r.docs.summary['zh-cn'])}**`), `${key} (zh-cn)`);
      assert.match(String(nls[key]), new RegExp(`Default: ${r.severity}\\.$`));
    }
  });

  it('nianbao.deadline, nianbao.locale, nianbao.debounceMs and nianbao.validate', () => {
    assert.equal(props['nianbao.deadline'].default, '01-31');
    const pattern = new RegExp(String(props['nianbao.deadline'].pattern));
    for (const ok of ['01-31', '03-31', '12-01']) assert.match(ok, pattern);
    for (const bad of ['1-31', '13-01', '01-32', '0131', '']) assert.doesNotMatch(bad, pattern);
    assert.deepEqual(props['nianbao.locale'].enum, ['auto', 'zh-cn', 'en']);
    assert.equal(props['nianbao.locale'].default, 'auto');
    assert.equal(props['nianbao.debounceMs'].default, 120);
    assert.equal(props['nianbao.debounceMs'].minimum, 0);
    assert.deepEqual(props['nianbao.validate'].enum, ['auto', 'always', 'off']);
  });

  it('every %key% in package.json has an English and a Chinese text', () => {
    const keys = [...JSON.stringify(pkg.contributes).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > ids.length);
    for (const k of keys) {
      assert.equal(typeof nls[k], 'string', `package.nls.json lacks ${k}`);
      assert.equal(typeof nlsZh[k], 'string', `package.nls.zh-cn.json lacks ${k}`);
    }
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort(), 'both languages have the same keys');
  });

  it('the schema (draft-07) is associated with .nianbao.json and describes exactly what readConfig accepts', () => {
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: CONFIG_FILE, url: './schemas/nianbao.schema.json' }]);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'deadline', 'rules', 'validate']);
    assert.equal(schema.properties.rules.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties.rules.properties), ids);
    for (const id of ids) assert.deepEqual(schema.properties.rules.properties[id].enum, SEVERITIES);
    assert.deepEqual(schema.properties.validate.enum, ['auto', 'always', 'off']);
    assert.equal(schema.properties.deadline.pattern, props['nianbao.deadline'].pattern);

    // What the schema allows, readConfig accepts without a problem; what it rejects, readConfig reports.
    const known = new Set(ids);
    const good = { $schema: './schemas/nianbao.schema.json', rules: Object.fromEntries(ids.map((id, i) => [id, SEVERITIES[i % 5]])), deadline: '03-31', validate: 'always' };
    assert.deepEqual(readConfig(good, known).problems, []);
    const pattern = new RegExp(schema.properties.deadline.pattern);
    for (const [bad, schemaRejects] of [
      [{ rules: { 'no-such-rule': 'off' } }, !('no-such-rule' in schema.properties.rules.properties)],
      [{ rules: { [ids[0]]: 'fatal' } }, !schema.properties.rules.properties[ids[0]].enum.includes('fatal')],
      [{ deadline: '1-31' }, !pattern.test('1-31')],
      [{ validate: 'sometimes' }, !schema.properties.validate.enum.includes('sometimes')],
      [{ debounceMs: 5 }, !('debounceMs' in schema.properties)],
    ] as const) {
      assert.ok(schemaRejects, `the schema rejects ${JSON.stringify(bad)}`);
      assert.ok(readConfig(bad, known).problems.length > 0, `readConfig reports ${JSON.stringify(bad)}`);
    }
  });
});

/** The text of a `%key%` in one language's package.nls file. */
const text = (v: unknown, lang: Record<string, string>) => lang[String(v).replace(/^%|%$/g, '')];

describe('the Settings UI speaks to a clerk', () => {
  it('every rule setting labels its severities with one Chinese word each (信息 for info, 提示 for hint), in English too', () => {
    const zh = ['错误', '警告', '信息', '提示', '关闭'];
    const en = ['Error', 'Warning', 'Information', 'Hint', 'Off'];
    for (const id of ids) {
      const labels = props[`nianbao.rules.${id}`].enumItemLabels as string[];
      assert.ok(Array.isArray(labels), `nianbao.rules.${id} has enumItemLabels`);
      assert.deepEqual(labels.map((l) => text(l, nlsZh)), zh, id);
      assert.deepEqual(labels.map((l) => text(l, nls)), en, id);
    }
  });

  it('the settings are in three titled groups; every description starts with the setting’s name in bold', () => {
    assert.deepEqual(groups.map((g) => text(g.title, nlsZh)), ['检查', '规则级别', '高级']);
    assert.deepEqual(groups.map((g) => g.order), [1, 2, 3]);
    assert.ok(Object.keys(groups[1].properties).every((k) => k.startsWith('nianbao.rules.')));
    for (const [key, p] of Object.entries(props)) {
      assert.equal(p.description, undefined, `${key}: markdownDescription only`);
      assert.match(String(text(p.markdownDescription, nlsZh)), /^\*\*[^*]+\*\*/, `${key} (zh-cn)`);
      assert.match(String(text(p.markdownDescription, nls)), /^\*\*[^*]+\*\*/, `${key} (en)`);
      if (Array.isArray(p.enum) && key !== 'nianbao.locale') assert.equal((p.enumItemLabels as string[] | undefined)?.length, p.enum.length, `${key}: a label per value`);
    }
    assert.match(String(text(props['nianbao.debounceMs'].markdownDescription, nlsZh)), /^\*\*检查延迟（毫秒）\*\*/);
  });
});

describe('the command palette: every command is found by typing 年报', () => {
  const commands: { command: string; title: string; category?: string }[] = pkg.contributes.commands;

  it('every command has the category 年报 (in both languages) and a Chinese title', () => {
    assert.ok(commands.length >= 10);
    for (const c of commands) {
      assert.equal(text(c.category, nlsZh), '年报', `${c.command}: category (zh-cn)`);
      assert.equal(text(c.category, nls), '年报', `${c.command}: category (en)`);
      const zh = text(c.title, nlsZh);
      assert.match(String(zh), /[\u4e00-\u9fff]/, `${c.command}: a Chinese title (${zh})`);
      assert.notEqual(text(c.title, nls), zh, `${c.command}: an English title in package.nls.json`);
    }
    for (const id of ['nianbao.fixAll', 'nianbao.checkWorkspace', 'nianbao.newReport', 'nianbao.showRules', 'nianbao.showStatus', 'nianbao.openSettings']) {
      assert.ok(commands.some((c) => c.command === id), `${id} is contributed`);
    }
  });

  it('the display name and description are Chinese first, with English', () => {
    assert.equal(pkg.displayName, '年报检查 Nianbao');
    assert.match(pkg.description, /^检查政府信息公开工作年度报告.*Checks Chinese government/);
    assert.equal(pkg.name, 'nianbao');
    assert.equal(pkg.publisher, 'nianbao');
  });
});
