// The VS Code side of Nianbao on the web (vscode.dev, github.dev): the same client as extension.ts, with the
// language server running in a web worker (dist/web/server.js, built from the same core). That server has no
// file system: `.nianbao.json` and the cross-year rules (last year's report on disk) are unavailable there;
// settings and everything about the open documents work as on the desktop.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateClient, deactivateClient } from './common';

/** The Worker of the web extension host (the project compiles without the DOM library). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;
declare const fetch: (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * Where the worker is started from. The web extension host refuses `new Worker` on the URI of an extension
 * installed on a remote (`vscode-remote:`, as in code-server or a Codespace opened in the browser), but its
 * `fetch` reads such a URI: the script is then started from a blob of its text. Elsewhere (vscode.dev) the URI
 * is an http(s) one and is used as it is.
 */
async function workerScript(uri: vscode.Uri): Promise<string> {
  if (uri.scheme !== 'vscode-remote') return uri.toString(true);
  const response = await fetch(uri.toString(true));
  if (!response.ok) throw new Error(`${uri.toString(true)}: HTTP ${response.status}`);
  return URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  let script: Promise<string> | undefined;
  // A fresh worker for every start (the client starts the server again on `nianbao.restartServer` and after a
  // crash); the one it replaces is ended, as is the last one when the extension is deactivated.
  let worker: ServerWorker | undefined;
  const stopWorker = (): void => {
    worker?.terminate();
    worker = undefined;
  };
  context.subscriptions.push({ dispose: stopWorker });
  // The transports themselves: the client takes a returned Worker for transports unless it is `instanceof
  // Worker`, which the web extension host's own Worker (a wrapper function) is not.
  const startWorker = async (): Promise<MessageTransports> => {
    stopWorker();
    script ??= workerScript(serverMain);
    const w = new Worker(await script, { name: 'Nianbao language server' });
    worker = w;
    const port = w as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
    return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
  };
  // What needs the files on disk (the workspace check, the command line) says so here.
  const unavailable = () => void vscode.window.showInformationMessage(vscode.l10n.t('This needs VS Code on a computer (not in the browser): the reports are read from disk.'));
  context.subscriptions.push(vscode.commands.registerCommand('nianbao.cliInTerminal', unavailable));
  await activateClient(context, {
    createClient: (id, name, clientOptions) => new LanguageClient(id, name, startWorker, clientOptions),
    watchFiles: false,
    schemes: ['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote'],
    docsBase: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString(true) + '/',
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
