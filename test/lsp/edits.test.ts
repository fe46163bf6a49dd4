// Issue 14 items 5, 8 and 10 through the real server: edits carry the document's version (a stale one is refused
// by the editor), a fix-all is one small edit per fix, "fix all of this rule" is computed only when chosen
// (codeAction/resolve, or a command for clients without resolve), and turning a rule off in the workspace
// starts from `.nianbao.json` as the editor has it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  CodeActionResolveRequest,
  ExecuteCommandRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../../core/src/index';
import { fixtureText, LspClient, uriFor, withTimeout } from './harness';

/** A report with the same fixable fault (a year left over from last year's report) in lines far apart. */
const manyFaults = () => fixtureText('rules/year-mismatch/fail-leftover-years.txt');

const editsOf = (edit: WorkspaceEdit | undefined, uri: string): { version: number | null; edits: TextEdit[] } => {
  const dc = edit?.documentChanges?.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  return dc ? { version: dc.textDocument.version, edits: dc.edits as TextEdit[] } : { version: null, edits: (edit?.changes?.[uri] ?? []) as TextEdit[] };
};

describe('a client with versioned edits and codeAction/resolve (as VS Code)', () => {
  let client: LspClient;
  const applied: ApplyWorkspaceEditParams[] = [];
  before(async () => {
    client = await LspClient.start({
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true }, applyEdit: true },
        textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
      },
    });
    client.conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      applied.push(p);
      return { applied: true };
    });
  });
  after(async () => {
    await client.shutdown();
  });

  const actions = async (uri: string, d: Diagnostic, only = ['quickfix']) =>
    ((await withTimeout(client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only } }), 'codeAction')) ?? []) as CodeAction[];

  test('a quick fix carries the version it was computed for; after a change it is stale', async () => {
    const uri = uriFor('edits/versioned.txt');
    const text = manyFaults();
    await client.open(uri, 'plaintext', text, 3);
    const ds = (await client.nextDiagnostics(uri, 3)).diagnostics;
    const d = ds.find((x) => x.code === 'year-mismatch')!;
    const fix = (await actions(uri, d)).find((a) => a.isPreferred && a.edit)!;
    const { version, edits } = editsOf(fix.edit, uri);
    assert.equal(version, 3, 'the edit names version 3');
    assert.ok(edits.length > 0);
    assert.equal(fix.edit!.changes, undefined, 'no unversioned changes');
    // A line typed above: the editor's document is now version 4, so it refuses an edit for version 3.
    await client.edit(uri, 4, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '新增一行。\n');
    await client.nextDiagnostics(uri, 4);
    const again = (await actions(uri, { ...d, range: { start: { line: d.range.start.line + 1, character: d.range.start.character }, end: { line: d.range.end.line + 1, character: d.range.end.character } } })).find((a) => a.isPreferred && a.edit);
    assert.equal(editsOf(again?.edit, uri).version, 4, 'offered again, for version 4');
    await client.close(uri);
  });

  test('"fix all of this rule" has no edit until resolved, and resolves to one small edit per fix', async () => {
    const uri = uriFor('edits/resolve.md');
    const text = fixtureText('rules/year-mismatch/fail-leftover-years.md');
    await client.open(uri, 'markdown', text, 1);
    const ds = (await client.nextDiagnostics(uri, 1)).diagnostics;
    const years = ds.filter((x) => x.code === 'year-mismatch');
    assert.ok(years.length > 2);
    const offered = await actions(uri, years[0]);
    const titles = offered.map((a) => a.title);
    const all = offered.find((a) => /所有 year-mismatch/.test(a.title))!;
    assert.ok(all, titles.join(' | '));
    assert.equal(all.edit, undefined, 'not computed up front');
    // The order: the fixes, then "fix all of this rule", then the actions that turn the rule off.
    assert.ok(titles.indexOf(all.title) > titles.findIndex((x) => !/禁用|关闭|所有/.test(x)));
    assert.ok(titles.indexOf(all.title) < titles.findIndex((x) => /禁用/.test(x)), titles.join(' | '));
    const resolved = await withTimeout(client.conn.sendRequest(CodeActionResolveRequest.type, all), 'codeAction/resolve');
    const { version, edits } = editsOf(resolved.edit, uri);
    assert.equal(version, 1);
    assert.ok(edits.length >= years.length - 1, `${edits.length} edits for ${years.length} problems`);
    for (const e of edits) assert.ok(e.range.end.line - e.range.start.line <= 1, `a small edit: ${JSON.stringify(e.range)}`);
    await client.change(uri, 2, [{ text: applyEdits(text, edits) }]);
    const left = (await client.nextDiagnostics(uri, 2)).diagnostics;
    assert.equal(left.filter((x) => x.code === 'year-mismatch').length, 0, 'all of them fixed');
    // Resolved for a version that is gone: no edit.
    const stale = await client.conn.sendRequest(CodeActionResolveRequest.type, all);
    assert.equal(stale.edit, undefined);
    await client.close(uri);
  });

  test('the quick-fix menu as VS Code orders it: the fix first, then "fix all of this rule", then the disable actions', async () => {
    const uri = uriFor('edits/order.md');
    await client.open(uri, 'markdown', fixtureText('rules/year-mismatch/fail-leftover-years.md'), 1);
    const d = (await client.nextDiagnostics(uri, 1)).diagnostics.find((x) => x.code === 'year-mismatch')!;
    const offered = await actions(uri, d);
    // VS Code (codeAction.ts, ManagedCodeActionSet) sorts, stably: actions naming a diagnostic before those that
    // do not, and among those the preferred first.
    const rank = (a: CodeAction) => (a.diagnostics?.length ? 0 : 2) + (a.isPreferred ? 0 : 1);
    const titles = [...offered].sort((a, b) => rank(a) - rank(b)).map((a) => a.title);
    const kind = (t: string) => (/禁用|关闭/.test(t) ? 'disable' : /所有 year-mismatch/.test(t) ? 'fixAll' : 'fix');
    const kinds = titles.map(kind);
    assert.equal(kinds[0], 'fix', titles.join(' | '));
    assert.ok(offered.find((a) => a.title === titles[0])!.isPreferred, 'the first is the preferred fix');
    assert.deepEqual([...new Set(kinds)], ['fix', 'fixAll', 'disable'], titles.join(' | '));
    assert.ok(kinds.lastIndexOf('fix') < kinds.indexOf('fixAll') && kinds.indexOf('fixAll') < kinds.indexOf('disable'), titles.join(' | '));
    await client.close(uri);
  });

  test('fix-all on save is one small edit per fix, never one edit over the lines between them', async () => {
    const uri = uriFor('edits/fixall.txt');
    const text = fixtureText('rules/table3-row-total/fail-granted-total.txt');
    await client.open(uri, 'plaintext', text, 1);
    const ds = (await client.nextDiagnostics(uri, 1)).diagnostics;
    const action = (await actions(uri, ds[0], ['source.fixAll']))[0];
    const { version, edits } = editsOf(action.edit, uri);
    assert.equal(version, 1);
    assert.ok(edits.length >= 1);
    for (const e of edits) assert.ok(e.range.end.line === e.range.start.line, `within one line: ${JSON.stringify(e)}`);
    await client.close(uri);
  });

  test('nianbao/configText: the rule turned off in the text as the editor has it, merged; broken JSON is left alone', async () => {
    const ask = (current: string | null, rule: string) => client.conn.sendRequest<string | null>('nianbao/configText', { current, rule });
    assert.deepEqual(JSON.parse((await ask(null, 'date-late'))!), { rules: { 'date-late': 'off' } });
    const unsaved = '{\n  "deadline": "03-31",\n  "rules": { "fee-statement-missing": "warning" }\n}';
    assert.deepEqual(JSON.parse((await ask(unsaved, 'date-late'))!), { deadline: '03-31', rules: { 'fee-statement-missing': 'warning', 'date-late': 'off' } });
    assert.equal(await ask('{ "rules": { "a": ', 'date-late'), null);
    assert.deepEqual(JSON.parse((await ask('\ufeff{}', 'date-late'))!), { rules: { 'date-late': 'off' } });
  });
});

describe('a client without resolve or versioned edits', () => {
  let client: LspClient;
  const applied: ApplyWorkspaceEditParams[] = [];
  before(async () => {
    client = await LspClient.start({ capabilities: { workspace: { applyEdit: true } } });
    client.conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      applied.push(p);
      return { applied: true };
    });
  });
  after(async () => {
    await client.shutdown();
  });

  test('"fix all of this rule" is a command that computes and applies the edit when run', async () => {
    const uri = uriFor('edits/command.txt');
    const text = manyFaults();
    await client.open(uri, 'plaintext', text, 1);
    const ds = (await client.nextDiagnostics(uri, 1)).diagnostics;
    const d = ds.find((x) => x.code === 'year-mismatch')!;
    const offered = ((await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) ?? []) as CodeAction[];
    const fix = offered.find((a) => a.isPreferred)!;
    assert.ok(fix.edit?.changes?.[uri], 'plain changes for a client without documentChanges');
    const all = offered.find((a) => /所有 year-mismatch/.test(a.title))!;
    assert.equal(all.edit, undefined);
    assert.ok(all.command);
    await client.conn.sendRequest(ExecuteCommandRequest.type, { command: all.command.command, arguments: all.command.arguments });
    assert.equal(applied.length, 1);
    const edits = (applied[0].edit.changes?.[uri] ?? []) as TextEdit[];
    await client.change(uri, 2, [{ text: applyEdits(text, edits) }]);
    assert.equal((await client.nextDiagnostics(uri, 2)).diagnostics.filter((x) => x.code === 'year-mismatch').length, 0);
    await client.close(uri);
  });
});
