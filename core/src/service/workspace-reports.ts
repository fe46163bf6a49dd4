// The reports on disk in the workspace folders, for the rules that compare a report with the previous year's
// (same 机关, same folder tree): what the files said, kept per file until one is someone's previous report, then
// kept as its model only. Reading the files is the host's (the server's file system, the CLI's arguments).
import { findPrevious } from '../across';
import { analyze } from '../check';
import { formatOfDocument } from '../formats/index';
import type { Report } from '../model/types';
import { ParsedDocument } from '../parse/document';
import { isUnder, uriKey } from './uri';

/** Only the head of a file is searched for the words and years that make it a candidate. */
const HEAD = 8000;
const REPORT_WORDS = /年度报告|年报|政府信息公开|总体情况/;

interface Entry {
  uri: string;
  mtime: number;
  size: number;
  /** Years named in the head of the file: a file can be the previous report only for the year after one of these. */
  years: ReadonlySet<number>;
  /** Kept until the file is parsed. */
  text: string | null;
  /** The model, once parsed (null: not a report). */
  report?: Report | null;
}

export interface Candidate {
  uri: string;
  report: Report;
}

function yearsIn(text: string): Set<number> {
  const head = text.slice(0, HEAD);
  const years = new Set<number>();
  if (!REPORT_WORDS.test(head)) return years;
  for (const m of head.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)) years.add(Number(m[0]));
  return years;
}

export class WorkspaceReports {
  private readonly entries = new Map<string, Entry>();
  private folderList: string[] = [];

  get folders(): readonly string[] {
    return this.folderList;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The innermost workspace folder holding `uri`. */
  folderOf(uri: string): string | null {
    let best: string | null = null;
    for (const f of this.folderList) if (isUnder(uri, f) && (!best || uriKey(f).length > uriKey(best).length)) best = f;
    return best;
  }

  hasFolder(folder: string): boolean {
    return this.folderList.some((f) => uriKey(f) === uriKey(folder));
  }

  addFolder(folder: string): void {
    if (!this.hasFolder(folder)) this.folderList.push(folder);
  }

  removeFolder(folder: string): void {
    this.folderList = this.folderList.filter((f) => uriKey(f) !== uriKey(folder));
    for (const [k, e] of this.entries) if (!this.folderOf(e.uri)) this.entries.delete(k);
  }

  /** Whether the file is known with this modification time and size (then it need not be read again). */
  isCurrent(uri: string, mtime: number, size: number): boolean {
    const e = this.entries.get(uriKey(uri));
    return !!e && e.mtime === mtime && e.size === size;
  }

  has(uri: string): boolean {
    return this.entries.has(uriKey(uri));
  }

  /** The years a file named near its top (empty when unknown). */
  yearsOf(uri: string): ReadonlySet<number> {
    return this.entries.get(uriKey(uri))?.years ?? new Set();
  }

  /** Records what a file holds (`text` null: unreadable or binary, forgotten). */
  put(uri: string, mtime: number, size: number, text: string | null): void {
    const key = uriKey(uri);
    if (text === null || text.slice(0, 8192).includes('\0')) {
      this.entries.delete(key);
      return;
    }
    const years = yearsIn(text);
    this.entries.set(key, { uri, mtime, size, years, text: years.size ? text : null, ...(years.size ? {} : { report: null }) });
  }

  delete(uri: string): void {
    this.entries.delete(uriKey(uri));
  }

  /** Whether the file at `uri` names `year` near its top (could be the previous report of a `year + 1` one). */
  names(uri: string, year: number): boolean {
    return this.entries.get(uriKey(uri))?.years.has(year) ?? false;
  }

  private reportOf(e: Entry): Report | null {
    if (e.report === undefined) {
      const text = e.text ?? '';
      e.text = null;
      e.report = analyze(ParsedDocument.parse(text, formatOfDocument(e.uri).id));
      if (!e.report.isReport) e.report = null;
    }
    return e.report;
  }

  /**
   * The previous year's report of the same 机关 for the report at `uri`: among `open` documents (their live
   * text) first, then the files in the same workspace folder that are not open.
   */
  previousOf(uri: string, report: Report, open: readonly Candidate[], isOpen: (key: string) => boolean): Candidate | null {
    if (report.year === null || !report.isReport) return null;
    const folder = this.folderOf(uri);
    const sameTree = (u: string) => (folder ? isUnder(u, folder) : this.folderOf(u) === null);
    const self = uriKey(uri);
    // Only a report of the year before can be the previous one: the year is the cheap test, so it goes first.
    const wanted = report.year - 1;
    const candidates: Candidate[] = open.filter((c) => c.report.year === wanted && c.report.isReport && uriKey(c.uri) !== self && sameTree(c.uri));
    if (folder && this.entries.size) {
      for (const [k, e] of this.entries) {
        if (k === self || isOpen(k) || !e.years.has(report.year - 1) || !isUnder(e.uri, folder)) continue;
        const r = this.reportOf(e);
        if (r) candidates.push({ uri: e.uri, report: r });
      }
    }
    return findPrevious(report, candidates);
  }
}
