// Runs the checker on the real reports of ../shared/corpus and matches what it says against the
// adjudicated faults (`<case>.expect.json`; the matching rule is in the README there).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, formatOf, type Diagnostic } from '../../core/src/index';
import { SHARED } from '../helpers';

export const CORPUS = SHARED && existsSync(join(SHARED, 'corpus')) ? join(SHARED, 'corpus') : null;

export interface Expect {
  must: { code: string; line: number }[];
  may?: { code: string; line: number }[];
  clean?: boolean;
  mustNot?: string[];
}

export interface CaseResult {
  id: string;
  file: string;
  /** `must` entries not reported. */
  missed: Expect['must'];
  found: number;
  /** Errors and warnings that match no `must` or `may`. */
  falseAlarms: Diagnostic[];
  diagnostics: Diagnostic[];
}

const TOLERANCE = 2;
const near = (d: Diagnostic, e: { code: string; line: number }) => d.code === e.code && Math.abs(d.range.start.line - e.line) <= TOLERANCE;

export function corpusCases(dir = CORPUS): { id: string; file: string; expect: Expect }[] {
  if (!dir) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const m = /^(.+)\.expect\.json$/.exec(name);
    if (!m) continue;
    const doc = ['txt', 'md'].map((ext) => join(dir, `${m[1]}.${ext}`)).find(existsSync);
    if (doc) out.push({ id: m[1], file: doc, expect: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Expect });
  }
  return out;
}

export function scoreCase(c: { id: string; file: string; expect: Expect }): CaseResult {
  const diagnostics = checkText(readFileSync(c.file, 'utf8'), formatOf(c.file)).diagnostics;
  const used = new Set<Diagnostic>();
  const missed: Expect['must'] = [];
  for (const e of c.expect.must) {
    const d = diagnostics.find((x) => !used.has(x) && near(x, e));
    if (d) used.add(d);
    else missed.push(e);
  }
  const may = c.expect.may ?? [];
  const falseAlarms = diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && !used.has(d) && !may.some((e) => near(d, e)));
  return { id: c.id, file: c.file, missed, found: c.expect.must.length - missed.length, falseAlarms, diagnostics };
}
