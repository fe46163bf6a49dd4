// `nianbao check`: read every file (text in any encoding, web pages, Word, PDF), open them all in one checker
// (each report is compared with the previous year's report among them), check, fix when asked, print.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import { binaryKindOfPath, cliMessage, REPORT_EXTENSIONS, resolveLocale, type Diagnostic, type Locale } from '../../core/src/index';
import type { Unreadable } from '../../server/src/node-readers';
import { docsBaseFor } from '../../server/src/paths';
import { Batch, MAX_BYTES, type CheckOut, type CheckRequest, type CheckSettings, type ReadOut } from './batch';
import { Configs } from './config';
import { collectTargets, ignoreRules, UsageError } from './files';
import { Extractors, Pool } from './pool';
import { toHtml } from './html';
import { toJson, toSarif, toText, type FileResult } from './output';
import { progressBar } from './progress';

const DEADLINE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface CheckCommandOptions {
  format: 'text' | 'json' | 'sarif' | 'html';
  output?: string;
  locale?: string;
  year?: number;
  template: 'auto' | '2019' | '2021';
  color?: boolean;
  config?: string;
  deadline?: string;
  skipUnreadable?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
  quiet?: boolean;
  maxWarnings?: number;
  ignore?: string[];
  jobs?: number;
}


export function cliLocale(flag?: string): Locale {
  return resolveLocale(flag ?? process.env.NIANBAO_LOCALE ?? process.env.LANG?.replace(/[_.].*$/, ''));
}

/** Folders this large are checked by parallel workers (unless `--jobs 1`)... */
const PARALLEL_FROM = 64;
/**
 * ...on machines with more cores than this. On 2 cores one process already keeps both busy (V8's garbage collector
 * and compiler run beside it) and two workers checking, each compiling the checks again, took longer (BENCHMARKS.md,
 * the batch rows): there, and wherever the PDF and Word files are most of the work, the other threads read those
 * files ahead of this one, which checks them all.
 */
const PARALLEL_CORES = 2;
/**
 * What reading a PDF or Word file costs, in reports checked per KB (~0.6 ms/KB against ~1 ms a text report), and
 * from how much of it other threads pay for starting and warming up (~0.4 s on 2 cores): bench/notes.md.
 */
const EXTRACT_COST_PER_KB = 0.6;
const EXTRACT_FROM = 1000;

/**
 * A batch is short: V8's optimising compiler, on its own thread, spent more time compiling (1.6 s for a 1.4 s run of
 * 1,000 reports, `node --trace-opt`) than the checks ran, and on 2 cores that thread competes with them. Inlining
 * less halves it (0.9 s) and made batches 5–14 % faster (bench/notes.md). V8's flags are the process's: the
 * workers of `--jobs` have it too. Set before the checks' code is compiled.
 */
function tuneForBatch(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
}

export async function runCheck(paths: string[], opts: CheckCommandOptions): Promise<number> {
  tuneForBatch();
  const locale = cliLocale(opts.locale);
  if (opts.deadline !== undefined && !DEADLINE.test(opts.deadline)) throw new UsageError(cliMessage(locale, 'badDeadline', { value: opts.deadline }));
  const cwd = process.cwd();
  const configs = new Configs(opts.config, { deadline: opts.deadline }, locale, cwd);
  const found = collectTargets(paths, ignoreRules(cwd, opts.ignore ?? [], locale), cwd);
  const targets = found.filter((t) => !t.bad);
  // As ESLint: nothing to check is not "no problems" (a folder of scans renamed .jpg, a mistyped folder).
  if (!found.length) {
    process.stderr.write(cliMessage(locale, 'noFiles', { extensions: REPORT_EXTENSIONS.join(' ') }) + '\n');
    return 2;
  }
  const explicit = new Set(found.filter((t) => t.explicit).map((t) => t.path));
  const shown = (path: string) => relative(cwd, path) || path;
  // NIANBAO_CORES: as if on that many cores (the tests of both ways of `--jobs` on any machine).
  const cores = Number(process.env.NIANBAO_CORES) || availableParallelism();
  // The PDF and Word files, which other threads can turn into text ahead of the checks.
  const extracted = targets.filter((t) => binaryKindOfPath(t.path)?.checkedAs);
  const extractCost = (EXTRACT_COST_PER_KB * extracted.reduce((n, t) => n + (t.size ?? 0), 0)) / 1024;
  const extractFirst = cores <= PARALLEL_CORES || extractCost >= targets.length - extracted.length;
  const wanted =
    opts.jobs ??
    (extractFirst ? (cores > 1 && extracted.length > 1 && extractCost >= EXTRACT_FROM ? Math.min(cores, 4) : 1) : targets.length >= PARALLEL_FROM ? Math.min(cores, 4) : 1);
  const jobs = Math.max(1, Math.min(wanted, 16));

  // Every file is read first: each report's previous year's report is looked up among all of them.
  let done = 0;
  const progress = progressBar(targets.length * 2, cliMessage(locale, 'progress'));
  const tick = () => progress.tick(++done);
  // `--jobs N`: N threads. Either N workers check shares of the files, or this thread checks them all in order and
  // N - 1 workers read the PDF and Word files (none if there are none).
  const extractors = jobs > 1 && extractFirst ? (extracted.length ? new Extractors(__filename, extracted.map((t) => t.path), Math.min(jobs - 1, extracted.length)) : null) : null;
  const shares = extractFirst ? 1 : Math.min(jobs, Math.ceil(targets.length / 8));
  const pool = shares > 1 ? new Pool(__filename, shares, tick) : null;
  const batch = pool ? null : new Batch(extractors?.extract);
  const settings: CheckSettings = {
    locale,
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(opts.template !== 'auto' ? { template: opts.template } : {}),
    fix: opts.fix ? 'write' : opts.fixDryRun ? 'dry' : 'no',
    ...(opts.format === 'html' || (opts.fixDryRun && !opts.fix) ? { keepText: true } : {}),
  };
  let reads: ReadOut[];
  let outs: CheckOut[];
  try {
    const requests: CheckRequest[] = targets.map((t) => ({ path: t.path, config: configs.for(t.path), explicit: t.explicit }));
    if (pool) {
      reads = await pool.read(targets.map((t) => t.path));
      outs = await pool.check(reads, requests, settings);
    } else ({ reads, outs } = await batch!.stream(requests, settings, tick));
  } finally {
    progress.end();
    await pool?.stop();
    await extractors?.stop();
  }

  let ioFailure = false;
  const results: FileResult[] = [];
  const checkedByPath = new Map(outs.map((o) => [o.path, o]));
  const readByPath = new Map(reads.map((r) => [r.path, r]));
  const patches: string[] = [];
  for (const t of found) {
    const r: ReadOut = t.bad ? { path: t.path, ok: false, reason: t.bad.reason, ...(t.bad.error ? { error: t.bad.error } : {}) } : readByPath.get(t.path)!;
    if (!r.ok) {
      if (r.reason === 'io') {
        process.stderr.write(cliMessage(locale, 'cannotRead', { path: r.path, reason: r.error ?? '' }) + '\n');
        ioFailure = true;
      }
      // Nothing unread is called clean: named or found in a folder, it is listed and counted.
      const reason = cliMessage(locale, `unreadable.${r.reason as Unreadable | 'tooLarge'}`, { limit: MAX_BYTES / 1024 / 1024, error: r.error ?? '' });
      results.push({ path: shown(r.path), report: null, diagnostics: [], unreadable: { reason: r.reason, message: reason } });
      continue;
    }
    const o = checkedByPath.get(r.path);
    if (!o || o.mode === 'off') continue;
    if (o.notWritten) process.stderr.write(cliMessage(locale, 'fixNotWritten', { path: shown(r.path), encoding: o.notWritten }) + '\n');
    if (o.fixed !== undefined && opts.fixDryRun && !opts.fix) patches.push(createTwoFilesPatch(shown(r.path), shown(r.path), o.text ?? '', o.fixed, '', cliMessage(locale, 'fixedLabel')));
    const diagnostics: Diagnostic[] = opts.quiet ? o.diagnostics.filter((d) => d.severity === 'error') : o.diagnostics;
    const fixed = o.fixed === undefined ? {} : opts.fixDryRun && !opts.fix ? { wouldFix: true } : { fixed: true };
    const file = { path: shown(r.path), source: r.source, ...(r.encoding ? { encoding: r.encoding } : {}), ...(r.places ? { places: r.places } : {}), ...fixed };
    // Named on the command line, a non-report says it was not checked; found in a folder, it is skipped silently.
    if (!o.checked) {
      if (explicit.has(r.path)) results.push({ ...file, report: null, diagnostics });
      continue;
    }
    results.push({ ...file, report: o.report, diagnostics, ...(opts.format === 'html' ? { figures: o.figures, text: o.fixed ?? o.text ?? '' } : {}) });
  }

  const skip = opts.skipUnreadable === true;
  const color = !opts.output && opts.color !== false && !process.env.NO_COLOR && !!process.stdout.isTTY;
  let out =
    opts.format === 'json'
      ? toJson(results)
      : opts.format === 'sarif'
        ? toSarif(results, locale, { srcRoot: pathToFileURL(cwd).href.replace(/\/?$/, '/'), docsBase: docsBaseFor(__dirname), windows: sep === '\\' })
        : opts.format === 'html'
          ? toHtml(results, locale)
          : toText(results, locale, color, skip);
  if (patches.length && opts.format === 'text') out = patches.join('') + '\n' + out;
  else if (patches.length) process.stderr.write(patches.join(''));
  if (opts.output) writeFileSync(opts.output, out);
  else process.stdout.write(out);

  const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  if (tooManyWarnings) process.stderr.write(cliMessage(locale, 'tooManyWarnings', { warnings, max: opts.maxWarnings! }) + '\n');
  if (ioFailure || (!skip && results.some((r) => r.unreadable))) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) || tooManyWarnings ? 1 : 0;
}
