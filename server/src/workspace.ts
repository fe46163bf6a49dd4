// Reads the report files of the workspace folders into the checker's WorkspaceReports (core), for the rules that
// compare a report with the previous year's. Bounded: at most MAX_FILES files per folder, none larger than
// MAX_BYTES, no node_modules or dot folders; a file is read once per change (uri + mtime + size).
import type { WorkspaceReports } from '../../core/src/index';
import { isSkippedPath, relativeTo, TEXT_REPORT_EXTENSIONS, uriKey, type FileSystem } from './files';

export const MAX_FILES = 2000;
export const MAX_BYTES = 5 * 1024 * 1024;

export class ReportIndex {
  private readonly reads = new Map<string, number>();

  constructor(
    private readonly fs: FileSystem,
    private readonly files: WorkspaceReports,
    private readonly log: (message: string) => void,
  ) {}

  get workspaceFolders(): readonly string[] {
    return this.files.folders;
  }

  /** The innermost workspace folder holding `uri`. */
  folderOf(uri: string): string | null {
    return this.files.folderOf(uri);
  }

  get size(): number {
    return this.files.size;
  }

  /** Adds a folder and reads its report files. */
  async addFolder(folder: string): Promise<void> {
    if (this.files.hasFolder(folder)) return;
    this.files.addFolder(folder);
    let list;
    try {
      list = await this.fs.listFiles(folder, TEXT_REPORT_EXTENSIONS, MAX_FILES);
    } catch (e) {
      this.log(`cannot list ${folder}: ${String(e)}`);
      return;
    }
    for (const f of list) {
      if (!this.files.hasFolder(folder)) return; // removed meanwhile
      await this.load(f.uri, f.mtime, f.size);
    }
  }

  removeFolder(folder: string): void {
    this.files.removeFolder(folder);
  }

  /**
   * Re-reads one file after it changed on disk (or was created or deleted). Returns the years the file named
   * before and after, so the caller can tell which reports may have a new previous one; null when nothing changed.
   */
  async refresh(uri: string): Promise<Set<number> | null> {
    const folder = this.folderOf(uri);
    const rel = folder ? relativeTo(uri, folder) : null;
    if (!folder || rel === null || isSkippedPath(rel)) return null;
    const existed = this.files.has(uri);
    const before = new Set(this.files.yearsOf(uri));
    let info;
    try {
      info = await this.fs.stat(uri);
    } catch (e) {
      this.log(`cannot read ${uri}: ${String(e)}`);
      info = null;
    }
    if (!info) {
      if (!existed) return null;
      this.files.delete(uri);
      return before;
    }
    if (this.files.isCurrent(uri, info.mtime, info.size)) return null;
    await this.load(uri, info.mtime, info.size);
    return new Set([...before, ...this.files.yearsOf(uri)]);
  }

  private async load(uri: string, mtime: number, size: number): Promise<void> {
    if (this.files.isCurrent(uri, mtime, size)) return;
    const key = uriKey(uri);
    // Reads of one file may finish out of order: only the latest one started counts.
    const seq = (this.reads.get(key) ?? 0) + 1;
    this.reads.set(key, seq);
    if (size > MAX_BYTES) {
      this.files.delete(uri);
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
    this.files.put(uri, mtime, size, text);
  }

  /** Whether the file at `uri` names `year` near its top (could be the previous report of a `year + 1` one). */
  names(uri: string, year: number): boolean {
    return this.files.names(uri, year);
  }
}
