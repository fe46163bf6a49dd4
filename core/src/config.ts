import type { Severity, SeverityOrOff } from './types';

/** Settings shared by the editor and the CLI: VS Code `nianbao.*` settings and a workspace `.nianbao.json`. Data only. */
export interface NianbaoConfig {
  rules?: Record<string, SeverityOrOff>;
  /** Publication deadline in the year after the report year, `MM-DD` (default `01-31`). */
  deadline?: string;
  validate?: 'auto' | 'always' | 'off';
}

export const CONFIG_FILE = '.nianbao.json';
const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'info', 'hint', 'off'];
const DEADLINE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isSeverity(v: unknown): v is SeverityOrOff {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/**
 * Reads a config object (parsed `.nianbao.json`, or VS Code settings). Unknown keys and bad values are
 * reported and ignored, never fatal; `knownRules` lists the valid rule ids.
 */
export function readConfig(raw: unknown, knownRules: ReadonlySet<string>): { config: NianbaoConfig; problems: string[] } {
  const problems: string[] = [];
  const config: NianbaoConfig = {};
  if (raw === null || raw === undefined) return { config, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { config, problems: ['the configuration must be a JSON object'] };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push('"rules" must be an object of rule id → severity');
        continue;
      }
      config.rules = {};
      for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
        if (!knownRules.has(id)) problems.push(`unknown rule "${id}"`);
        else if (!isSeverity(sev)) problems.push(`rule "${id}": "${String(sev)}" is not one of ${SEVERITIES.join(', ')}`);
        else config.rules[id] = sev;
      }
    } else if (key === 'deadline') {
      if (typeof value === 'string' && DEADLINE.test(value)) config.deadline = value;
      else problems.push(`"deadline" must be MM-DD, e.g. "01-31"`);
    } else if (key === 'validate') {
      if (value === 'auto' || value === 'always' || value === 'off') config.validate = value;
      else problems.push(`"validate" must be auto, always or off`);
    } else {
      problems.push(`unknown setting "${key}"`);
    }
  }
  return { config, problems };
}

/** Later layers win, rule by rule. */
export function mergeConfig(...layers: (NianbaoConfig | undefined)[]): NianbaoConfig {
  const out: NianbaoConfig = {};
  for (const l of layers) {
    if (!l) continue;
    if (l.rules) out.rules = { ...out.rules, ...l.rules };
    if (l.deadline) out.deadline = l.deadline;
    if (l.validate) out.validate = l.validate;
  }
  return out;
}

export type { Severity };
