// `nianbao check`: read every file (text in any encoding, web pages, Word, PDF), open them all in one checker
// (each report is compared with the previous year's report among them), check, fix when asked, print.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { cliMessage, createChecker, resolveLocale, type Diagnostic, type Locale, type Report } from '../../core/src/index';
import { readReportFile, type ReadFile } from '../../server/src/node-readers';
import { Configs } from './config';
import { encodeText } from './encode';
import { collectTargets, ignoreRules, UsageError } from './files';
import { toHtml } from './html';
import { toJson, toSarif, toText, type FileResult } from './output';
import { progressBar } from './progress';

const MAX_BYTES = 16 * 1024 * 1024;
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
}

export function cliLocale(flag?: string): Locale {
  return resolveLocale(flag ?? process.env.NIANBAO_LOCALE ?? process.env.LANG?.replace(/[_.].*$/, ''));
}

function summarize(r: Report): FileResult['report'] {
  return { year: r.year, template: r.template, title: r.title?.text ?? null, agency: r.title?.agency ?? null };
}

interface Opened {
  path: string;
  explicit: boolean;
  read: ReadFile;
  order: number;
  text: string;
  version: number;
  /** The text `--fix` (or `--fix-dry-run`) made of it, when it changed. */
  fixed?: string;
}

export async function runCheck(paths: string[], opts: CheckCommandOptions): Promise<number> {
  const locale = cliLocale(opts.locale);
  if (opts.deadline !== undefined && !DEADLINE.test(opts.deadline)) throw new UsageError(cliMessage(locale, 'badDeadline', { value: opts.deadline }));
  const cwd = process.cwd();
  const configs = new Configs(opts.config, { deadline: opts.deadline }, locale, cwd);
  const targets = collectTargets(paths, ignoreRules(cwd, opts.ignore ?? []), cwd);
  const shown = (path: string) => relative(cwd, path) || path;
  let ioFailure = false;
  // Every file is opened first: each report's previous year's report is looked up among all of them.
  const checker = createChecker({ maxChars: () => Infinity, logger: (m) => process.stderr.write(`nianbao: ${m}\n`) });
  const opened: Opened[] = [];
  const results: (FileResult & { order: number })[] = [];
  const progress = progressBar(targets.length, cliMessage(locale, 'progress'));
  for (const [order, t] of targets.entries()) {
    progress.tick(order);
    let read;
    try {
      read = await readReportFile(t.path, MAX_BYTES);
    } catch (e) {
      process.stderr.write(cliMessage(locale, 'cannotRead', { path: t.path, reason: (e as Error).message }) + '\n');
      ioFailure = true;
      continue;
    }
    if (!read.ok) {
      // Nothing unread is called clean: named or found in a folder, it is listed and counted.
      const reason = cliMessage(locale, `unreadable.${read.reason}`, { limit: MAX_BYTES / 1024 / 1024 });
      results.push({ order, path: shown(t.path), report: null, diagnostics: [], unreadable: { reason: read.reason, message: reason } });
      continue;
    }
    checker.open(t.path, read.format === 'text' ? 'plaintext' : read.format, 0, read.text);
    opened.push({ ...t, read, order, text: read.text, version: 0 });
  }
  progress.end();
  const settingsOf = (f: Opened) => ({
    config: configs.for(f.path),
    locale,
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(opts.template !== 'auto' ? { template: opts.template } : {}),
    explicit: f.explicit,
  });
  const check = (f: Opened) => checker.check(f.path, settingsOf(f));
  for (const f of opened) check(f);

  const patches: string[] = [];
  if (opts.fix || opts.fixDryRun) {
    for (const f of opened) {
      if (!checker.lastCheck(f.path)?.result.checked) continue;
      const fixed = checker.fixAll(f.path);
      if (fixed === null || fixed === f.text) continue;
      if (opts.fixDryRun) patches.push(createTwoFilesPatch(shown(f.path), shown(f.path), f.text, fixed, '', cliMessage(locale, 'fixedLabel')));
      else {
        // Written back in the encoding it was read in; a character that encoding cannot hold leaves the file alone.
        const bytes = f.read.encoding ? encodeText(fixed, f.read.encoding) : null;
        if (!bytes) {
          process.stderr.write(cliMessage(locale, 'fixNotWritten', { path: shown(f.path), encoding: f.read.encoding ?? f.read.source }) + '\n');
          continue;
        }
        writeFileSync(f.path, bytes);
      }
      f.fixed = fixed;
      checker.change(f.path, ++f.version, [{ text: fixed }]);
    }
    // What is left after the fixes (with --fix-dry-run: what would be left).
    for (const f of opened) if (f.fixed !== undefined) check(f);
  }

  for (const f of opened) {
    const last = checker.lastCheck(f.path);
    if (!last || last.mode === 'off') continue;
    const { result } = last;
    const { source, encoding, places } = f.read;
    const diagnostics: Diagnostic[] = opts.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
    const fixed = f.fixed === undefined ? {} : opts.fixDryRun && !opts.fix ? { wouldFix: true } : { fixed: true };
    const file = { order: f.order, path: shown(f.path), source, ...(encoding ? { encoding } : {}), ...(places ? { places } : {}), ...fixed };
    if (!result.checked) {
      // Named on the command line: not-a-report says it was not checked; found in a folder: skipped silently.
      if (f.explicit) results.push({ ...file, report: null, diagnostics });
      continue;
    }
    results.push({ ...file, report: summarize(result.report), diagnostics, ...(opts.format === 'html' ? { model: result.report, text: f.fixed ?? f.text } : {}) });
  }
  results.sort((a, b) => a.order - b.order);

  const skip = opts.skipUnreadable === true;
  const color = !opts.output && opts.color !== false && !process.env.NO_COLOR && !!process.stdout.isTTY;
  let out =
    opts.format === 'json'
      ? toJson(results)
      : opts.format === 'sarif'
        ? toSarif(results, locale)
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
