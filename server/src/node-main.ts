import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFileSystem } from './node-fs';
import { loadReaders } from './node-readers';
import { startServer } from './server';

/** The server on Node: IPC when started by the VS Code client, stdio with `--stdio` (other editors, `nianbao lsp`). */
export function runNodeServer(docsBase: string | undefined): void {
  const connection = createConnection(ProposedFeatures.all);
  const report = (what: string) => (e: unknown) => connection.console.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  // Last resort: an error nothing caught is logged; the server keeps serving the other documents.
  process.on('uncaughtException', report('uncaught'));
  process.on('unhandledRejection', report('unhandled rejection'));
  startServer(connection, { docsBase, fs: nodeFileSystem, readBinary: async (uri, bytes) => (await loadReaders()).readReport(decodeURIComponent(uri.replace(/[?#].*$/, '')), bytes) });
}
