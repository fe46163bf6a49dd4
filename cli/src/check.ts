// `nianbao check`: read every file (text in any encoding, web pages, Word, PDF), open them all in one checker
// (each report is compared with the previous year's report among them), check, fix when asked, print.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import { cliMessage, REPORT_EXTENSIONS, resolveLocale, type Diagnostic, type Locale } from '../../core/src/index';
import type { Unreadable } from '../../server/src/node-readers';
import { docsBaseFor } from '../../server/src/paths';
import { Batch, MAX_BYTES, type CheckOut, type CheckRequest, type CheckSettings, type ReadOut } from './batch';
import { Configs } from './config';
import { collectTargets, ignoreRules, UsageError } from './files';
import { Pool } from './pool';
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
 * runs beside it) and two workers, memory-bound, took longer (BENCHMARKS.md, the batch row): `--jobs 2` still asks.
 */
const PARALLEL_CORES = 2;

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
  const cores = availableParallelism();
  const jobs = Math.max(1, Math.min(opts.jobs ?? (targets.length >= PARALLEL_FROM && cores > PARALLEL_CORES ? Math.min(cores, 4) : 1), 16, Math.ceil(targets.length / 8) || 1));

  // Every file is read first: each report's previous year's report is looked up among all of them.
  let done = 0;
  const progress = progressBar(targets.length * 2, cliMessage(locale, 'progress'));
  const tick = () => progress.tick(++done);
  const pool = jobs > 1 ? new Pool(__filename, jobs, tick) : null;
  const batch = pool ? null : new Batch();
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
