import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { gateReader } from './gate';
import { nodeFileSystem } from './node-fs';
import { loadReaders } from './node-readers';
import { startServer } from './server';

/** The server on Node: IPC when started by the VS Code client, stdio with `--stdio` (other editors, `nianbao lsp`). */
export function runNodeServer(docsBase: string | undefined): void {
  const connection = connect();
  const report = (what: string) => (e: unknown) => connection.console.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  // Last resort: an error nothing caught is logged; the server keeps serving the other documents.
  process.on('uncaughtException', report('uncaught'));
  process.on('unhandledRejection', report('unhandled rejection'));
  startServer(connection, { docsBase, fs: nodeFileSystem, readBinary: async (uri, bytes) => (await loadReaders()).readReport(decodeURIComponent(uri.replace(/[?#].*$/, '')), bytes) });
}

/** The transport the client asked for (`--stdio`, `--node-ipc`), its messages gated (gate.ts); others as the library makes them. */
function connect(): Connection {
  const fatal = (message: string) => {
    process.stderr.write(`nianbao: ${message}\n`);
    process.exit(1);
  };
  if (process.argv.includes('--stdio')) {
    const writer = new StreamMessageWriter(process.stdout);
    return createConnection(ProposedFeatures.all, gateReader(new StreamMessageReader(process.stdin), writer, fatal), writer);
  }
  if (process.argv.includes('--node-ipc')) {
    const writer = new IPCMessageWriter(process);
    return createConnection(ProposedFeatures.all, gateReader(new IPCMessageReader(process), writer, fatal), writer);
  }
  return createConnection(ProposedFeatures.all);
}
