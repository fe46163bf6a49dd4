// Worker threads for large folders, two ways. `Pool`: each worker reads and checks a contiguous share of the
// files; the main thread finds each report's previous year's report among all the workers' summaries (in the
// order of the files, as one process does) and sends its summary with the check, so every report is compared
// exactly as in one process. `Extractors`: the main thread checks every file in order, as one process, and the
// workers turn its PDF and Word files into text ahead of it.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PriorIndex } from '../../core/src/index';
import { Batch, extractHere, type CheckOrder, type CheckOut, type CheckRequest, type CheckSettings, type ExtractFile, type Extracted, type ReadOut } from './batch';

type ToWorker = { type: 'read'; paths: string[] } | { type: 'check'; orders: CheckOrder[]; settings: CheckSettings };
type FromWorker = { type: 'tick' } | { type: 'read'; reads: ReadOut[] } | { type: 'checked'; outs: CheckOut[] } | { type: 'error'; message: string };

type ExtractorData = { nianbaoExtractor: true; paths: string[]; claims: SharedArrayBuffer; id: number };
type FromExtractor = { i: number; r: Extracted } | { i: number; error: string };

/** In a worker thread started by `Pool` or `Extractors`: serve the batch. Returns false in the main thread. */
export function serveWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  const data = workerData as { nianbaoWorker?: boolean } | ExtractorData | null;
  if (data && 'nianbaoExtractor' in data) {
    void extractAhead(data, parentPort);
    return true;
  }
  if (!data?.nianbaoWorker) return false;
  const port = parentPort;
  const batch = new Batch();
  const tick = () => port.postMessage({ type: 'tick' } satisfies FromWorker);
  port.on('message', (m: ToWorker) => {
    void (async () => {
      try {
        if (m.type === 'read') port.postMessage({ type: 'read', reads: await batch.read(m.paths, tick) } satisfies FromWorker);
        else port.postMessage({ type: 'checked', outs: batch.check(m.orders, m.settings, tick) } satisfies FromWorker);
      } catch (e) {
        port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
      }
    })();
  });
  return true;
}

/** A file of `Extractors` not yet taken; the main thread takes a file as `MAIN`, worker k as `MAIN + 1 + k`. */
const FREE = 0;
const MAIN = 1;

/** An extracting worker: takes the first file no one has taken, turns it into text, sends it; until none is left. */
async function extractAhead(data: ExtractorData, port: NonNullable<typeof parentPort>): Promise<void> {
  const claims = new Int32Array(data.claims);
  for (let i = 0; i < data.paths.length; i++) {
    if (Atomics.compareExchange(claims, i, FREE, MAIN + 1 + data.id) !== FREE) continue;
    let reply: FromExtractor;
    try {
      reply = { i, r: await extractHere(data.paths[i]) };
    } catch (e) {
      reply = { i, error: (e as Error).message };
    }
    port.postMessage(reply);
  }
}

/**
 * Workers that read a batch's PDF and Word files (the costly part of reading: ~35 ms each against ~1 ms to check a
 * report) ahead of the main thread, which reads and checks every file in order as one process does, so the results
 * are one process's. Each file is taken once, by whoever gets to it first (an atomic claim in shared memory): the
 * workers from the first file on; the main thread takes a file when it needs it and no one has, and when a worker
 * is still reading the one it needs, it reads one from the end of the list instead of waiting.
 */
export class Extractors {
  private readonly claims: Int32Array;
  private readonly index = new Map<string, number>();
  private readonly settled = new Map<number, FromExtractor>();
  private readonly waiter = new Map<number, () => void>();
  private readonly dead = new Set<number>();
  private readonly workers: Worker[];
  private tail: number;

  constructor(script: string, private readonly paths: readonly string[], n: number) {
    const shared = new SharedArrayBuffer(4 * Math.max(1, paths.length));
    this.claims = new Int32Array(shared);
    paths.forEach((p, i) => this.index.set(p, i));
    this.tail = paths.length - 1;
    this.workers = Array.from({ length: n }, (_, id) => {
      const data: ExtractorData = { nianbaoExtractor: true, paths: [...paths], claims: shared, id };
      const w = new Worker(script, { workerData: data, argv: [], stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      w.on('message', (m: FromExtractor) => {
        this.settled.set(m.i, m);
        this.wake(m.i);
      });
      // A worker that fails leaves its files to the main thread.
      const lost = () => {
        this.dead.add(id);
        for (const i of [...this.waiter.keys()]) this.wake(i);
      };
      w.on('error', lost);
      w.on('exit', lost);
      return w;
    });
  }

  readonly extract: ExtractFile = async (path) => {
    const i = this.index.get(path);
    if (i === undefined || Atomics.compareExchange(this.claims, i, FREE, MAIN) === FREE) return extractHere(path);
    while (!this.settled.has(i)) {
      const owner = Atomics.load(this.claims, i);
      if (owner === MAIN) break;
      if (this.dead.has(owner - MAIN - 1)) return extractHere(path);
      await new Promise(setImmediate);
      if (this.settled.has(i)) break;
      const j = this.steal();
      if (j >= 0) {
        let own: FromExtractor;
        try {
          own = { i: j, r: await extractHere(this.paths[j]) };
        } catch (e) {
          own = { i: j, error: (e as Error).message };
        }
        this.settled.set(j, own);
      } else if (!this.settled.has(i)) await new Promise<void>((resolve) => this.waiter.set(i, resolve));
    }
    const s = this.settled.get(i);
    this.settled.delete(i);
    if (!s) return extractHere(path);
    if ('error' in s) throw new Error(s.error);
    return s.r;
  };

  /** Who has taken a file: this thread, a worker, or no one yet (for the tests). */
  taken(path: string): 'main' | 'worker' | null {
    const i = this.index.get(path);
    const owner = i === undefined ? FREE : Atomics.load(this.claims, i);
    return owner === FREE ? null : owner === MAIN ? 'main' : 'worker';
  }

  private wake(i: number): void {
    const w = this.waiter.get(i);
    this.waiter.delete(i);
    w?.();
  }

  private steal(): number {
    while (this.tail >= 0) {
      const j = this.tail--;
      if (Atomics.compareExchange(this.claims, j, FREE, MAIN) === FREE) return j;
    }
    return -1;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

class Member {
  private readonly worker: Worker;
  private waiting: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;

  constructor(script: string, onTick: () => void) {
    this.worker = new Worker(script, { workerData: { nianbaoWorker: true }, argv: [], stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'tick') onTick();
      else if (m.type === 'error') this.waiting?.reject(new Error(m.message));
      else this.waiting?.resolve(m);
    });
    this.worker.on('error', (e) => this.waiting?.reject(e));
  }

  request(m: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(m);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/** `n` workers running this same script (the CLI bundle); `onTick` is called once per file read or checked. */
export class Pool {
  private readonly members: Member[];
  private shares: string[][] = [];

  constructor(script: string, n: number, onTick: () => void) {
    this.members = Array.from({ length: n }, () => new Member(script, onTick));
  }

  async read(paths: readonly string[]): Promise<ReadOut[]> {
    const n = this.members.length;
    const size = Math.ceil(paths.length / n);
    this.shares = this.members.map((_, k) => paths.slice(k * size, (k + 1) * size));
    const replies = await Promise.all(this.members.map((m, k) => m.request({ type: 'read', paths: this.shares[k] })));
    return replies.flatMap((r) => (r.type === 'read' ? r.reads : []));
  }

  async check(reads: readonly ReadOut[], requests: readonly CheckRequest[], settings: CheckSettings): Promise<CheckOut[]> {
    const owner = new Map<string, number>();
    this.shares.forEach((share, k) => share.forEach((p) => owner.set(p, k)));
    const index = new PriorIndex<string>();
    for (const r of reads) if (r.ok) index.add(r.prior, r.path);
    const prior = new Map(reads.map((r) => [r.path, r.ok ? r.prior : null]));
    const orders: CheckOrder[][] = this.members.map(() => []);
    for (const q of requests) {
      const p = prior.get(q.path);
      if (!p) continue;
      const found = index.first(p.year, p.agency, q.path);
      orders[owner.get(q.path)!].push({ ...q, previous: found ? { uri: found.item, prior: found.key } : null });
    }
    const replies = await Promise.all(this.members.map((m, k) => m.request({ type: 'check', orders: orders[k], settings })));
    return replies.flatMap((r) => (r.type === 'checked' ? r.outs : []));
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.stop()));
  }
}
