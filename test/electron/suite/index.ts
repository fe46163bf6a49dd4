// The end-to-end scenarios of test/e2e/editor.e2e.ts through the VS Code API, run inside a desktop VS Code's
// extension host by @vscode/test-electron (test/electron/run.ts bundles this file with esbuild; `run` is the
// entry point VS Code calls). The extension under test is the repository's (dist/), started as VS Code
// starts any extension. The expected problems come from the same engine the CLI uses (core/), run on the
// same text.
//
// The workspace (made by run.ts) has one folder per scenario and `"nianbao.locale": "zh-cn"`.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { checkText } from '../../../core/src/index';
import {
  BALANCED_LENS, BALANCED_REPORT, CORRECT_SEED, DISABLE_RULE_CONFIG_ON_DISK, DRAFT, newRequestsRow, replaceAt, SEEDS_WITH_PROBLEMS, setTotalFixTitle, totalExplanation,
} from '../../e2e/scenarios';

const TIMEOUT_MS = 30_000;

async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Problem { code: string; severity: string; message: string; line: number; character: number }

const SEVERITY: Record<number, string> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'hint' };
const key = (p: Problem): string => `${p.line}:${p.character} ${p.severity} ${p.code} ${p.message}`;
const sorted = (ps: Problem[]): string[] => ps.map(key).sort();

/** What VS Code holds for `uri` (the Problems panel's source). */
function shown(uri: vscode.Uri): Problem[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'nianbao').map((d) => ({
    code: String(typeof d.code === 'object' ? d.code.value : d.code),
    severity: SEVERITY[d.severity],
    message: d.message,
    line: d.range.start.line,
    character: d.range.start.character,
  }));
}

/** What the engine finds in `text` (as `nianbao check --locale zh-cn` would). */
function expected(text: string, markdown: boolean): Problem[] {
  return checkText(text, markdown ? 'markdown' : 'text', { locale: 'zh-cn' }).diagnostics.map((d) => ({
    code: d.code, severity: d.severity, message: d.message, line: d.range.start.line, character: d.range.start.character,
  }));
}

async function expectProblems(uri: vscode.Uri, want: Problem[], what: string): Promise<void> {
  try {
    await waitFor(`the problems of ${what}`, () => JSON.stringify(sorted(shown(uri))) === JSON.stringify(sorted(want)));
  } catch (err) {
    assert.deepEqual(sorted(shown(uri)), sorted(want), `${String(err)}`);
  }
}

async function expectNoProblemsFor(uri: vscode.Uri, ms = 1000): Promise<void> {
  await waitFor('no problems', () => shown(uri).length === 0);
  const until = Date.now() + ms;
  while (Date.now() < until) {
    assert.deepEqual(shown(uri).map(key), [], 'a problem appeared');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function folderUri(...parts: string[]): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'the test workspace is open');
  return vscode.Uri.joinPath(root, ...parts);
}

/** Opens a file in an editor; for a plain-text report, waits until it has switched to the Nianbao language. */
async function open(uri: vscode.Uri, languageId: string): Promise<vscode.TextEditor> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return waitFor(`${uri.path} in the ${languageId} language`, () => {
    const editor = vscode.window.activeTextEditor;
    return editor && editor.document.uri.toString() === uri.toString() && editor.document.languageId === languageId ? editor : undefined;
  });
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
  return (lenses ?? []).map((l) => l.command?.title ?? '').filter((t) => t.startsWith('勾稽关系'));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n').replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1');
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// ---------------------------------------------------------------------------------------------------

const scenarios: [string, () => Promise<void>][] = [];

for (const seed of SEEDS_WITH_PROBLEMS) {
  const name = `seed-${seed.replace(/\.txt$/, '')}`;
  scenarios.push([`${name}: opening a shared seed switches it to Nianbao, outlines the six sections and reports exactly the engine's problems`, async () => {
    const uri = folderUri(name, seed);
    const editor = await open(uri, 'nianbao');
    const want = expected(editor.document.getText(), false).filter((p) => p.severity !== 'hint');
    assert.ok(want.length > 0);
    await expectProblems(uri, want, seed);
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return s?.length ? s : undefined;
    });
    const sections = symbols.filter((s) => s.kind === vscode.SymbolKind.Module).map((s) => s.name);
    assert.deepEqual(sections.map((s) => s.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、'], sections.join(' | '));
  }]);
}

scenarios.push(['correct-report: a correct report has no problem and balanced tables', async () => {
  const uri = folderUri('correct-report', CORRECT_SEED);
  await open(uri, 'nianbao');
  const lenses = await waitFor('the table code lenses', async () => { const t = await lensTitles(uri); return t.length ? t : undefined; });
  assert.ok(lenses.length >= 2 && lenses.every((t) => t === BALANCED_LENS), lenses.join(' | '));
  await expectNoProblemsFor(uri);
}]);

scenarios.push(['break-total: a total broken by an edit is reported within a second; its quick fix puts the sum back', async () => {
  const uri = folderUri('break-total', BALANCED_REPORT);
  const editor = await open(uri, 'nianbao');
  const original = editor.document.getText();
  await waitFor('the table code lenses', async () => (await lensTitles(uri)).length > 0);
  await expectNoProblemsFor(uri, 0);

  const { total, numbers, sum } = newRequestsRow(original);
  assert.equal(numbers[6], sum);
  const cell = new vscode.Range(total.line - 1, total.column - 1, total.line - 1, total.column - 1 + total.text.length);
  const wrong = String(sum + 2);
  const editedAt = Date.now();
  assert.ok(await editor.edit((b) => b.replace(cell, wrong)));
  await waitFor('table3-row-total', () => shown(uri).some((p) => p.code === 'table3-row-total'), 5000);
  const latency = Date.now() - editedAt;
  assert.ok(latency < 1000, `the problem appeared after ${latency} ms (must be within a second)`);
  await expectProblems(uri, expected(replaceAt(original, total, wrong), false), 'the broken total');

  const wrongCell = new vscode.Range(cell.start, cell.start.translate(0, wrong.length));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, wrongCell, vscode.CodeActionKind.QuickFix.value);
  const fix = (actions ?? []).find((a) => a.title === setTotalFixTitle(sum));
  assert.ok(fix?.edit, `a quick fix "${setTotalFixTitle(sum)}" among: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
  assert.equal(fix.isPreferred, true, 'it is the preferred fix');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await expectNoProblemsFor(uri);
  assert.equal(editor.document.getText(), original, 'the 总计 cell holds the sum again');
  assert.ok(await editor.document.save());
  await closeAll();
}]);

scenarios.push(['insert-table: "insert table 三" in the empty section 三 of a Markdown draft inserts the table, which raises no problem', async () => {
  const uri = folderUri('insert-table', DRAFT);
  const editor = await open(uri, 'markdown');
  const draft = editor.document.getText();
  const before = expected(draft, true);
  await expectProblems(uri, before, 'the draft');
  assert.deepEqual(before.map((p) => p.code).sort(), ['section-empty', 'table-missing']);

  const heading = draft.split('\n').findIndex((l) => l.startsWith('## 三、'));
  const at = new vscode.Position(heading + 1, 0); // the empty line under the heading
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('nianbao.insertTable3');
  await expectNoProblemsFor(uri);
  const lines = editor.document.getText().split('\n');
  const end = lines.findIndex((l) => l.startsWith('## 四、'));
  const table = lines.slice(heading + 1, end).filter((l) => l.startsWith('|'));
  assert.ok(table.length >= 25 && table.some((l) => l.includes('一、本年新收政府信息公开申请数量')), lines.slice(heading, end).join('\n'));
  assert.deepEqual(expected(editor.document.getText(), true), []);
  assert.ok(await editor.document.save());
  await closeAll();
}]);

scenarios.push(['hover-total: the hover on a table-三 总计 explains what it should be', async () => {
  const uri = folderUri('hover-total', BALANCED_REPORT);
  const editor = await open(uri, 'nianbao');
  const original = editor.document.getText();
  await waitFor('the table code lenses', async () => (await lensTitles(uri)).length > 0);
  const { total, numbers, sum } = newRequestsRow(original);
  const at = new vscode.Position(total.line - 1, total.column - 1);
  const explanation = totalExplanation(numbers);
  let text = await waitFor('the explanation', async () => { const t = await hoverText(uri, at); return t.includes('应等于') ? t : undefined; });
  assert.ok(text.includes(`${explanation} ✓`), text);

  const wrong = sum + 2;
  assert.ok(await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, total.text.length)), String(wrong))));
  text = await waitFor('the new explanation', async () => { const t = await hoverText(uri, at); return t.includes(`（现为 ${wrong}）`) ? t : undefined; });
  assert.ok(text.includes(`${explanation}（现为 ${wrong}）`), text);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await closeAll();
}]);

// Last: it turns a rule off in the workspace's `.nianbao.json` (put back at the end).
scenarios.push(['disable-rule: 在工作区中关闭规则 edits .nianbao.json as it is open in the editor (unsaved changes kept), saves it, and the problems go', async () => {
  const config = folderUri('.nianbao.json');
  const configEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
  // An unsaved change the user is making: it must survive (the server used to compute the edit from the disk).
  const unsaved = '{\n  "deadline": "01-31",\n  "validate": "auto"\n}\n';
  assert.ok(await configEditor.edit((b) => b.replace(new vscode.Range(0, 0, configEditor.document.lineCount, 0), unsaved)));
  assert.ok(configEditor.document.isDirty);
  const uri = folderUri('disable-rule', SEEDS_WITH_PROBLEMS[0]);
  await open(uri, 'nianbao');
  const rule = 'template-outdated';
  const problem = await waitFor(`a ${rule} problem`, () => shown(uri).find((p) => p.code === rule));
  const range = new vscode.Range(problem.line, problem.character, problem.line, problem.character + 1);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  const titles = (actions ?? []).map((a) => a.title);
  const off = (actions ?? []).find((a) => a.title.startsWith(`在工作区中关闭规则 ${rule}`));
  assert.ok(off?.command, titles.join(' | '));
  await vscode.commands.executeCommand(off.command.command, ...(off.command.arguments ?? []));
  const doc = await vscode.workspace.openTextDocument(config);
  await waitFor('.nianbao.json saved', () => !doc.isDirty);
  assert.deepEqual(JSON.parse(doc.getText()), { deadline: '01-31', validate: 'auto', rules: { [rule]: 'off' } });
  assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(config)), doc.getText(), 'what the editor shows is on disk');
  await waitFor(`no ${rule} problem`, () => !shown(uri).some((p) => p.code === rule));
  // Put the workspace back as it was.
  await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(DISABLE_RULE_CONFIG_ON_DISK));
  await closeAll();
}]);

/** Prints a line (VS Code's test runner shows the extension host's console); also to $NIANBAO_API_SUITE_LOG if set. */
function say(line: string): void {
  console.log(line);
  if (process.env.NIANBAO_API_SUITE_LOG) appendFileSync(process.env.NIANBAO_API_SUITE_LOG, `${line}\n`);
}

/** Called by VS Code's test runner: runs every scenario, prints a TAP-like line for each and a summary. */
export async function run(): Promise<void> {
  // The extension activates itself (onLanguage) as the first report opens.
  const nianbao = vscode.extensions.getExtension('nianbao.nianbao');
  assert.ok(nianbao, 'the Nianbao extension is installed');
  say(`Nianbao ${nianbao.packageJSON.version} (${nianbao.extensionPath}) in VS Code ${vscode.version}`);
  let passed = 0;
  const failures: string[] = [];
  for (const [name, scenario] of scenarios) {
    const t0 = Date.now();
    try {
      await scenario();
      passed++;
      say(`ok ${passed + failures.length} - ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failures.push(name);
      say(`not ok ${passed + failures.length} - ${name} (${Date.now() - t0} ms)\n  ${(err instanceof Error ? err.stack ?? err.message : String(err)).replace(/\n/g, '\n  ')}`);
      await closeAll().catch(() => undefined);
    }
  }
  say(`\n${passed} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} of ${scenarios.length} scenarios failed: ${failures.join('; ')}`);
}
