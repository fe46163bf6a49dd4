// Settings for each file: `--config <file>` or `.nianbao.json` in the current directory, then every
// `.nianbao.json` in the folders from there down to the file's own (a subfolder's wins over its parent's, rule
// by rule), then the command-line options. A bad file is a usage error (exit 2).
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { cliMessage, CONFIG_FILE, CONFIGURABLE_RULES, jsonErrorText, mergeConfig, parseConfigFile, problemList, type Locale, type NianbaoConfig } from '../../core/src/index';
import { readBounded, readFailure, UsageError } from './files';

const KNOWN = new Set(CONFIGURABLE_RULES.map((r) => r.id));
/** A settings file larger than this is refused (it is a few hundred bytes; `/dev/zero` never ends). */
const MAX_CONFIG_BYTES = 1024 * 1024;

function readFile(file: string, locale: Locale, cwd: string): NianbaoConfig {
  // Messages name the file as the user would: relative to the current directory.
  const path = relative(cwd, file) || file;
  let text: string;
  try {
    text = readBounded(file, MAX_CONFIG_BYTES).toString('utf8');
  } catch (e) {
    throw new UsageError(cliMessage(locale, 'configUnreadable', { path, reason: readFailure(locale, e) }));
  }
  // As the editor reads it: an empty file (just created) sets nothing; a broken one says where, in the user's language.
  const result = parseConfigFile(text, KNOWN);
  if (result.kind === 'none') return {};
  if (result.kind === 'badJson') throw new UsageError(cliMessage(locale, 'configBadJson', { path, reason: jsonErrorText(locale, result.at) }));
  if (result.problems.length) throw new UsageError(cliMessage(locale, 'configInvalid', { path, problems: problemList(locale, result.problems) }));
  return result.config;
}

export class Configs {
  private readonly base: NianbaoConfig;
  private readonly folders = new Map<string, NianbaoConfig | null>();
  private readonly cwd: string;

  constructor(
    explicit: string | undefined,
    private readonly overrides: NianbaoConfig,
    private readonly locale: Locale,
    cwd = process.cwd(),
  ) {
    this.cwd = resolve(cwd);
    const path = explicit ?? (existsSync(join(this.cwd, CONFIG_FILE)) ? join(this.cwd, CONFIG_FILE) : null);
    this.base = path ? readFile(path, locale, this.cwd) : {};
  }

  private folder(dir: string): NianbaoConfig | null {
    if (!this.folders.has(dir)) {
      const file = join(dir, CONFIG_FILE);
      this.folders.set(dir, existsSync(file) ? readFile(file, this.locale, this.cwd) : null);
    }
    return this.folders.get(dir)!;
  }

  /** The settings for the file at `path`. */
  for(path: string): NianbaoConfig {
    const dir = dirname(resolve(path));
    const rel = relative(this.cwd, dir);
    // Folders below the current directory, outermost first; a file elsewhere gets only its own folder's file.
    const chain: string[] = [];
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
      let d = dir;
      while (d !== this.cwd && d.length > this.cwd.length) {
        chain.unshift(d);
        d = dirname(d);
      }
    } else if (rel) chain.push(dir);
    return mergeConfig(this.base, ...chain.map((d) => this.folder(d) ?? undefined), this.overrides);
  }
}
