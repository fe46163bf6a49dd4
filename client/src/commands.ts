import * as vscode from 'vscode';
// The platform-neutral API: shared by the desktop and the web clients.
import { ExecuteCommandRequest, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

type TableKind = 't2' | 't3' | 't4';

async function template(client: LanguageClient, kind: TableKind | 'report', uri: string, arg: Record<string, unknown> = {}): Promise<string | null> {
  const text = await client.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.template', arguments: [kind, uri, arg] });
  return typeof text === 'string' ? text : null;
}

/** Inserts a standard table on its own lines at the cursor. */
async function insertTable(client: LanguageClient, kind: TableKind): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a report first.'));
    return;
  }
  const doc = editor.document;
  const text = await template(client, kind, doc.uri.toString(), { markdown: doc.languageId === 'markdown' || doc.uri.path.endsWith('.md') });
  if (!text) return;
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const line = doc.lineAt(editor.selection.active.line);
  const before = line.lineNumber > 0 && !doc.lineAt(line.lineNumber - 1).isEmptyOrWhitespace ? eol : '';
  if (line.isEmptyOrWhitespace) {
    const after = line.lineNumber + 1 < doc.lineCount && !doc.lineAt(line.lineNumber + 1).isEmptyOrWhitespace ? eol : '';
    await editor.edit((b) => b.replace(line.range, before + text + after));
  } else {
    await editor.edit((b) => b.insert(line.range.end, eol + eol + text + eol));
  }
}

/** Characters a file name cannot hold on some system. */
const NOT_IN_NAMES = /[\\/:*?"<>|]/g;

/**
 * *新建年度报告*: asks for the year, the 机关 and the form, where to save it (a `.txt` or `.md` file), and
 * writes the report there; when last year's report of the same 机关 is in the workspace, the server carries
 * its figures over and this says from which file.
 */
async function newReport(client: LanguageClient): Promise<void> {
  const title = vscode.l10n.t('New annual report');
  const last = new Date().getFullYear() - 1;
  const years = [last, last + 1, last - 1].map((y) => ({ label: String(y), description: y === last ? vscode.l10n.t('the year just ended') : undefined, year: y }));
  const pickedYear = await vscode.window.showQuickPick(years, { title, placeHolder: vscode.l10n.t('Report year') });
  if (!pickedYear) return;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Name of the government body (机关名称)'),
    placeHolder: '某某县人民政府办公室',
    validateInput: (v) => (v.trim() ? null : vscode.l10n.t('Type the name of the body, as it is to appear in the title.')),
  });
  if (typed === undefined) return;
  const agency = typed.trim();
  const forms = [
    { label: vscode.l10n.t('Plain text'), description: '.txt', markdown: false, ext: 'txt' },
    { label: 'Markdown', description: '.md', markdown: true, ext: 'md' },
  ];
  const form = await vscode.window.showQuickPick(forms, { title, placeHolder: vscode.l10n.t('Document form') });
  if (!form) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${agency.replace(NOT_IN_NAMES, '')}${pickedYear.year}年政府信息公开工作年度报告.${form.ext}`;
  const picked = await vscode.window.showSaveDialog({
    title,
    saveLabel: vscode.l10n.t('Create'),
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { [form.label]: [form.ext] },
  });
  if (!picked) return;
  // Always a .txt or .md file (a name typed without its ending gets the form's).
  const target = /\.(txt|md)$/i.test(picked.path) ? picked : picked.with({ path: `${picked.path}.${form.ext}` });
  const made = await client.sendRequest<{ text: string; previous: string | null; carried: ('t2' | 't3')[] } | null>('nianbao/newReport', {
    uri: target.toString(),
    year: pickedYear.year,
    agency,
    markdown: form.markdown,
  });
  if (!made) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(made.text));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
  if (made.previous) {
    const from = vscode.workspace.asRelativePath(vscode.Uri.parse(made.previous));
    const what = made.carried.map((k) => (k === 't3' ? vscode.l10n.t('table 3 row 二、上年结转 (last year\'s 四)') : vscode.l10n.t('table 2 现行有效件数')));
    void vscode.window.showInformationMessage(vscode.l10n.t('Carried over from last year\'s report {0}: {1}.', from, what.join(vscode.l10n.t(' and '))));
  }
}

/**
 * *在工作区中关闭规则*: sets the rule to "off" in `.nianbao.json` as it is in the editor (unsaved changes
 * included; the server computes the new text), creates the file when there is none, and saves it.
 */
async function disableRuleInWorkspace(client: LanguageClient, file: string, rule: string): Promise<void> {
  const uri = vscode.Uri.parse(file);
  let doc: vscode.TextDocument | undefined;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    doc = undefined; // no such file yet
  }
  const version = doc?.version;
  const text = await client.sendRequest<string | null>('nianbao/configText', { current: doc ? doc.getText() : null, rule });
  if (text === null) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not valid JSON; fix it first, then turn the rule off again.', '.nianbao.json'));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  if (!doc) {
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
  } else {
    // Edited meanwhile: the text computed is stale; nothing is written.
    if (doc.version !== version) return;
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return;
  const saved = await vscode.workspace.openTextDocument(uri);
  if (saved.isDirty) await saved.save();
  void vscode.window.showInformationMessage(vscode.l10n.t('Rule {0} is now off in {1}.', rule, vscode.workspace.asRelativePath(uri)));
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.insertTable2', () => insertTable(client, 't2')),
    vscode.commands.registerCommand('nianbao.insertTable3', () => insertTable(client, 't3')),
    vscode.commands.registerCommand('nianbao.insertTable4', () => insertTable(client, 't4')),
    vscode.commands.registerCommand('nianbao.newReport', () => newReport(client)),
    vscode.commands.registerCommand('nianbao.disableRuleInWorkspace', (file: string, rule: string) => disableRuleInWorkspace(client, file, rule)),
    // Code lenses of tables: go to the first identity that does not hold.
    vscode.commands.registerCommand('nianbao.revealRange', async (uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      await vscode.window.showTextDocument(doc, { selection: r });
    }),
  );
}
