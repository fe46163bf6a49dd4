// The Helix configuration of docs/editors.md. Helix cannot be installed where this project is tested (no
// Debian package, no npm package ships it), so it is not run: this test parses the block as TOML (Python's
// tomllib) and holds it to the schema Helix deserializes `languages.toml` into — in Helix 23.10, the first
// release with `[language-server.<name>]` and `language-servers`, and in its current source. Helix refuses a
// languages.toml with unknown keys, so only keys accepted by both are allowed here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { docBlock } from './docs';

/** `LanguageConfiguration` keys (kebab-case) that both Helix 23.10 and the current source accept. */
const LANGUAGE_KEYS = new Set([
  'name', 'language-id', 'scope', 'file-types', 'shebangs', 'roots', 'comment-token', 'text-width', 'soft-wrap',
  'auto-format', 'formatter', 'diagnostic-severity', 'grammar', 'injection-regex', 'language-servers', 'indent',
  'debugger', 'auto-pairs', 'rulers', 'workspace-lsp-roots',
]);
/** Required for a language Helix does not define itself (`roots` has a default only since after 23.10). */
const LANGUAGE_REQUIRED = ['name', 'scope', 'file-types', 'roots'];
/** `LanguageServerConfiguration` keys of Helix 23.10 (later versions add `required-root-patterns`). */
const SERVER_KEYS = new Set(['command', 'args', 'environment', 'config', 'timeout']);
/** Languages that Helix defines itself, which a user file may extend by name. */
const BUILT_IN = new Set(['markdown']);

type Toml = Record<string, unknown>;

/** The block parsed by Python's tomllib (a strict TOML 1.0 parser); null when python3 has no tomllib. */
function parseToml(text: string): { toml: Toml; error: string } | null {
  const py = 'import json, sys, tomllib; json.dump(tomllib.loads(sys.stdin.read()), sys.stdout)';
  const r = spawnSync('python3', ['-c', py], { input: text, encoding: 'utf8', timeout: 30_000 });
  if (r.error || (r.status !== 0 && /No module named 'tomllib'/.test(r.stderr))) return null;
  return r.status === 0 ? { toml: JSON.parse(r.stdout) as Toml, error: '' } : { toml: {}, error: r.stderr };
}

const block = docBlock('helix');
const parsed = parseToml(block.code);
const skip = parsed ? false : 'python3 with tomllib (Python 3.11+) is not available: the Helix block was not parsed';

const isObject = (x: unknown): x is Toml => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

describe('docs/editors.md: Helix languages.toml (schema only; Helix is not run)', { skip }, () => {
  const toml = parsed?.toml ?? {};
  const servers = (toml['language-server'] ?? {}) as Toml;
  const languages = (toml.language ?? []) as Toml[];

  test('valid TOML, with only `language-server` and `language` at the top', () => {
    assert.equal(block.lang, 'toml');
    assert.equal(parsed?.error, '', 'tomllib parses the block');
    assert.deepEqual(Object.keys(toml).sort(), ['language', 'language-server']);
    assert.ok(isObject(servers));
    assert.ok(Array.isArray(languages) && languages.every(isObject));
  });

  test('[language-server.nianbao] runs `nianbao lsp --stdio`, with initialization options and a `nianbao` section', () => {
    const s = servers.nianbao as Toml;
    assert.ok(isObject(s), '[language-server.nianbao]');
    for (const k of Object.keys(s)) assert.ok(SERVER_KEYS.has(k), `unknown language-server key \`${k}\``);
    assert.equal(s.command, 'nianbao');
    assert.deepEqual(s.args, ['lsp', '--stdio']);
    // `config` is sent as initializationOptions and answers workspace/configuration by section path.
    const config = s.config as Toml;
    assert.ok(isObject(config));
    assert.ok(config.locale === 'zh-cn' || config.locale === 'en', 'initializationOptions.locale');
    assert.ok(isObject(config.nianbao), 'the `nianbao` section');
    const section = config.nianbao as Toml;
    for (const k of Object.keys(section)) assert.ok(['validate', 'locale', 'deadline', 'rules'].includes(k), `unknown setting \`${k}\``);
    if (section.validate !== undefined) assert.ok(['auto', 'always', 'off'].includes(section.validate as string));
  });

  test('every [[language]] uses known keys, and every server it names is defined', () => {
    for (const l of languages) {
      for (const k of Object.keys(l)) assert.ok(LANGUAGE_KEYS.has(k), `[[language]] ${String(l.name)}: unknown key \`${k}\``);
      assert.equal(typeof l.name, 'string');
      if (!BUILT_IN.has(l.name as string)) for (const k of LANGUAGE_REQUIRED) assert.ok(k in l, `[[language]] ${String(l.name)}: \`${k}\` is required`);
      assert.ok(strings(l['language-servers']), `[[language]] ${String(l.name)}: language-servers is a list of names`);
      for (const name of l['language-servers'] as string[]) {
        if (name !== 'nianbao') continue;
        assert.ok(isObject(servers[name]), `server ${name} is defined`);
      }
    }
  });

  test('Markdown keeps a Markdown server and adds nianbao', () => {
    const md = languages.find((l) => l.name === 'markdown');
    assert.ok(md, '[[language]] name = "markdown"');
    assert.deepEqual(Object.keys(md).sort(), ['language-servers', 'name'], 'only the server list is changed');
    const list = md['language-servers'] as string[];
    assert.ok(list.includes('nianbao'));
    assert.ok(list.includes('marksman'), "Helix's default Markdown server is kept");
  });

  test('plain-text reports: a `nianbao` language for .txt, sent as plaintext, rooted at .nianbao.json', () => {
    const txt = languages.find((l) => l.name === 'nianbao');
    assert.ok(txt, '[[language]] name = "nianbao"');
    assert.equal(txt.scope, 'text.nianbao');
    assert.deepEqual(txt['file-types'], ['txt']);
    // Helix sends the language name as languageId unless `language-id` is set, and languageId "nianbao" makes
    // the server check every document; "plaintext" keeps its report detection.
    assert.equal(txt['language-id'], 'plaintext');
    assert.ok(strings(txt.roots) && txt.roots.includes('.nianbao.json'));
    assert.deepEqual(txt['language-servers'], ['nianbao']);
  });
});
