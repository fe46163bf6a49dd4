import { sentenceDigests } from './model/sentences';
import { T2_2021, T3_COLUMNS, type T2RowKey, type T3ColumnKey } from './model/templates';
import type { Report } from './model/types';
import { normalizeLabel } from './text/normalize';

/** A previous report keeps at most this many sentence hashes (a real report has a few hundred). */
export const MAX_PRIOR_SENTENCES = 20_000;

/**
 * What the cross-year rules need of the previous year's report: plain data (a worker can pass it by message,
 * the workspace index keeps it instead of the file), a few kilobytes however long the report.
 */
export interface Prior {
  readonly prior: true;
  year: number | null;
  /** `agencyKey` of the report. */
  agency: string | null;
  isReport: boolean;
  /** Table 三, row 四 (结转下年度继续办理): per applicant column and its total; null without the row. */
  carryNext: { counts: Partial<Record<T3ColumnKey, number | null>>; total: number | null } | null;
  /** Table 二 in the 2021 format: 现行有效件数 per row of item 一; null otherwise. */
  inForce: Partial<Record<T2RowKey, number | null>> | null;
  /** Hashes of the narrative sentences (see model/sentences.ts). */
  sentences: Set<number>;
}

const keys = new WeakMap<Report, string | null>();
const priors = new WeakMap<Report, Prior>();

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

/** The summary of a report that cross-year rules compare the next year's with (once per report). */
export function priorOf(report: Report): Prior {
  let p = priors.get(report);
  if (p) return p;
  const t3 = report.t3;
  const carryNext =
    t3 && t3.row('carryNext')
      ? { counts: Object.fromEntries(T3_COLUMNS.map((c) => [c.key, t3.count('carryNext', c.key)])), total: t3.total('carryNext') }
      : null;
  const t2 = report.t2;
  const inForce = t2 && t2.template === '2021' ? Object.fromEntries(T2_2021.filter((d) => d.item === '一').map((d) => [d.key, t2.count(d.key, 'inForce')])) : null;
  const sentences = new Set<number>();
  // The narrative's sentences: paragraphs of the six sections (not the title and preface, whose wording is fixed).
  for (const para of report.paragraphs) {
    if (para.section === 0) continue;
    const d = sentenceDigests(para.text);
    for (let k = 0; k < d.length && sentences.size < MAX_PRIOR_SENTENCES; k += 2) sentences.add(d[k]);
  }
  p = { prior: true, year: report.year, agency: agencyKey(report), isReport: report.isReport, carryNext, inForce, sentences };
  priors.set(report, p);
  return p;
}

/** A report or its summary, as a summary. */
export function asPrior(x: Report | Prior): Prior {
  return 'prior' in x ? x : priorOf(x);
}

/** Two normalised 机关 keys name the same body (one may leave out the higher level: `平罗县政府办公室` ~ `政府办公室`). */
export function sameAgency(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.endsWith(short);
}

/** What finding a report's previous year's needs: its year and 机关 (cheap, unlike the whole `Prior`). */
export type PriorKey = Pick<Prior, 'year' | 'agency' | 'isReport'>;

export function priorKeyOf(report: Report): PriorKey {
  return { year: report.year, agency: agencyKey(report), isReport: report.isReport };
}

/** Keys that can be `sameAgency` share their last three characters: the bucket of an index. */
const bucketOf = (year: number, agency: string) => `${year}\u0000${agency.slice(-3)}`;

/**
 * Reports by year and 机关, in the order they were added: `first` finds the one `findPrevious` would find
 * among them in the same order, without a scan of every report of the year.
 */
export class PriorIndex<T, K extends PriorKey = Prior> {
  private readonly buckets = new Map<string, { key: K; item: T }[]>();

  add(key: K, item: T): void {
    if (key.year === null || !key.agency || !key.isReport) return;
    const k = bucketOf(key.year, key.agency);
    let list = this.buckets.get(k);
    if (!list) this.buckets.set(k, (list = []));
    list.push({ key, item });
  }

  /** The first report added for the year before `year` of the same 机关 as `agency` (other than `self`). */
  first(year: number | null, agency: string | null, self?: T): { key: K; item: T } | null {
    if (year === null || !agency) return null;
    for (const e of this.buckets.get(bucketOf(year - 1, agency)) ?? []) if (e.item !== self && sameAgency(agency, e.key.agency!)) return e;
    return null;
  }

  /** Everything added for `year` whose 机关 is the same as `agency`, in order. */
  all(year: number, agency: string): { key: K; item: T }[] {
    return (this.buckets.get(bucketOf(year, agency)) ?? []).filter((e) => sameAgency(agency, e.key.agency!));
  }
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
