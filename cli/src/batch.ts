// One share of a `nianbao check` batch, the same in the main thread and in a worker: read files and build their
// reports (phase 1), then check them, with the previous-year reports they are compared with opened beside them,
// and fix them when asked (phase 2). What goes in and out is plain data, so a worker can pass it by message.
import { writeFileSync } from 'node:fs';
import { agencyKey, createChecker, languageIdOf, type Diagnostic, type Encoding, type LinePlace, type NianbaoConfig, type Report, type SourceFormat } from '../../core/src/index';
import { readReportFile } from '../../server/src/node-readers';
import { encodeText } from './encode';

export const MAX_BYTES = 16 * 1024 * 1024;

export type ReadOut =
  | { path: string; ok: false; reason: string; error?: string }
  | {
      path: string;
      ok: true;
      format: SourceFormat;
      source: string;
      text: string;
      encoding?: Encoding;
      places?: (LinePlace | null)[];
      /** What the previous-year lookup needs: the 机关 and the year. */
      agency: string | null;
      year: number | null;
      isReport: boolean;
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


export class Batch {
  private readonly checker = createChecker({ maxChars: () => Infinity, logger: (m) => process.stderr.write(`nianbao: ${m}\n`) });
  private readonly reads = new Map<string, Extract<ReadOut, { ok: true }>>();

  /** Phase 1: read the files and build their reports. */
  async read(paths: readonly string[], onEach?: () => void): Promise<ReadOut[]> {
    const out: ReadOut[] = [];
    for (const path of paths) {
      let r;
      try {
        r = await readReportFile(path, MAX_BYTES);
      } catch (e) {
        out.push({ path, ok: false, reason: 'io', error: (e as Error).message });
        onEach?.();
        continue;
      }
      if (!r.ok) out.push({ path, ok: false, reason: r.reason });
      else {
        this.checker.open(path, languageIdOf(r.format), 0, r.text);
        const report = this.checker.report(path)!;
        const read = {
          path,
          ok: true as const,
          format: r.format,
          source: r.source,
          text: r.text,
          ...(r.encoding ? { encoding: r.encoding } : {}),
          ...(r.places ? { places: r.places } : {}),
          agency: agencyKey(report),
          year: report.year,
          isReport: report.isReport,
        };
        this.reads.set(path, read);
        out.push(read);
      }
      onEach?.();
    }
    return out;
  }

  /** Reports read elsewhere (another worker) that this share's reports are compared with. */
  add(others: readonly { path: string; format: SourceFormat; text: string }[]): void {
    for (const o of others) if (!this.checker.has(o.path)) this.checker.open(o.path, languageIdOf(o.format), 0, o.text);
  }

  /** Phase 2: check (and fix) this share's files. */
  check(requests: readonly CheckRequest[], settings: CheckSettings, onEach?: () => void): CheckOut[] {
    const base = { locale: settings.locale, ...(settings.year !== undefined ? { year: settings.year } : {}), ...(settings.template ? { template: settings.template } : {}) };
    const run = (q: CheckRequest) => this.checker.check(q.path, { ...base, config: q.config, explicit: q.explicit });
    const out: CheckOut[] = [];
    for (const q of requests) {
      let checked = run(q);
      let fixed: string | undefined;
      let notWritten: string | undefined;
      const read = this.reads.get(q.path);
      if (settings.fix !== 'no' && checked?.result.checked && read) {
        const text = this.checker.fixAll(q.path);
        if (text !== null && text !== read.text) {
          // Written back in the encoding it was read in; a character that encoding cannot hold leaves the file alone.
          const bytes = settings.fix === 'write' && read.encoding ? encodeText(text, read.encoding) : null;
          if (settings.fix === 'write' && !bytes) notWritten = read.encoding ?? read.source;
          else {
            if (bytes) writeFileSync(q.path, bytes);
            fixed = text;
            this.checker.change(q.path, 1, [{ text }]);
            checked = run(q);
          }
        }
      }
      if (!checked) continue;
      const { result, mode } = checked;
      const report = result.checked ? result.report : null;
      out.push({
        path: q.path,
        mode,
        checked: result.checked,
        diagnostics: result.diagnostics,
        report: report ? { year: report.year, template: report.template, title: report.title?.text ?? null, agency: report.title?.agency ?? null } : null,
        figures: report ? figuresOf(report) : null,
        ...(fixed !== undefined ? { fixed } : {}),
        ...(notWritten ? { notWritten } : {}),
      });
      onEach?.();
    }
    return out;
  }
}
