import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  cliMessage,
  CONFIG_FILE,
  createChecker,
  isReportPath,
  mergeConfig,
  readConfig,
  resolveLocale,
  CONFIGURABLE_RULES,
  type Locale,
  type NianbaoConfig,
  type Report,
} from '../../core/src/index';
import { runNodeServer } from '../../server/src/node-main';
import { readReportFile, type ReadFile } from '../../server/src/node-readers';
import { docsBaseFor } from '../../server/src/paths';
import { toJson, toSarif, toText, type FileResult } from './output';

const MAX_BYTES = 16 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

class UsageError extends Error {}

function collect(path: string, explicit: boolean, out: { path: string; explicit: boolean }[]): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new UsageError(String((e as Error).message));
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
      const child = join(path, name);
      const cst = statSync(child);
      if (cst.isDirectory()) collect(child, false, out);
      else if (isReportPath(name)) out.push({ path: child, explicit: false });
    }
  } else out.push({ path, explicit });
}

interface CheckCommandOptions {
  format: 'text' | 'json' | 'sarif';
  locale?: string;
  year?: number;
  template: 'auto' | '2019' | '2021';
  color?: boolean;
  config?: string;
  deadline?: string;
  skipUnreadable?: boolean;
}

const DEADLINE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `--config <file>`, else `.nianbao.json` in the current directory when there is one. Throws UsageError when it is bad. */
function loadConfig(explicit: string | undefined, locale: Locale): NianbaoConfig {
  const path = explicit ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : null);
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(cliMessage(locale, 'configUnreadable', { path, reason: (e as Error).message }));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new UsageError(cliMessage(locale, 'configBadJson', { path, reason: (e as Error).message }));
  }
  const { config, problems } = readConfig(raw, new Set(CONFIGURABLE_RULES.map((r) => r.id)));
  if (problems.length) throw new UsageError(cliMessage(locale, 'configInvalid', { path, problems: problems.join('; ') }));
  return config;
}

async function runCheck(paths: string[], opts: CheckCommandOptions): Promise<number> {
  const locale = resolveLocale(opts.locale ?? process.env.NIANBAO_LOCALE ?? process.env.LANG?.replace(/[_.].*$/, ''));
  if (opts.deadline !== undefined && !DEADLINE.test(opts.deadline)) throw new UsageError(cliMessage(locale, 'badDeadline', { value: opts.deadline }));
  // Command-line options win over the configuration file.
  const config = mergeConfig(loadConfig(opts.config, locale), { deadline: opts.deadline });
  const targets: { path: string; explicit: boolean }[] = [];
  for (const p of paths) collect(p, true, targets);
  let ioFailure = false;
  // Every file is opened first: each report's previous year's report is looked up among all of them.
  const checker = createChecker({ maxChars: () => Infinity, logger: (m) => process.stderr.write(`nianbao: ${m}\n`) });
  const opened: { path: string; explicit: boolean; read: ReadFile; order: number }[] = [];
  // Results in the order the files were named and found.
  const results: (FileResult & { order: number })[] = [];
  const shown = (path: string) => relative(process.cwd(), path) || path;
  for (const [order, t] of targets.entries()) {
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
      results.push({ order, path: shown(t.path), report: null, diagnostics: [], lines: [], unreadable: { reason: read.reason, message: reason } });
      continue;
    }
    checker.open(t.path, read.format === 'text' ? 'plaintext' : read.format, 0, read.text);
    opened.push({ ...t, read, order });
  }
  for (const f of opened) {
    const checked = checker.check(f.path, {
      config,
      locale,
      ...(opts.year !== undefined ? { year: opts.year } : {}),
      ...(opts.template !== 'auto' ? { template: opts.template } : {}),
      explicit: f.explicit,
    });
    if (!checked || checked.mode === 'off') continue;
    const { result } = checked;
    const { source, encoding, places } = f.read;
    const file = { order: f.order, path: shown(f.path), source, ...(encoding ? { encoding } : {}), ...(places ? { places } : {}) };
    if (!result.checked) {
      // Named on the command line: not-a-report says it was not checked; found in a folder: skipped silently.
      if (f.explicit) results.push({ ...file, report: null, diagnostics: result.diagnostics, lines: [] });
      continue;
    }
    results.push({ ...file, report: summarize(result.report), diagnostics: result.diagnostics, lines: f.read.text.split(/\r\n|\r|\n/) });
  }
  results.sort((a, b) => a.order - b.order);
  const skip = opts.skipUnreadable === true;
  const out =
    opts.format === 'json'
      ? toJson(results)
      : opts.format === 'sarif'
        ? toSarif(results, locale)
        : toText(results, locale, opts.color !== false && !process.env.NO_COLOR && !!process.stdout.isTTY, skip);
  process.stdout.write(out);
  if (ioFailure || (!skip && results.some((r) => r.unreadable))) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

function summarize(r: Report): FileResult['report'] {
  return { year: r.year, template: r.template, title: r.title?.text ?? null };
}

function parseYear(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 2008 || n > 2100) throw new InvalidArgumentError('expected a four-digit year, e.g. 2024');
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let code = 0;
  program
    .name('nianbao')
    .description('Checks government information disclosure annual reports (政府信息公开工作年度报告).')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command('check')
    .description('check report files (.txt, .md, .html, .pdf, .docx) or folders')
    .argument('<paths...>', 'files or folders')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('-l, --locale <locale>', 'message language').choices(['zh-cn', 'en', 'zh', 'en-us']))
    .option('--year <year>', 'report year, overriding the one read from the document', parseYear)
    .addOption(new Option('--template <template>', 'table format to expect').choices(['auto', '2019', '2021']).default('auto'))
    .option('--config <file>', 'settings file (default: .nianbao.json in the current directory, when present)')
    .option('--deadline <MM-DD>', 'publication deadline in the year after the report year (default 01-31)')
    .option('--skip-unreadable', 'list files that cannot be read (scans, encrypted PDFs, .doc) but do not exit with 2 for them')
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts: CheckCommandOptions) => {
      code = await runCheck(paths, opts);
    });
  program
    .command('lsp')
    .description('run the language server (for editors other than VS Code)')
    .option('--stdio', 'talk over standard input and output (the default)')
    .allowUnknownOption(true)
    .action(() => {
      if (!process.argv.includes('--stdio') && !process.argv.some((a) => a.startsWith('--node-ipc') || a.startsWith('--socket'))) process.argv.push('--stdio');
      runNodeServer(docsBaseFor(__dirname));
      code = -1;
    });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { exitCode?: number; code?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    if (e instanceof UsageError) {
      process.stderr.write(`nianbao: ${e.message}\n`);
      return 2;
    }
    if (err.code?.startsWith('commander.')) return 2;
    process.stderr.write(`nianbao: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return code;
}

void main(process.argv).then((code) => {
  if (code >= 0) process.exitCode = code;
});
