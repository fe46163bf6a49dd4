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
const props: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;
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

  it('one nianbao.rules.<id> setting per rule: a severity or off, no default, described by the rule’s zh/en summary', () => {
    const ruleProps = Object.keys(props).filter((k) => k.startsWith('nianbao.rules.'));
    assert.deepEqual(ruleProps, ids.map((id) => `nianbao.rules.${id}`));
    assert.ok(!ids.includes('not-a-report'));
    for (const r of CONFIGURABLE_RULES) {
      const p = props[`nianbao.rules.${r.id}`];
      assert.deepEqual(p.enum, SEVERITIES);
      assert.equal('default' in p, false, `${r.id} has no default: the rule's own severity applies`);
      const key = String(p.description).replace(/^%|%$/g, '');
      assert.ok(String(nls[key]).startsWith(trim(r.docs.summary.en)), `${key} (en)`);
      assert.ok(String(nlsZh[key]).startsWith(trim(r.docs.summary['zh-cn'])), `${key} (zh-cn)`);
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
