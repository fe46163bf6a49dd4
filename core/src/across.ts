import type { Report } from './model/types';
import { normalizeLabel } from './text/normalize';

const keys = new WeakMap<Report, string | null>();

/** The 机关 name of a report, normalised for comparison (`人民政府` and `政府` are the same); computed once per report. */
export function agencyKey(report: Report): string | null {
  let key = keys.get(report);
  if (key === undefined) {
    const a = report.title?.agency;
    const k = a ? normalizeLabel(a).replace(/人民政府/g, '政府') : '';
    key = k.length >= 2 ? k : null;
    keys.set(report, key);
  }
  return key;
}

/** Two normalised 机关 keys name the same body (one may leave out the higher level: `平罗县政府办公室` ~ `政府办公室`). */
export function sameAgency(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.endsWith(short);
}

/** Among candidate reports, the one of the same 机关 for the year before. */
export function findPrevious<T extends { report: Report }>(report: Report, candidates: readonly T[]): T | null {
  const key = agencyKey(report);
  if (!key || report.year === null) return null;
  for (const c of candidates) {
    if (c.report === report || c.report.year !== report.year - 1 || !c.report.isReport) continue;
    const other = agencyKey(c.report);
    if (other && sameAgency(key, other)) return c;
  }
  return null;
}
