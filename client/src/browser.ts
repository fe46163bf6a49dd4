// The VS Code side of Nianbao on the web (vscode.dev, github.dev): the same client as extension.ts, with the
// language server running in a web worker (dist/web/server.js, built from the same core). That server has no
// file system: `.nianbao.json` and the cross-year rules (last year's report on disk) are unavailable there;
// settings and everything about the open documents work as on the desktop.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient, deactivateClient } from './common';

/** The Worker of the web extension host (the project compiles without the DOM library). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true);
  // A fresh worker for every start (the client starts the server again on `nianbao.restartServer` and after a
  // crash); the one it replaces is ended, as is the last one when the extension is deactivated.
  let worker: ServerWorker | undefined;
  const stopWorker = (): void => {
    worker?.terminate();
    worker = undefined;
  };
  context.subscriptions.push({ dispose: stopWorker });
  const startWorker = async () => {
    stopWorker();
    worker = new Worker(serverMain, { name: 'Nianbao language server' });
    return worker;
  };
  // What needs the files on disk (the workspace check, the command line) says so here.
  const unavailable = () => void vscode.window.showInformationMessage(vscode.l10n.t('This needs VS Code on a computer (not in the browser): the reports are read from disk.'));
  context.subscriptions.push(vscode.commands.registerCommand('nianbao.cliInTerminal', unavailable));
  await activateClient(context, {
    createClient: (id, name, clientOptions) => new LanguageClient(id, name, startWorker, clientOptions),
    watchFiles: false,
    schemes: ['file', 'untitled', 'vscode-vfs', 'vscode-test-web'],
    docsBase: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString(true) + '/',
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
