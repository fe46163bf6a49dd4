// One share of a `nianbao check` batch, the same in the main thread and in a worker: read files and build their
// reports (phase 1), then check them, with the previous-year reports they are compared with opened beside them,
// and fix them when asked (phase 2). What goes in and out is plain data, so a worker can pass it by message.
import { writeFileSync } from 'node:fs';
import { createChecker, languageIdOf, priorOf, PriorIndex, type Diagnostic, type Encoding, type LinePlace, type NianbaoConfig, type Prior, type Report, type SourceFormat } from '../../core/src/index';
import { readReportFile } from '../../server/src/node-readers';
import { encodeText } from './encode';
import { BoundedReadError, readBounded } from './files';

export const MAX_BYTES = 16 * 1024 * 1024;
/**
 * Reports waiting for their previous year's report in one process (see `stream`): up to `free` keep their models,
 * and up to `max` while holding pays; beyond, a waiting report is checked at once and built again if need be.
 */
export const HOLD = { free: 64, max: 1024 };

/**
 * The bytes of a file, read synchronously (readBounded: a FIFO or device is refused without blocking): for the
 * small files of a batch, the four calls of an asynchronous read cost more of this thread than the read itself.
 */
async function readSync(path: string, max: number): Promise<Buffer | 'notAFile' | 'tooLarge'> {
  try {
    return readBounded(path, max);
  } catch (e) {
    if (e instanceof BoundedReadError) return e.kind;
    throw e;
  }
}

export type ReadOut =
  | { path: string; ok: false; reason: string; error?: string }
  | {
      path: string;
      ok: true;
      format: SourceFormat;
      source: string;
      encoding?: Encoding;
      places?: (LinePlace | null)[];
      /** What the previous-year lookup needs: the 机关, the year, and what the cross-year rules compare. */
      prior: Prior;
    };

export interface CheckRequest {
  path: string;
  config: NianbaoConfig;
  explicit: boolean;
}

export interface CheckSettings {
  locale: 'zh-cn' | 'en';
  year?: number;
  template?: '2019' | '2021';
  fix: 'no' | 'write' | 'dry';
  /** Return each file's text (the HTML overview and `--fix-dry-run` show it). */
  keepText?: boolean;
}

/** A check to run with the previous year's report found by the caller. */
export interface CheckOrder extends CheckRequest {
  previous: { uri: string; prior: Prior } | null;
}

/** The figures of a report's own tables that the HTML overview compares across bodies. */
export interface Figures {
  received: number | null;
  carried: number | null;
  granted: number | null;
  partial: number | null;
  results: number | null;
  review: number | null;
  litigation: number | null;
}

export interface CheckOut {
  path: string;
  mode: 'off' | 'auto' | 'always';
  checked: boolean;
  diagnostics: Diagnostic[];
  report: { year: number | null; template: string | null; title: string | null; agency: string | null } | null;
  figures: Figures | null;
  /** The text after `--fix` / `--fix-dry-run`, when it changed. */
  fixed?: string;
  /** `--fix` could not write it back in its encoding. */
  notWritten?: string;
  /** The text as read, when `keepText`. */
  text?: string;
}

function figuresOf(report: Report): Figures {
  const t3 = report.t3;
  const t4 = report.t4;
  return {
    received: t3?.total('new') ?? null,
    carried: t3?.total('carried') ?? null,
    granted: t3?.total('granted') ?? null,
    partial: t3?.total('partial') ?? null,
    results: t3?.total('resultTotal') ?? null,
    review: t4?.count('review', 'total') ?? null,
    litigation: t4 ? (t4.count('direct', 'total') ?? 0) + (t4.count('afterReview', 'total') ?? 0) : null,
  };
}


interface Loaded {
  read: Extract<ReadOut, { ok: true }>;
  text: string;
  encoding?: Encoding;
}

/** A file read and, if it is a PDF or Word file, turned into text (what `readReportFile` gives). */
export type Extracted = Awaited<ReturnType<typeof readReportFile>>;

/** Reads one file of a batch; `Extractors` (pool.ts) has other threads read the PDF and Word files. */
export type ExtractFile = (path: string) => Promise<Extracted>;

export const extractHere: ExtractFile = (path) => readReportFile(path, MAX_BYTES, readSync);

/**
 * One share of a batch. Each file is read and its report built once; a checked file's model is dropped at once,
 * so what stays in memory is the summaries (`Prior`) and the reports still waiting for their previous year's.
 */
export class Batch {
  private readonly checker = createChecker({ maxBytes: () => Infinity, logger: (m) => process.stderr.write(`nianbao: ${m}\n`) });
  private readonly loaded = new Map<string, Loaded>();

  constructor(private readonly extract: ExtractFile = extractHere) {}

  private async load(path: string): Promise<ReadOut> {
    let r;
    try {
      r = await this.extract(path);
    } catch (e) {
      return { path, ok: false, reason: 'io', error: (e as Error).message };
    }
    if (!r.ok) return { path, ok: false, reason: r.reason };
    this.checker.open(path, languageIdOf(r.format), 0, r.text);
    const report = this.checker.report(path)!;
    const read = {
      path,
      ok: true as const,
      format: r.format,
      source: r.source,
      ...(r.encoding ? { encoding: r.encoding } : {}),
      ...(r.places ? { places: r.places } : {}),
      prior: priorOf(report),
    };
    this.loaded.set(path, { read, text: r.text, ...(r.encoding ? { encoding: r.encoding } : {}) });
    return read;
  }

  /** Phase 1 (a worker's share): read the files and build their reports; the caller finds the previous years. */
  async read(paths: readonly string[], onEach?: () => void): Promise<ReadOut[]> {
    const out: ReadOut[] = [];
    for (const path of paths) {
      out.push(await this.load(path));
      onEach?.();
    }
    return out;
  }

  /** Phase 2 (a worker's share): check (and fix) files read by `read`. */
  check(orders: readonly CheckOrder[], settings: CheckSettings, onEach?: () => void): CheckOut[] {
    const out: CheckOut[] = [];
    for (const o of orders) {
      const c = this.checkOne(o, o.previous, settings);
      if (c) out.push(c);
      onEach?.();
    }
    return out;
  }

  /**
   * One process: reads, builds and checks the files in order. A report is checked as soon as its previous year's
   * report is known, i.e. the first report of the year before of the same 机关 in the order, as among all
   * open documents (one read earlier, or the first one read later); those left when all are read have none.
   * A report that waits keeps its model (~190 KB: in a folder of one year's reports all of them wait to the end)
   * or is checked at once without a previous year's report, its model dropped, and built again from its text and
   * checked again if that report turns up. Holding a model through the batch cost about a quarter of building it
   * again (bench/notes.md, batch-rate), so past `hold.free` models are held while at least a quarter of the reports no longer
   * held found their previous year's report later, and never more than `hold.max`. With `--fix` every waiting
   * report keeps its model: the first check would write its fixes.
   */
  async stream(requests: readonly CheckRequest[], settings: CheckSettings, onEach?: () => void, hold = HOLD): Promise<{ reads: ReadOut[]; outs: CheckOut[] }> {
    const reads: ReadOut[] = [];
    const outs = new Map<string, CheckOut>();
    const seen = new PriorIndex<string>();
    const waiting = new PriorIndex<{ q: CheckRequest; done: boolean }>();
    let held = 0;
    let waited = 0;
    let late = 0;
    /** Checked early: their text, to build them again if their previous year's report turns up. */
    const kept = new Map<string, Loaded>();
    const run = (q: CheckRequest, previous: { uri: string; prior: Prior } | null) => {
      const c = this.checkOne(q, previous, settings);
      if (c) outs.set(q.path, c);
    };
    for (const q of requests) {
      const r = await this.load(q.path);
      reads.push(r);
      onEach?.();
      if (!r.ok) {
        onEach?.();
        continue;
      }
      const p = r.prior;
      if (p.year !== null && p.agency && p.isReport) {
        for (const w of waiting.all(p.year + 1, p.agency)) {
          if (w.item.done) continue;
          w.item.done = true;
          late++;
          const k = kept.get(w.item.q.path);
          if (k) {
            kept.delete(w.item.q.path);
            this.reopen(w.item.q.path, k);
          } else {
            held--;
            onEach?.();
          }
          run(w.item.q, { uri: q.path, prior: p });
        }
      }
      seen.add(p, q.path);
      const previous = seen.first(p.year, p.agency, q.path);
      if (previous) run(q, { uri: previous.item, prior: previous.key });
      else if (p.year !== null && p.agency && p.isReport) {
        waiting.add(p, { q, done: false });
        waited++;
        if (settings.fix !== 'no' || held < hold.free || (held < hold.max && late * 4 >= waited - held)) {
          held++;
          continue;
        }
        kept.set(q.path, this.loaded.get(q.path)!);
        run(q, null);
      } else run(q, null);
      onEach?.();
    }
    for (const q of requests) {
      // Still waiting: no report of the year before.
      if (this.loaded.has(q.path)) {
        run(q, null);
        onEach?.();
      }
    }
    return { reads, outs: [...outs.values()] };
  }

  /** Opens a report checked early again, from its text, to check it with its previous year's report. */
  private reopen(path: string, l: Loaded): void {
    this.checker.open(path, languageIdOf(l.read.format), 0, l.text);
    this.loaded.set(path, l);
  }

  private checkOne(q: CheckRequest, previous: { uri: string; prior: Prior } | null, settings: CheckSettings): CheckOut | null {
    const l = this.loaded.get(q.path);
    if (!l) return null;
    const base = {
      locale: settings.locale,
      previous,
      ...(settings.year !== undefined ? { year: settings.year } : {}),
      ...(settings.template ? { template: settings.template } : {}),
    };
    const run = () => this.checker.check(q.path, { ...base, config: q.config, explicit: q.explicit });
    let checked = run();
    let fixed: string | undefined;
    let notWritten: string | undefined;
    if (settings.fix !== 'no' && checked?.result.checked) {
      const text = this.checker.fixAll(q.path);
      if (text !== null && text !== l.text) {
        // Written back in the encoding it was read in; a character that encoding cannot hold leaves the file alone.
        const bytes = settings.fix === 'write' && l.encoding ? encodeText(text, l.encoding) : null;
        if (settings.fix === 'write' && !bytes) notWritten = l.encoding ?? l.read.source;
        else {
          if (bytes) writeFileSync(q.path, bytes);
          fixed = text;
          this.checker.change(q.path, 1, [{ text }]);
          checked = run();
        }
      }
    }
    // Checked once: only its summary is needed from now on (by the reports that have it as their previous).
    this.checker.close(q.path);
    this.loaded.delete(q.path);
    if (!checked) return null;
    const { result, mode } = checked;
    const report = result.checked ? result.report : null;
    return {
      path: q.path,
      mode,
      checked: result.checked,
      diagnostics: result.diagnostics,
      report: report ? { year: report.year, template: report.template, title: report.title?.text ?? null, agency: report.title?.agency ?? null } : null,
      figures: report ? figuresOf(report) : null,
      ...(fixed !== undefined ? { fixed } : {}),
      ...(notWritten ? { notWritten } : {}),
      ...(settings.keepText ? { text: l.text } : {}),
    };
  }
}
