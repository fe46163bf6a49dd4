import type { Prior } from '../across';
// Settings from the editor (`nianbao.*`) and from `.nianbao.json`, turned into what a check is run with. Data
// only: nothing here can make the server run code from a workspace.
import { CONFIG_FILE, mergeConfig, readConfig, type NianbaoConfig } from '../config';
import type { Locale } from '../types';

export type LocaleSetting = 'auto' | 'zh-cn' | 'en';

export interface EditorSettings {
  config: NianbaoConfig;
  locale: LocaleSetting;
  /** Absent when the editor does not say. */
  debounceMs?: number;
  /** Documents larger than this many MB are not checked. */
  maxFileSizeMB?: number;
  /** `nianbao.tables.align`: show tab tables aligned; on unless set to false. */
  alignTables?: boolean;
  /** `nianbao.tables.alignWide`: tables wider than FITTING_COLUMNS too; off unless set to true. */
  alignWideTables?: boolean;
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The `nianbao` section as the editor reports it. VS Code fills rule settings nobody set with `""` or `null`;
 * those keep the rule's default.
 */
export function readEditorSettings(raw: unknown, knownRules: ReadonlySet<string>): EditorSettings {
  const section = isObject(raw) ? raw : {};
  const picked: Record<string, unknown> = {};
  if (isObject(section.rules)) {
    const rules: Record<string, unknown> = {};
    for (const [id, v] of Object.entries(section.rules)) if (v !== '' && v !== null && v !== undefined) rules[id] = v;
    picked.rules = rules;
  }
  if (typeof section.deadline === 'string' && section.deadline !== '') picked.deadline = section.deadline;
  if (section.validate !== undefined && section.validate !== null) picked.validate = section.validate;
  const { config, problems } = readConfig(picked, knownRules);
  const locale: LocaleSetting = section.locale === 'zh-cn' || section.locale === 'en' ? section.locale : 'auto';
  const d = section.debounceMs;
  const m = section.maxFileSizeMB;
  return {
    config,
    locale,
    problems,
    ...(typeof d === 'number' && Number.isFinite(d) && d >= 0 ? { debounceMs: d } : {}),
    ...(typeof m === 'number' && Number.isFinite(m) && m >= 0 ? { maxFileSizeMB: m } : {}),
    ...(isObject(section.tables) && typeof section.tables.align === 'boolean' ? { alignTables: section.tables.align } : {}),
    ...(isObject(section.tables) && typeof section.tables.alignWide === 'boolean' ? { alignWideTables: section.tables.alignWide } : {}),
  };
}

export type ConfigFileResult =
  | { kind: 'none' }
  | { kind: 'ok'; config: NianbaoConfig; problems: string[] }
  | { kind: 'badJson'; reason: string; at: JsonErrorPlace };

/** Where JSON.parse stopped: a 1-based line and column, `end` when the text stops too early, or null. */
export type JsonErrorPlace = { line: number; column: number } | 'end' | null;

function jsonErrorPlace(text: string, message: string): JsonErrorPlace {
  if (/end of JSON input/i.test(message)) return 'end';
  const m = /at position (\d+)/.exec(message);
  if (!m) return null;
  const before = text.slice(0, Math.min(Number(m[1]), text.length));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** A `.nianbao.json` file's text (`null`: there is none). */
export function parseConfigFile(text: string | null, knownRules: ReadonlySet<string>): ConfigFileResult {
  if (text === null) return { kind: 'none' };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A file just created (nothing typed in it yet) sets nothing.
  if (body.trim() === '') return { kind: 'none' };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { kind: 'badJson', reason, at: jsonErrorPlace(body, reason) };
  }
  const { config, problems } = readConfig(raw, knownRules);
  return { kind: 'ok', config, problems };
}

export { CONFIG_FILE };

/** What one document is checked with. */
export interface DocumentSettings {
  /** Editor settings and `.nianbao.json`, merged (see mergeConfig). */
  config: NianbaoConfig;
  locale: Locale;
  /** Base URI of the rule pages, ending with `/`. */
  docsBase?: string;
  /** Report year and table format forced by the user (CLI `--year`, `--template`). */
  year?: number;
  template?: '2019' | '2021';
  /** Named explicitly (a CLI argument): a file that is not a report says so (not-a-report) instead of nothing. */
  explicit?: boolean;
  /** The previous year's report, found by the caller (the CLI's batch); left out, the checker looks it up. */
  previous?: { uri: string; prior: Prior } | null;
}

/**
 * A document's configuration: its editor settings, then the `.nianbao.json` files of its folders, outermost first
 * (each wins over the ones before it, rule by rule).
 */
export function documentConfig(editor: NianbaoConfig, ...files: (ConfigFileResult | undefined)[]): NianbaoConfig {
  return mergeConfig(editor, ...files.map((f) => (f?.kind === 'ok' ? f.config : undefined)));
}

/** Whether a document is checked: `off`, every document (`always`: the nianbao language), or only reports (`auto`). */
export function checkMode(languageId: string, config: NianbaoConfig, large: boolean): 'off' | 'always' | 'auto' {
  if (large || config.validate === 'off') return 'off';
  return languageId === 'nianbao' || config.validate === 'always' ? 'always' : 'auto';
}
