// The VS Code side of Nianbao (desktop): starts the language server as a Node process and reflects what it
// reports. Deliberately thin: no parsing and no rules here; the server decides what a report is and what is
// wrong. Everything but how the server is started lives in common.ts, shared with the web client (browser.ts).
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { registerCli } from './cli';
import { activateClient, deactivateClient } from './common';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  registerCli(context);
  await activateClient(context, {
    createClient: (id, name, clientOptions) => new LanguageClient(id, name, serverOptions, clientOptions),
    watchFiles: true,
    schemes: ['file', 'untitled'],
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
