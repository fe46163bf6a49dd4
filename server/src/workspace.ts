// The reports on disk in the workspace folders, for the rules that compare a report with the previous year's
// (same 机关, same folder tree). Bounded: at most MAX_FILES files per folder, none larger than MAX_BYTES,
// no node_modules or dot folders. A file is read once per change (uri + mtime) and parsed only when it could
// be someone's previous report, then kept as its model only.
import { analyze, findPrevious, formatOfDocument, ParsedDocument, type Report } from '../../core/src/index';
import { isSkippedPath, isUnder, relativeTo, REPORT_EXTENSIONS, uriKey, type FileSystem } from './files';

export const MAX_FILES = 2000;
export const MAX_BYTES = 5 * 1024 * 1024;
/** Only the head of a file is searched for the words and years that make it a candidate. */
const HEAD = 8000;
const REPORT_WORDS = /年度报告|年报|政府信息公开|总体情况/;

interface Entry {
  uri: string;
  folder: string;
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

export class ReportIndex {
  private readonly entries = new Map<string, Entry>();
  private folders: string[] = [];
  private readonly reads = new Map<string, number>();

  constructor(
    private readonly fs: FileSystem,
    private readonly log: (message: string) => void,
  ) {}

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** The innermost workspace folder holding `uri`. */
  folderOf(uri: string): string | null {
    let best: string | null = null;
    for (const f of this.folders) if (isUnder(uri, f) && (!best || uriKey(f).length > uriKey(best).length)) best = f;
    return best;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds a folder and reads its report files. */
  async addFolder(folder: string): Promise<void> {
    if (this.folders.some((f) => uriKey(f) === uriKey(folder))) return;
    this.folders.push(folder);
    let files;
    try {
      files = await this.fs.listFiles(folder, REPORT_EXTENSIONS, MAX_FILES);
    } catch (e) {
      this.log(`cannot list ${folder}: ${String(e)}`);
      return;
    }
    for (const f of files) {
      if (!this.folders.some((x) => uriKey(x) === uriKey(folder))) return; // removed meanwhile
      await this.load(f.uri, folder, f.mtime, f.size);
    }
  }

  removeFolder(folder: string): void {
    this.folders = this.folders.filter((f) => uriKey(f) !== uriKey(folder));
    for (const [k, e] of this.entries) if (!this.folderOf(e.uri)) this.entries.delete(k);
  }

  /**
   * Re-reads one file after it changed on disk (or was created or deleted). Returns the years the file named
   * before and after, so the caller can tell which reports may have a new previous one; null when nothing changed.
   */
  async refresh(uri: string): Promise<Set<number> | null> {
    const key = uriKey(uri);
    const before = this.entries.get(key);
    const folder = this.folderOf(uri);
    const rel = folder ? relativeTo(uri, folder) : null;
    if (!folder || rel === null || isSkippedPath(rel)) return null;
    let info;
    try {
      info = await this.fs.stat(uri);
    } catch (e) {
      this.log(`cannot read ${uri}: ${String(e)}`);
      info = null;
    }
    if (!info) {
      if (!before) return null;
      this.entries.delete(key);
      return new Set(before.years);
    }
    if (before && before.mtime === info.mtime && before.size === info.size) return null;
    await this.load(uri, folder, info.mtime, info.size);
    const after = this.entries.get(key);
    return new Set([...(before?.years ?? []), ...(after?.years ?? [])]);
  }

  private async load(uri: string, folder: string, mtime: number, size: number): Promise<void> {
    const key = uriKey(uri);
    const old = this.entries.get(key);
    if (old && old.mtime === mtime && old.size === size) return;
    // Reads of one file may finish out of order: only the latest one started counts.
    const seq = (this.reads.get(key) ?? 0) + 1;
    this.reads.set(key, seq);
    if (size > MAX_BYTES) {
      this.entries.delete(key);
      return;
    }
    let text: string | null;
    try {
      text = await this.fs.readFile(uri);
    } catch (e) {
      this.log(`cannot read ${uri}: ${String(e)}`);
      text = null;
    }
    if (this.reads.get(key) !== seq) return;
    if (text === null || text.slice(0, 8192).includes('\0')) {
      this.entries.delete(key);
      return;
    }
    const years = yearsIn(text);
    this.entries.set(key, { uri, folder, mtime, size, years, text: years.size ? text : null, ...(years.size ? {} : { report: null }) });
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

  /** Whether the file at `uri` names `year` near its top (could be the previous report of a `year + 1` one). */
  names(uri: string, year: number): boolean {
    return this.entries.get(uriKey(uri))?.years.has(year) ?? false;
  }

  /**
   * The previous year's report of the same 机关 for the report at `uri`: among `open` documents (their live
   * text) first, then the files on disk in the same workspace folder that are not open.
   */
  previousOf(uri: string, report: Report, open: readonly Candidate[]): Candidate | null {
    if (report.year === null || !report.isReport) return null;
    const folder = this.folderOf(uri);
    const sameTree = (u: string) => (folder ? isUnder(u, folder) : this.folderOf(u) === null);
    const self = uriKey(uri);
    const openKeys = new Set(open.map((c) => uriKey(c.uri)));
    const candidates: Candidate[] = open.filter((c) => uriKey(c.uri) !== self && sameTree(c.uri));
    if (folder) {
      for (const [k, e] of this.entries) {
        if (k === self || openKeys.has(k) || !e.years.has(report.year - 1) || !isUnder(e.uri, folder)) continue;
        const r = this.reportOf(e);
        if (r) candidates.push({ uri: e.uri, report: r });
      }
    }
    return findPrevious(report, candidates);
  }
}
