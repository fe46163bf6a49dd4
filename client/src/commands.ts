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

async function newReport(client: LanguageClient): Promise<void> {
  const last = new Date().getFullYear() - 1;
  const years = [last, last + 1, last - 1].map((y) => ({ label: String(y), description: y === last ? vscode.l10n.t('the year just ended') : undefined, year: y }));
  const pickedYear = await vscode.window.showQuickPick(years, { title: vscode.l10n.t('New annual report'), placeHolder: vscode.l10n.t('Report year') });
  if (!pickedYear) return;
  const agency = await vscode.window.showInputBox({ title: vscode.l10n.t('New annual report'), prompt: vscode.l10n.t('Name of the government body (机关名称)'), placeHolder: '某某县人民政府办公室' });
  if (agency === undefined) return;
  const forms = [
    { label: vscode.l10n.t('Plain text'), markdown: false },
    { label: 'Markdown', markdown: true },
  ];
  const form = await vscode.window.showQuickPick(forms, { title: vscode.l10n.t('New annual report'), placeHolder: vscode.l10n.t('Document form') });
  if (!form) return;
  const text = await template(client, 'report', '', { year: pickedYear.year, agency, markdown: form.markdown });
  if (!text) return;
  const doc = await vscode.workspace.openTextDocument({ language: form.markdown ? 'markdown' : 'nianbao', content: text });
  await vscode.window.showTextDocument(doc);
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.insertTable2', () => insertTable(client, 't2')),
    vscode.commands.registerCommand('nianbao.insertTable3', () => insertTable(client, 't3')),
    vscode.commands.registerCommand('nianbao.insertTable4', () => insertTable(client, 't4')),
    vscode.commands.registerCommand('nianbao.newReport', () => newReport(client)),
    // Code lenses of tables: go to the first identity that does not hold.
    vscode.commands.registerCommand('nianbao.revealRange', async (uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      await vscode.window.showTextDocument(doc, { selection: r });
    }),
  );
}
