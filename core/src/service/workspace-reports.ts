// The reports on disk in the workspace folders, for the rules that compare a report with the previous year's
// (same 机关, same folder tree): what the files said, kept per file until one is someone's previous report, then
// only its summary (`Prior`). Texts kept waiting are bounded in total; past the bound a file's text is let go and
// read again by the host when it is needed (`takeWanted`, `supply`). Reading the files is the host's.
import { agencyKey, priorOf, sameAgency, type Prior, type PriorIndex, type PriorKey } from '../across';
import { analyze } from '../check';
import { formatOfDocument } from '../formats/index';
import type { Report } from '../model/types';
import { ParsedDocument } from '../parse/document';
import { isUnder, uriKey } from './uri';

/** Only the head of a file is searched for the words and years that make it a candidate. */
const HEAD = 8000;
const REPORT_WORDS = /年度报告|年报|政府信息公开|总体情况/;
/** Texts of files not summarised yet are kept up to this many characters in all (then summarised when added). */
export const MAX_KEPT_CHARS = 32 * 1024 * 1024;

interface Entry {
  uri: string;
  mtime: number;
  size: number;
  /** Years named in the head of the file: a file can be the previous report only for the year after one of these. */
  years: ReadonlySet<number>;
  /** Kept until the file is summarised. */
  text: string | null;
  /** Its text was let go (over the bound): to be read again when it is needed. */
  unread?: boolean;
  /** The summary, once parsed (null: not a report). */
  prior?: Prior | null;
}

export interface Candidate {
  uri: string;
  prior: Prior;
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
  /** Characters of the texts kept in entries. */
  private kept = 0;
  private readonly wanted = new Set<string>();

  constructor(private readonly maxKept = MAX_KEPT_CHARS) {}

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
    for (const [k, e] of this.entries) if (!this.folderOf(e.uri)) this.drop(k);
  }

  /** Characters of file text held while waiting to be summarised (bounded by `maxKept`). */
  get keptChars(): number {
    return this.kept;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (e?.text) this.kept -= e.text.length;
    this.entries.delete(key);
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
    this.drop(key);
    if (text === null || text.slice(0, 8192).includes('\0')) return;
    const years = yearsIn(text);
    const e: Entry = { uri, mtime, size, years, text: null, ...(years.size ? {} : { prior: null }) };
    this.entries.set(key, e);
    if (!years.size) return;
    if (this.kept + text.length <= this.maxKept) {
      e.text = text;
      this.kept += text.length;
    } else e.unread = true;
  }

  /** Files whose text was let go and that a lookup needed since the last call: the host reads them and `supply`s them. */
  takeWanted(): string[] {
    const out = [...this.wanted];
    this.wanted.clear();
    return out;
  }

  /** The text of a file named by `takeWanted`: summarised at once, and not kept. */
  supply(uri: string, text: string | null): void {
    const e = this.entries.get(uriKey(uri));
    if (!e?.unread) return;
    e.unread = false;
    e.prior = text === null ? null : summarise(uri, text);
  }

  delete(uri: string): void {
    this.drop(uriKey(uri));
  }

  /** Whether the file at `uri` names `year` near its top (could be the previous report of a `year + 1` one). */
  names(uri: string, year: number): boolean {
    return this.entries.get(uriKey(uri))?.years.has(year) ?? false;
  }

  private priorOf(e: Entry): Prior | null {
    if (e.unread) {
      this.wanted.add(e.uri);
      return null;
    }
    if (e.prior === undefined) {
      const text = e.text ?? '';
      this.kept -= text.length;
      e.text = null;
      e.prior = summarise(e.uri, text);
    }
    return e.prior;
  }

  /**
   * The previous year's report of the same 机关 for the report at `uri`: among `open` documents (their live
   * text) first, then the files in the same workspace folder that are not open.
   */
  previousOf(uri: string, report: Report, open: PriorIndex<{ uri: string; report: Report }, PriorKey>, isOpen: (key: string) => boolean): Candidate | null {
    const agency = agencyKey(report);
    if (report.year === null || !report.isReport || !agency) return null;
    const folder = this.folderOf(uri);
    const sameTree = (u: string) => (folder ? isUnder(u, folder) : this.folderOf(u) === null);
    const self = uriKey(uri);
    // An open document is summarised only once it is the one (typing in it changes its report each time).
    for (const { item } of open.all(report.year - 1, agency)) if (uriKey(item.uri) !== self && sameTree(item.uri)) return { uri: item.uri, prior: priorOf(item.report) };
    if (folder && this.entries.size) {
      for (const [k, e] of this.entries) {
        // Only a file naming the year before can hold the previous report: the cheap test goes first.
        if (k === self || isOpen(k) || !e.years.has(report.year - 1) || !isUnder(e.uri, folder)) continue;
        const p = this.priorOf(e);
        if (p && p.year === report.year - 1 && p.agency && sameAgency(agency, p.agency)) return { uri: e.uri, prior: p };
      }
    }
    return null;
  }
}

function summarise(uri: string, text: string): Prior | null {
  const report = analyze(ParsedDocument.parse(text, formatOfDocument(uri).id));
  return report.isReport ? priorOf(report) : null;
}
