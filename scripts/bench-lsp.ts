// A small LSP client for the benchmarks: starts the bundled server (stdio, or IPC as the VS Code client
// does), answers `workspace/configuration` like the editor would (every setting at its default, debounce 0)
// and timestamps each `textDocument/publishDiagnostics` the moment it arrives.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { DIST_SERVER, ROOT } from './bench-inputs';

const TIMEOUT_MS = 60_000;

export interface Arrival {
  at: number;
  params: PublishDiagnosticsParams;
}

interface Waiter {
  uri: string;
  version: number;
  resolve: (a: Arrival) => void;
}

/** The `nianbao` section as VS Code answers it when nothing is set (see package.json), with debounce 0. */
const SETTINGS = { validate: 'auto', autoSwitchLanguage: true, locale: 'auto', deadline: '01-31', debounceMs: 0, trace: { server: 'off' }, rules: {} };

export interface StartOptions {
  /** IPC (`--node-ipc`, as the extension's client starts it) instead of stdio. */
  ipc?: boolean;
  /** Node flags for the server process (e.g. --cpu-prof). */
  execArgv?: string[];
}

export class BenchServer {
  /** performance.now() just before the process was spawned. */
  spawnedAt = 0;
  initializedAt = 0;
  private readonly arrivals = new Map<string, Arrival[]>();
  private waiters: Waiter[] = [];
  private stderr = '';

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<BenchServer> {
    const t0 = performance.now();
    const execArgv = options.execArgv ?? [];
    let proc: ChildProcess;
    let conn: ProtocolConnection;
    if (options.ipc) {
      proc = fork(DIST_SERVER, ['--node-ipc', `--clientProcessId=${process.pid}`], { cwd: ROOT, execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    } else {
      proc = spawn(process.execPath, [...execArgv, DIST_SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    }
    const s = new BenchServer(proc, conn);
    s.spawnedAt = t0;
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (d: string) => {
      s.stderr = (s.stderr + d).slice(-4000);
    });
    conn.onNotification(PublishDiagnosticsNotification.type, (params) => s.arrived({ at: performance.now(), params }));
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'nianbao' ? SETTINGS : null)));
    conn.onNotification('window/logMessage', () => undefined);
    conn.onNotification('window/showMessage', () => undefined);
    conn.onNotification('nianbao/documentKind', () => undefined);
    conn.listen();
    await s.timeout(
      conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
        initializationOptions: { debounceMs: 0 },
      }),
      'initialize',
    );
    await conn.sendNotification(InitializedNotification.type, {});
    s.initializedAt = performance.now();
    return s;
  }

  private arrived(a: Arrival): void {
    const list = this.arrivals.get(a.params.uri) ?? [];
    list.push(a);
    this.arrivals.set(a.params.uri, list);
    const hit = this.waiters.filter((w) => w.uri === a.params.uri && (a.params.version ?? Infinity) >= w.version);
    this.waiters = this.waiters.filter((w) => !hit.includes(w));
    for (const w of hit) w.resolve(a);
  }

  private timeout<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    return Promise.race([
      p.finally(() => clearTimeout(timer)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr}`)), TIMEOUT_MS);
      }),
    ]);
  }

  /** The first diagnostics for `uri` with at least `version` (already arrived, or the next to arrive). */
  diagnostics(uri: string, version: number): Promise<Arrival> {
    const seen = (this.arrivals.get(uri) ?? []).find((a) => (a.params.version ?? Infinity) >= version);
    if (seen) return Promise.resolve(seen);
    return this.timeout(new Promise<Arrival>((resolve) => this.waiters.push({ uri, version, resolve })), `diagnostics v${version} of ${uri}`);
  }

  forget(uri: string): void {
    this.arrivals.delete(uri);
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  edit(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Resident set size of the server process (VmRSS), in bytes. */
  rss(): number {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
    if (!m) throw new Error('no VmRSS in /proc/<pid>/status');
    return Number(m[1]) * 1024;
  }

  /** CPU time (user + system) the server process has used so far, in ms (clock ticks of 10 ms). */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime field 14, stime field 15 (1-based, see proc(5)).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  async shutdown(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) resolve();
      else this.proc.once('exit', () => resolve());
    });
    try {
      await this.timeout(this.conn.sendRequest(ShutdownRequest.type), 'shutdown');
      await this.conn.sendNotification(ExitNotification.type);
      await this.timeout(exited, 'exit');
    } catch {
      this.proc.kill('SIGKILL');
      await exited;
    } finally {
      this.conn.dispose();
    }
  }
}
