// Web-worker entry (vscode.dev): LSP over the worker's postMessage, the same server as the Node entry.
// There is no file system here: no `.nianbao.json` and no previous-year report from disk (cross-year rules
// still compare with another open report), and no rule pages to link to unless the client passes `docsBase`.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';

/** The worker's global scope (the project compiles without the WebWorker library). */
declare const self: { close(): void };

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
// The browser connection ignores `exit`; end the worker so that a stopped server does not linger.
connection.onExit(() => self.close());
startServer(connection, { docsBase: undefined, fs: undefined });
