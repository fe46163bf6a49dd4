import { Command, InvalidArgumentError, Option } from 'commander';
import { runNodeServer } from '../../server/src/node-main';
import { docsBaseFor } from '../../server/src/paths';
import { cliLocale, runCheck, type CheckCommandOptions } from './check';
import { UsageError } from './files';
import { HELP } from './help';
import { serveWorker } from './pool';

function parseYear(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 2008 || n > 2100) throw new InvalidArgumentError('expected a four-digit year, e.g. 2024');
  return n;
}

function parseJobs(v: string): number {
  if (!/^[1-9]\d?$/.test(v)) throw new InvalidArgumentError('expected a number of workers, e.g. 2');
  return Number(v);
}

function parseCount(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number, e.g. 0');
  return Number(v);
}

/** The help's language: `--locale` if given (before commander reads it), else the environment's. */
function helpLocale(argv: string[]) {
  const i = argv.findIndex((a) => a === '--locale' || a === '-l' || a.startsWith('--locale='));
  const flag = i < 0 ? undefined : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return cliLocale(flag);
}

export async function main(argv: string[]): Promise<number> {
  const h = HELP[helpLocale(argv)];
  const program = new Command();
  let code = 0;
  program
    .name('nianbao')
    .description(h.program)
    .version('0.1.0', '-V, --version', h.version)
    .helpOption('-h, --help', h.help)
    .helpCommand('help [command]', h.helpCommand)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // commander writes its headings in English: the help speaks the user's language.
      writeOut: (s) => process.stdout.write(h.headings.reduce((t, [en, local]) => t.replace(new RegExp(`^${en}`, 'gm'), local), s)),
    })
    .configureHelp({
      optionDescription(option) {
        const extra = [
          ...(option.argChoices ? [`${h.choices}${option.argChoices.join(', ')}`] : []),
          ...(option.defaultValue !== undefined && (option.required || option.optional) ? [`${h.defaultValue}${String(option.defaultValue)}`] : []),
        ];
        return extra.length ? h.note(option.description, extra) : option.description;
      },
    });
  program
    .command('check')
    .description(h.check)
    .argument('<paths...>', h.paths)
    .helpOption('-h, --help', h.help)
    .addOption(new Option('-f, --format <format>', h.format).choices(['text', 'json', 'sarif', 'html']).default('text'))
    .option('-o, --output <file>', h.output)
    .addOption(new Option('-l, --locale <locale>', h.locale).choices(['zh-cn', 'en', 'zh', 'en-us']))
    .option('--fix', h.fix)
    .option('--fix-dry-run', h.fixDryRun)
    .option('--quiet', h.quiet)
    .option('--max-warnings <n>', h.maxWarnings, parseCount)
    .option('--ignore <pattern>', h.ignore, (v: string, prev: string[] = []) => [...prev, v])
    .option('--skip-unreadable', h.skipUnreadable)
    .option('-j, --jobs <n>', h.jobs, parseJobs)
    .option('--year <year>', h.year, parseYear)
    .addOption(new Option('--template <template>', h.template).choices(['auto', '2019', '2021']).default('auto'))
    .option('--config <file>', h.config)
    .option('--deadline <MM-DD>', h.deadline)
    .option('--no-color', h.noColor)
    .action(async (paths: string[], opts: CheckCommandOptions) => {
      code = await runCheck(paths, opts);
    });
  program
    .command('lsp')
    .description(h.lsp)
    .helpOption('-h, --help', h.help)
    .option('--stdio', h.stdio)
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

// The same bundle is a worker of a large batch (pool.ts) or the command line.
if (!serveWorker()) {
  void main(process.argv).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
