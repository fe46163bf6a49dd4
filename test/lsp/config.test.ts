// Settings change what the language server reports: `nianbao.*` answered over workspace/configuration (per
// document resource), and `.nianbao.json` at a workspace folder root (re-read on workspace/didChangeWatchedFiles;
// it wins over the settings). Run `npm run build` first.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DiagnosticSeverity,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  type ConfigurationItem,
  type Diagnostic,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { RULES_BY_ID } from '../../core/src/index';
import { fixtureText, LspClient, requireBuild, ROOT, uriFor } from './harness';

requireBuild();

const BROKEN = fixtureText('rules/table3-balance/fail-carry-next.txt'); // table3-balance ×2 (自然人, 总计)
const DATED = fixtureText('cross-year/hekou-2024.txt'); // correct, signed 2025 年 1 月 20 日
const only = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);
const severities = (ds: Diagnostic[], code: string) => only(ds, code).map((d) => d.severity);

/** Starts a server for a describe block (answering workspace/configuration with `answer`) and always stops it. */
function useServer(answer: (item: ConfigurationItem) => unknown, extra: Partial<Parameters<typeof LspClient.start>[0]> = {}): () => LspClient {
  let client: LspClient | undefined;
  before(async () => {
    client = await LspClient.start({ configuration: answer, capabilities: { workspace: { configuration: true, workspaceFolders: true } }, ...extra });
  });
  after(async () => {
    if (!client) return;
    const code = await client.shutdown();
    assert.equal(code, 0, `server exits with 0 (stderr: ${client.stderr.join('')})`);
  });
  return () => client!;
}

describe('settings over workspace/configuration', () => {
  let settings: Record<string, unknown> = {};
  /** Per resource: documents under `scoped/` get these instead. */
  let scoped: Record<string, unknown> | null = null;
  const server = useServer((item) => {
    if (item.section !== 'nianbao') return null;
    if (scoped && item.scopeUri?.includes('/scoped/')) return { debounceMs: 0, ...scoped };
    return { debounceMs: 0, ...settings };
  });

  test('nianbao.rules.<id>: off removes a rule; a severity replaces its default; validate: off clears everything', async () => {
    const c = server();
    const uri = uriFor('config/settings/broken.txt');
    await c.open(uri, 'plaintext', BROKEN, 1);
    assert.deepEqual(severities((await c.nextDiagnostics(uri, 1)).diagnostics, 'table3-balance'), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
    assert.ok(
      c.configurationRequests.some((items) => items.some((i) => i.section === 'nianbao' && i.scopeUri === uri)),
      'the settings were asked for the document’s own resource',
    );

    settings = { rules: { 'table3-balance': 'off' } };
    await c.changeConfiguration();
    const off = (await c.nextDiagnostics(uri, 1)).diagnostics;
    assert.deepEqual(only(off, 'table3-balance'), []);
    assert.ok(off.length > 0, 'the other rules still run');

    // VS Code reports rules nobody set as "" (no default): they keep their default.
    settings = { rules: { 'table3-balance': 'hint', 'table3-row-total': '', 'year-mismatch': null } };
    await c.changeConfiguration();
    assert.deepEqual(severities((await c.nextDiagnostics(uri, 1)).diagnostics, 'table3-balance'), [DiagnosticSeverity.Hint, DiagnosticSeverity.Hint]);

    settings = { validate: 'off' };
    await c.changeConfiguration();
    assert.deepEqual((await c.nextDiagnostics(uri, 1)).diagnostics, []);

    settings = {};
    await c.changeConfiguration();
    assert.equal(only((await c.nextDiagnostics(uri, 1)).diagnostics, 'table3-balance').length, 2);
  });

  test('settings are per resource: a document under another scope gets its own', async () => {
    const c = server();
    scoped = { rules: { 'table3-balance': 'off' } };
    const plain = uriFor('config/plain/broken.txt');
    const other = uriFor('config/scoped/broken.txt');
    await c.open(plain, 'plaintext', BROKEN, 1);
    await c.open(other, 'plaintext', BROKEN, 1);
    assert.equal(only((await c.nextDiagnostics(plain, 1)).diagnostics, 'table3-balance').length, 2);
    assert.deepEqual(only((await c.nextDiagnostics(other, 1)).diagnostics, 'table3-balance'), []);
    scoped = null;
  });

  test('nianbao.locale: en overrides a Chinese client; auto follows the client', async () => {
    const c = server();
    const uri = uriFor('config/locale/broken.txt');
    await c.open(uri, 'plaintext', BROKEN, 1);
    assert.match(String(only((await c.nextDiagnostics(uri, 1)).diagnostics, 'table3-balance')[0].message), /^表三“自然人”列/);
    settings = { locale: 'en' };
    await c.changeConfiguration();
    assert.match(String(only((await c.nextDiagnostics(uri, 1)).diagnostics, 'table3-balance')[0].message), /^Table 3, column "natural persons"/);
    settings = { locale: 'auto' };
    await c.changeConfiguration();
    assert.match(String(only((await c.nextDiagnostics(uri, 1)).diagnostics, 'table3-balance')[0].message), /^表三/);
    settings = {};
  });

  const dateLate = RULES_BY_ID.has('date-late');
  test('nianbao.deadline decides date-late', { skip: dateLate ? false : 'date-late is not registered yet' }, async () => {
    const c = server();
    const uri = uriFor('config/deadline/hekou-2024.txt');
    await c.open(uri, 'plaintext', DATED, 1);
    assert.deepEqual(only((await c.nextDiagnostics(uri, 1)).diagnostics, 'date-late'), [], 'signed 01-20, default deadline 01-31');
    settings = { deadline: '01-15' };
    await c.changeConfiguration();
    const late = only((await c.nextDiagnostics(uri, 1)).diagnostics, 'date-late');
    assert.equal(late.length, 1);
    assert.match(String(late[0].message), /2025 年 1 月 15 日/);
    settings = {};
  });
});

describe('nianbao.locale: zh-cn forces Chinese in an English VS Code', () => {
  const server = useServer((item) => (item.section === 'nianbao' ? { debounceMs: 0, locale: 'zh-cn' } : null), { initializationOptions: { locale: 'en' } });
  test('messages are Chinese', async () => {
    const c = server();
    const uri = uriFor('config/locale-zh/broken.txt');
    await c.open(uri, 'plaintext', BROKEN, 1);
    assert.match(String(only((await c.nextDiagnostics(uri, 1)).diagnostics, 'table3-balance')[0].message), /^表三“自然人”列/);
  });
});

describe('.nianbao.json at the workspace folder root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-lsp-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const folder = pathToFileURL(dir).href;
  const configFile = join(dir, '.nianbao.json');
  const configUri = pathToFileURL(configFile).href;
  const report = join(dir, 'reports', 'broken.txt');
  const uri = pathToFileURL(report).href;
  // The editor settings say "warning"; the file wins whenever it says something.
  const server = useServer((item) => (item.section === 'nianbao' ? { debounceMs: 0, rules: { 'table3-balance': 'warning' } } : null));
  const warnings: ShowMessageParams[] = [];

  async function changed(c: LspClient, type: FileChangeType = FileChangeType.Changed): Promise<Diagnostic[]> {
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type }] });
    return (await c.nextDiagnostics(uri, 1)).diagnostics;
  }

  test('is read when the folder is added, wins over the settings, and is re-read when it changes', async () => {
    const c = server();
    c.conn.onNotification(ShowMessageNotification.type, (p) => {
      if (p.type === MessageType.Warning) warnings.push(p);
    });
    writeFileSync(configFile, JSON.stringify({ $schema: 'https://example.invalid/nianbao.schema.json', rules: { 'table3-balance': 'off' } }));
    rmSync(join(dir, 'reports'), { recursive: true, force: true });
    mkdirSync(join(dir, 'reports'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'table3-balance', 'fail-carry-next.txt'), report);
    await c.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: folder, name: 'w' }], removed: [] } });
    await c.open(uri, 'plaintext', BROKEN, 1);
    const first = (await c.nextDiagnostics(uri, 1)).diagnostics;
    assert.deepEqual(only(first, 'table3-balance'), [], '.nianbao.json turns the rule off although the settings say warning');
    assert.ok(first.length > 0);

    writeFileSync(configFile, JSON.stringify({ rules: { 'table3-balance': 'info' } }));
    assert.deepEqual(severities(await changed(c), 'table3-balance'), [DiagnosticSeverity.Information, DiagnosticSeverity.Information]);

    writeFileSync(configFile, JSON.stringify({ validate: 'off' }));
    assert.deepEqual(await changed(c), []);

    unlinkSync(configFile);
    assert.deepEqual(severities(await changed(c, FileChangeType.Deleted), 'table3-balance'), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning], 'without the file the settings apply');
    assert.deepEqual(warnings, [], 'a good or missing file raises no warning');
  });

  test('a bad file is ignored with one warning per change, and never stops the server', async () => {
    const c = server();
    writeFileSync(configFile, '{ "rules": { "table3-balance": "off" ');
    const ds = await changed(c, FileChangeType.Created);
    assert.deepEqual(severities(ds, 'table3-balance'), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning], 'the settings apply');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /^Nianbao：配置文件 .*\.nianbao\.json 不是有效的 JSON，.*其中的设置暂不生效/);

    // The same content again (an editor saving without changes): no second warning.
    await changed(c);
    assert.equal(warnings.length, 1);

    // Unknown rule and bad deadline: the rest of the file applies, one warning naming the problems.
    writeFileSync(configFile, JSON.stringify({ rules: { 'table3-balance': 'hint', 'no-such-rule': 'off' }, deadline: '1-31' }));
    assert.deepEqual(severities(await changed(c), 'table3-balance'), [DiagnosticSeverity.Hint, DiagnosticSeverity.Hint]);
    assert.equal(warnings.length, 2);
    assert.match(warnings[1].message, /no-such-rule/);
    assert.match(warnings[1].message, /deadline/);

    // 100,000 unknown rules: one warning of ordinary length naming the first ten and counting the rest.
    const many: Record<string, string> = { 'table3-balance': 'hint' };
    for (let i = 0; i < 100_000; i++) many[`no-such-rule-${i}`] = 'off';
    writeFileSync(configFile, JSON.stringify({ rules: many }));
    assert.deepEqual(severities(await changed(c), 'table3-balance'), [DiagnosticSeverity.Hint, DiagnosticSeverity.Hint]);
    assert.equal(warnings.length, 3);
    assert.ok(warnings[2].message.length < 3000, `${warnings[2].message.length} characters`);
    assert.match(warnings[2].message, /no-such-rule-0\b.*；另有 99990 处$/);

    // A fixed file: no warning; the server is still answering.
    writeFileSync(configFile, JSON.stringify({ rules: {} }));
    assert.deepEqual(severities(await changed(c), 'table3-balance'), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
    assert.equal(warnings.length, 3);
    assert.ok(c.running);
    assert.ok(Array.isArray(await c.foldingRanges(uri)));
  });

  test('an empty or half-typed file is not reported while it is edited; saved half-typed, one warning in Chinese with where it breaks', async () => {
    const c = server();
    const before = warnings.length;
    // Just created (New File in the Explorer): empty on disk, nothing set, nothing said.
    writeFileSync(configFile, '');
    assert.deepEqual(severities(await changed(c, FileChangeType.Created), 'table3-balance'), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
    // Typed in the editor, unsaved (a generic client may even send it to the server): no diagnostics, no warning.
    await c.open(configUri, 'json', '{', 1);
    await c.change(configUri, 2, [{ text: '{\n  "rules": {\n    "table3-' }]);
    await c.change(configUri, 3, [{ text: '{\n  "rules": {\n    "table3-balance": ' }]);
    assert.deepEqual((await c.nextDiagnostics(configUri, 3)).diagnostics, []);
    assert.deepEqual(c.allDiagnostics(configUri).flatMap((p) => p.diagnostics), [], 'no diagnostics on the file being typed');
    assert.equal(warnings.length, before, 'nothing said while the file is being typed');
    await c.close(configUri);
    // Saved half-typed: one warning, in words a clerk reads (not JSON.parse's English).
    writeFileSync(configFile, '{\n  "rules": {\n    "table3-balance": "off"\n    "date-late": "off"\n  }\n}\n');
    await changed(c);
    assert.equal(warnings.length, before + 1);
    assert.match(warnings[before].message, /^Nianbao：配置文件 \.nianbao\.json 不是有效的 JSON，第 4 行第 5 列附近有误；/);
    assert.doesNotMatch(warnings[before].message, /[A-Za-z]{4,} (?:in|at|of) /, 'no English');
    writeFileSync(configFile, '{ "rules": { "table3-balance": ');
    await changed(c);
    assert.match(warnings[before + 1].message, /内容不完整/);
    unlinkSync(configFile);
    await changed(c, FileChangeType.Deleted);
  });

  const dateLate = RULES_BY_ID.has('date-late');
  test('its deadline decides date-late', { skip: dateLate ? false : 'date-late is not registered yet' }, async () => {
    const c = server();
    const dated = join(dir, 'reports', 'hekou-2024.txt');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'cross-year', 'hekou-2024.txt'), dated);
    const datedUri = pathToFileURL(dated).href;
    await c.open(datedUri, 'plaintext', DATED, 1);
    assert.deepEqual(only((await c.nextDiagnostics(datedUri, 1)).diagnostics, 'date-late'), []);
    writeFileSync(configFile, JSON.stringify({ deadline: '01-10' }));
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    const late = only((await c.nextDiagnostics(datedUri, 1)).diagnostics, 'date-late');
    assert.equal(late.length, 1);
    assert.match(String(late[0].message), /2025 年 1 月 10 日/);
  });
});
