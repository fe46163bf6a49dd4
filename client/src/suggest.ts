import * as vscode from 'vscode';

/** The first Chinese word typed on a line (an input method commits a word at once). */
const FIRST_WORD = /^[\u4e00-\u9fff]{1,6}$/;

/**
 * Markdown has quick suggestions off, and Chinese characters are word characters, which VS Code does not take
 * as trigger characters at a word's end: in a Markdown *report* (not every Markdown file), typing the first
 * word of a line asks for suggestions, so that the report's snippets (年报标题, 落款, …) appear as in a text report.
 */
export function registerLineStartSuggest(context: vscode.ExtensionContext, isReport: (uri: vscode.Uri) => boolean): void {
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      const editor = vscode.window.activeTextEditor;
      if (e.reason !== undefined || e.contentChanges.length !== 1 || editor?.document !== e.document || e.document.languageId !== 'markdown') return;
      const change = e.contentChanges[0];
      if (!FIRST_WORD.test(change.text) || !isReport(e.document.uri)) return;
      const line = e.document.lineAt(change.range.start.line).text;
      const end = change.range.start.character + change.text.length;
      if (line.slice(0, end).trimStart() !== change.text || line.slice(end).trim() !== '') return;
      void vscode.commands.executeCommand('editor.action.triggerSuggest');
    }),
  );
}
