// A small LSP test client: starts the real, bundled Nianbao language server as a child process, talks
// JSON-RPC over its stdio, records what it pushes (diagnostics, `nianbao/documentKind`) and lets a test
// await those notifications with a timeout instead of sleeping. Every started process is shut down
// (shutdown + exit, then SIGKILL if it lingers) and, as a last resort, killed when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationItem,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SERVER_JS = join(ROOT, 'dist', 'server.js');
export const CLI_JS = join(ROOT, 'dist', 'cli.js');
export const SEEDS = join(ROOT, '..', 'shared', 'seeds');

/** How long any single wait for the server may take before the test fails. */
export const TIMEOUT_MS = Number(process.env.NIANBAO_LSP_TIMEOUT_MS) || 10_000;

export function requireBuild(): void {
  for (const f of [SERVER_JS, CLI_JS]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before the LSP tests`);
  }
}

/** A seed report: the shared copy if present, else the copy under examples/. */
export function seedText(prefix: '000' | '002' | '004'): string {
  const examples: Record<string, string> = { '000': 'haiyuan-xian-2024.txt', '002': 'pingluo-2024.txt', '004': 'xibao-2023.txt' };
  const shared = existsSync(SEEDS) ? readdirSafe(SEEDS).find((n) => n.startsWith(`${prefix}_`) && n.endsWith('.txt')) : undefined;
  return readFileSync(shared ? join(SEEDS, shared) : join(ROOT, 'examples', examples[prefix]), 'utf8');
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function fixtureText(rel: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', rel), 'utf8');
}

/** A file: URI under the repository (the file need not exist; the server never reads it). */
export function uriFor(rel: string): string {
  return pathToFileURL(join(ROOT, 'test', 'lsp', '.virtual', rel)).href;
}

export interface DocumentKind {
  uri: string;
  isReport: boolean;
  year: number | null;
  template: string | null;
}

export interface StartOptions {
  /** Arguments after `node`; defaults to the bundled server over stdio. */
  args?: string[];
  initializationOptions?: Record<string, unknown>;
  /** When set, the client advertises `workspace.configuration` and answers each item with this. */
  configuration?: (item: ConfigurationItem) => unknown;
  /** The client advertises `workspace.configuration` and never answers it (a hung client). */
  neverAnswerConfiguration?: boolean;
  capabilities?: ClientCapabilities;
}

interface Waiter<T> {
  match: (v: T) => boolean;
  resolve: (v: T) => void;
}

/** Per-URI log of notifications; `next` hands out each logged notification at most once. */
class Inbox<T extends { uri: string }> {
  private readonly log = new Map<string, T[]>();
  private readonly consumed = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter<T>[]>();

  push(v: T): void {
    const list = this.log.get(v.uri) ?? [];
    list.push(v);
    this.log.set(v.uri, list);
    const ws = this.waiters.get(v.uri) ?? [];
    const i = ws.findIndex((w) => w.match(v));
    if (i >= 0) {
      const [w] = ws.splice(i, 1);
      this.consumed.set(v.uri, list.length);
      w.resolve(v);
    }
  }

  all(uri: string): T[] {
    return [...(this.log.get(uri) ?? [])];
  }

  /** The first notification for `uri` not handed out before that satisfies `match`, now or later. */
  next(uri: string, match: (v: T) => boolean, what: string, onTimeout: () => string): Promise<T> {
    const list = this.log.get(uri) ?? [];
    for (let i = this.consumed.get(uri) ?? 0; i < list.length; i++) {
      if (match(list[i])) {
        this.consumed.set(uri, i + 1);
        return Promise.resolve(list[i]);
      }
    }
    return new Promise<T>((resolve, reject) => {
      const w: Waiter<T> = {
        match,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      };
      const timer = setTimeout(() => {
        const ws = this.waiters.get(uri) ?? [];
        ws.splice(ws.indexOf(w), 1);
        reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what} for ${uri}\n${onTimeout()}`));
      }, TIMEOUT_MS);
      const ws = this.waiters.get(uri) ?? [];
      ws.push(w);
      this.waiters.set(uri, ws);
    });
  }
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

export function withTimeout<T>(p: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

export class LspClient {
  readonly stderr: string[] = [];
  readonly configurationRequests: ConfigurationItem[][] = [];
  readonly logMessages: string[] = [];
  initializeResult!: InitializeResult;
  private readonly diagnostics = new Inbox<PublishDiagnosticsParams>();
  private readonly kinds = new Inbox<DocumentKind>();
  private readonly exited: Promise<number | null>;
  private closed = false;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (s: string) => this.stderr.push(s));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => this.diagnostics.push(p));
    conn.onNotification('nianbao/documentKind', (p: DocumentKind) => this.kinds.push(p));
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logMessages.push(p.message);
    });
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    requireBuild();
    const proc = spawn(process.execPath, options.args ?? [SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, conn);
    if (options.configuration) {
      const answer = options.configuration;
      conn.onRequest(ConfigurationRequest.type, (params) => {
        client.configurationRequests.push(params.items);
        return params.items.map((item) => answer(item));
      });
    }
    if (options.neverAnswerConfiguration) {
      conn.onRequest(ConfigurationRequest.type, (params) => {
        client.configurationRequests.push(params.items);
        return new Promise<never>(() => undefined);
      });
    }
    conn.listen();
    try {
      const capabilities: ClientCapabilities =
        options.capabilities ?? (options.configuration || options.neverAnswerConfiguration ? { workspace: { configuration: true } } : {});
      client.initializeResult = await withTimeout(
        conn.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: null,
          capabilities,
          initializationOptions: { debounceMs: 0, ...options.initializationOptions },
        }),
        `the initialize response (stderr: ${client.stderr.join('')})`,
      );
      await conn.sendNotification(InitializedNotification.type, {});
    } catch (e) {
      await client.shutdown();
      throw e;
    }
    return client;
  }

  private describe(uri: string): string {
    const seen = this.diagnostics.all(uri).map((d) => `v${d.version ?? '-'}: ${d.diagnostics.length} diagnostics`);
    return `diagnostics seen so far: [${seen.join(', ')}]\nserver stderr: ${this.stderr.join('').slice(-2000)}`;
  }

  /** The next (not yet awaited) diagnostics for `uri` whose version is at least `minVersion`. */
  nextDiagnostics(uri: string, minVersion = 0): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.next(uri, (p) => (p.version ?? Number.MAX_SAFE_INTEGER) >= minVersion, `diagnostics with version >= ${minVersion}`, () => this.describe(uri));
  }

  allDiagnostics(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.all(uri);
  }

  nextDocumentKind(uri: string): Promise<DocumentKind> {
    return this.kinds.next(uri, () => true, 'nianbao/documentKind', () => this.describe(uri));
  }

  allDocumentKinds(uri: string): DocumentKind[] {
    return this.kinds.all(uri);
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async edit(uri: string, version: number, range: Range, text: string): Promise<void> {
    await this.change(uri, version, [{ range, text }]);
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(): Promise<void> {
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return withTimeout(this.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), `textDocument/documentSymbol for ${uri}`);
  }

  foldingRanges(uri: string): Promise<FoldingRange[] | null> {
    return withTimeout(this.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), `textDocument/foldingRange for ${uri}`);
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** shutdown + exit; SIGKILL if the process has not exited in time. Returns the exit code (null if killed). */
  async shutdown(timeoutMs = 5_000): Promise<number | null> {
    if (this.closed) return this.exited;
    this.closed = true;
    try {
      if (this.running) {
        await withTimeout(this.conn.sendRequest(ShutdownRequest.type), 'the shutdown response', timeoutMs);
        await this.conn.sendNotification(ExitNotification.type);
        return await withTimeout(this.exited, 'the server to exit', timeoutMs);
      }
      return await this.exited;
    } catch {
      if (this.running) this.proc.kill('SIGKILL');
      await this.exited;
      return null;
    } finally {
      this.conn.dispose();
      this.proc.stdin?.destroy();
    }
  }
}

// ---- text helpers ----------------------------------------------------------------------------------

export interface Cell {
  line: number;
  text: string;
  range: Range;
  /** What a problem in the cell underlines: the cell with the tab after it (the last cell: the tab before it). */
  shown: Range;
}

/** The tab-separated cells of the first line starting with `prefix` (character offsets in UTF-16 units). */
export function cellsOfLine(text: string, prefix: string): Cell[] {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines.findIndex((l) => l.startsWith(prefix));
  if (line < 0) throw new Error(`no line starting with ${prefix}`);
  const out: Cell[] = [];
  let start = 0;
  const parts = lines[line].split('\t');
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const shown = { start: { line, character: last && i > 0 ? start - 1 : start }, end: { line, character: start + part.length + (last ? 0 : 1) } };
    out.push({ line, text: part, range: { start: { line, character: start }, end: { line, character: start + part.length } }, shown });
    start += part.length + 1;
  });
  return out;
}

/** The numeric cells of a table line, in column order. */
export function numberCells(text: string, prefix: string): Cell[] {
  return cellsOfLine(text, prefix).filter((c) => /^\d+$/.test(c.text.trim()));
}

/** Applies one range edit to a string, as an LSP server must (a character past the end of its line means the line end). */
export function applyEdit(text: string, range: Range, insert: string): string {
  // The LSP library's own reading of a change (positions past a line's end clamp to it).
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), [{ range, newText: insert }]);
}

export const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
