// Parallel workers for large folders: each worker reads and checks a contiguous share of the files. The main
// thread finds each report's previous year's report among all the workers' summaries (in the order of the files,
// as one process does) and sends its summary with the check, so every report is compared exactly as in one process.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PriorIndex } from '../../core/src/index';
import { Batch, type CheckOrder, type CheckOut, type CheckRequest, type CheckSettings, type ReadOut } from './batch';

type ToWorker = { type: 'read'; paths: string[] } | { type: 'check'; orders: CheckOrder[]; settings: CheckSettings };
type FromWorker = { type: 'tick' } | { type: 'read'; reads: ReadOut[] } | { type: 'checked'; outs: CheckOut[] } | { type: 'error'; message: string };

/** In a worker thread started by `Pool`: serve the batch messages. Returns false in the main thread. */
export function serveWorker(): boolean {
  if (isMainThread || !(workerData as { nianbaoWorker?: boolean } | null)?.nianbaoWorker || !parentPort) return false;
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
