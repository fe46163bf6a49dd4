// "检查工作区中的全部年报": checks every report file of the workspace folders, open or not, publishes the problems
// of closed files too, and keeps them up to date as files change on disk until the server stops. The open
// documents stay the server's (their live text wins); a closed file is opened in the checker only for the
// moment of its check. What the client shows (the tree view 年报, the Explorer badges) comes from `list()`.
import ignore, { type Ignore } from 'ignore';
import {
  agencyKey,
  binaryKindOfPath,
  cliMessage,
  formatOfDocument,
  isReportPath,
  isSkippedPath,
  languageIdOf,
  relativeTo,
  REPORT_EXTENSIONS,
  type Checker,
  type Diagnostic as CoreDiagnostic,
  type DocumentSettings,
  type LinePlace,
  type Locale,
  type Report,
} from '../../core/src/index';
import type { Diagnostic } from 'vscode-languageserver';
import { lspDiagnostics } from './convert';
import { joinUri, uriKey, type FileSystem } from './files';
import type { ReadResult, Unreadable } from '../../core/src/readers/index';

export const IGNORE_FILE = '.nianbaoignore';
/** Files per workspace folder the workspace check reads at most (the CLI has no such limit). */
export const MAX_WORKSPACE_FILES = 5000;

/** One file of the workspace check, as the tree view and the Explorer decorations show it. */
export interface WorkspaceEntry {
  uri: string;
  /** `text`, `markdown`, `html`, `pdf`, `docx`… */
  format: string;
  isReport: boolean;
  year: number | null;
  agency: string | null;
  title: string | null;
  errors: number;
  warnings: number;
  infos: number;
  /** Why the file could not be read (a sentence for the user), when it could not. */
  unreadable?: string;
  open: boolean;
}

export interface WorkspaceSummary {
  files: number;
  reports: number;
  withErrors: number;
  errors: number;
  warnings: number;
  infos: number;
  unreadable: number;
  cancelled: boolean;
}

export interface WorkspaceCheckHost {
  checker: Checker;
  fs: FileSystem;
  readBinary?: (uri: string, bytes: Uint8Array) => Promise<ReadResult>;
  folders(): readonly string[];
  isOpen(uri: string): boolean;
  /** The settings a file at `uri` is checked with (editor settings and `.nianbao.json` files merged). */
  settingsFor(uri: string): DocumentSettings;
  locale(): Locale;
  docsBase(): string | undefined;
  maxBytes(): number;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** The list changed (debounced by the caller). */
  changed(): void;
  log(message: string): void;
  /** Resolves when the settings, `.nianbao.json` files and the index being read are read. */
  whenIdle(): Promise<void>;
}

/** What the list shows as a file's form: `pdf`, `docx`… for binary files, else the format it is read in. */
export function formLabel(uri: string, languageId?: string): string {
  return binaryKindOfPath(uri)?.id ?? formatOfDocument(uri, languageId).id;
}

const same = (a: WorkspaceEntry, b: WorkspaceEntry | undefined) =>
  !!b && a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos && a.year === b.year && a.title === b.title && a.agency === b.agency && a.open === b.open && a.format === b.format;

const count = (ds: readonly CoreDiagnostic[], s: CoreDiagnostic['severity']) => ds.filter((d) => d.severity === s).length;

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class WorkspaceCheck {
  /** Set once the user ran the check: from then on closed files' problems are published and kept current. */
  active = false;
  private readonly entries = new Map<string, WorkspaceEntry>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly ignores = new Map<string, Ignore>();
  private run = 0;

  constructor(private readonly host: WorkspaceCheckHost) {}

  list(): WorkspaceEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  has(uri: string): boolean {
    return this.entries.has(uriKey(uri));
  }

  /** Checks every report file of the workspace folders; `onProgress` after each, `cancelled` stops between files. */
  async checkAll(onProgress: (done: number, total: number, uri: string) => void, cancelled: () => boolean): Promise<WorkspaceSummary> {
    const run = ++this.run;
    this.active = true;
    const files: string[] = [];
    for (const folder of this.host.folders()) {
      const ig = await this.loadIgnore(folder);
      let listed;
      try {
        listed = await this.host.fs.listFiles(folder, REPORT_EXTENSIONS, MAX_WORKSPACE_FILES);
      } catch (e) {
        this.host.log(`cannot list ${folder}: ${String(e)}`);
        continue;
      }
      for (const f of listed) {
        const rel = relativeTo(f.uri, folder);
        if (rel === null || isSkippedPath(rel) || ig.ignores(rel)) continue;
        files.push(f.uri);
      }
    }
    const seen = new Set(files.map(uriKey));
    for (const [key, e] of this.entries) {
      if (!seen.has(key)) {
        this.entries.delete(key);
        if (!this.host.isOpen(e.uri)) this.host.publish(e.uri, []);
      }
    }
    let done = 0;
    let stopped = false;
    for (const uri of files) {
      if (cancelled() || run !== this.run) {
        stopped = true;
        break;
      }
      await this.checkFile(uri);
      onProgress(++done, files.length, uri);
      // Edits and requests of the open documents are served between two files.
      await yieldToEvents();
    }
    this.host.changed();
    return this.summary(stopped);
  }

  summary(cancelled = false): WorkspaceSummary {
    const list = this.list();
    const reports = list.filter((e) => e.isReport);
    return {
      files: list.length,
      reports: reports.length,
      withErrors: reports.filter((e) => e.errors > 0).length,
      errors: reports.reduce((a, e) => a + e.errors, 0),
      warnings: reports.reduce((a, e) => a + e.warnings, 0),
      infos: reports.reduce((a, e) => a + e.infos, 0),
      unreadable: list.filter((e) => e.unreadable).length,
      cancelled,
    };
  }

  /** An open document was checked: its counts in the list follow its live text (the list is sent only when they change). */
  updateOpen(uri: string, report: Report, diagnostics: readonly CoreDiagnostic[], languageId?: string): void {
    if (!this.active || !this.inWorkspace(uri)) return;
    const key = uriKey(uri);
    const entry = this.entryOf(uri, formLabel(uri, languageId), report, diagnostics, true);
    if (same(entry, this.entries.get(key))) return;
    this.entries.set(key, entry);
    this.host.changed();
  }

  /** A file changed on disk, was closed, or depends on one that did: checked again shortly (closed files only). */
  refresh(uri: string, delayMs = 150): void {
    if (!this.active || !isReportPath(uri) || !this.inWorkspace(uri)) return;
    const key = uriKey(uri);
    const t = this.pending.get(key);
    if (t) clearTimeout(t);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.checkFile(uri).then(
          () => this.host.changed(),
          (e: unknown) => this.host.log(`workspace check of ${uri} failed: ${String(e)}`),
        );
      }, delayMs),
    );
  }

  /** Closed reports of `years` (their previous report may have changed): checked again. */
  refreshYears(years: ReadonlySet<number>): void {
    if (!this.active) return;
    for (const e of this.entries.values()) if (!e.open && e.year !== null && years.has(e.year - 1)) this.refresh(e.uri);
  }

  /** Closed files below `dir` (a `.nianbao.json` there changed). */
  refreshUnder(dir: string): void {
    if (!this.active) return;
    for (const e of this.entries.values()) if (!e.open && relativeTo(e.uri, dir) !== null) this.refresh(e.uri);
  }

  forgetFolder(folder: string): void {
    this.ignores.delete(uriKey(folder));
    for (const [key, e] of this.entries) {
      if (relativeTo(e.uri, folder) === null) continue;
      this.entries.delete(key);
      if (!e.open) this.host.publish(e.uri, []);
    }
    this.host.changed();
  }

  ignoreChanged(folder: string): void {
    this.ignores.delete(uriKey(folder));
  }

  private inWorkspace(uri: string): boolean {
    for (const folder of this.host.folders()) {
      const rel = relativeTo(uri, folder);
      if (rel === null || isSkippedPath(rel)) continue;
      const ig = this.ignores.get(uriKey(folder));
      return !ig || !ig.ignores(rel);
    }
    return false;
  }

  private async loadIgnore(folder: string): Promise<Ignore> {
    const key = uriKey(folder);
    let ig = this.ignores.get(key);
    if (ig) return ig;
    ig = ignore();
    try {
      const text = await this.host.fs.readFile(joinUri(folder, IGNORE_FILE));
      if (text) ig.add(text);
    } catch (e) {
      this.host.log(`cannot read ${IGNORE_FILE} in ${folder}: ${String(e)}`);
    }
    this.ignores.set(key, ig);
    return ig;
  }

  private entryOf(uri: string, format: string, report: Report | null, ds: readonly CoreDiagnostic[], open: boolean, unreadable?: string): WorkspaceEntry {
    return {
      uri,
      format,
      isReport: !!report?.isReport,
      year: report?.year ?? null,
      agency: report ? agencyKey(report) : null,
      title: report?.title?.text ?? null,
      errors: count(ds, 'error'),
      warnings: count(ds, 'warning'),
      infos: count(ds, 'info'),
      ...(unreadable ? { unreadable } : {}),
      open,
    };
  }

  /** Reads and checks one closed file and publishes its problems; an open one is left to the server. */
  private async checkFile(uri: string): Promise<void> {
    const key = uriKey(uri);
    const { host } = this;
    await host.whenIdle();
    if (host.isOpen(uri) || host.checker.has(uri)) {
      const last = host.checker.lastCheck(uri);
      const report = host.checker.report(uri);
      const existing = this.entries.get(key);
      if (last && report) this.entries.set(key, this.entryOf(uri, existing?.format ?? formLabel(uri, host.checker.languageId(uri)), report, last.result.diagnostics, true));
      return;
    }
    const locale = host.locale();
    const binary = binaryKindOfPath(uri);
    const format = formLabel(uri);
    const unread = (reason: Unreadable | 'unsupported' | 'tooLarge' | 'io', detail?: string) => {
      const message = reason === 'io' ? (detail ?? '') : cliMessage(locale, `unreadable.${reason}`, { limit: Math.round(host.maxBytes() / 1024 / 1024) });
      this.entries.set(key, this.entryOf(uri, format, null, [], false, message));
      host.publish(uri, []);
    };
    let info;
    try {
      info = await host.fs.stat(uri);
    } catch (e) {
      return unread('io', (e as Error).message);
    }
    if (!info) {
      if (this.entries.delete(key)) host.publish(uri, []);
      return;
    }
    if (info.size > host.maxBytes()) return unread('tooLarge');
    let text: string;
    let languageId: string;
    let places: readonly (LinePlace | null)[] | undefined;
    try {
      if (binary) {
        if (!host.readBinary || !host.fs.readBytes) return unread('unsupported');
        const bytes = await host.fs.readBytes(uri);
        if (!bytes) return unread('io');
        const read = await host.readBinary(uri, bytes);
        if (!read.ok) return unread(read.reason);
        text = read.text;
        languageId = languageIdOf(read.format);
        places = read.places;
      } else {
        const t = await host.fs.readFile(uri);
        if (t === null) return unread('encoding');
        text = t;
        languageId = languageIdOf(formatOfDocument(uri).id);
      }
    } catch (e) {
      return unread('io', (e as Error).message);
    }
    // Opened (and edited) meanwhile: the editor's text wins. Settings read meanwhile are waited for.
    await host.whenIdle();
    if (host.isOpen(uri) || host.checker.has(uri)) return;
    host.checker.open(uri, languageId, 0, text);
    try {
      const checked = host.checker.check(uri, host.settingsFor(uri));
      if (!checked) return;
      const report = checked.result.report;
      const ds = checked.result.checked ? checked.result.diagnostics : [];
      if (report.isReport) this.entries.set(key, this.entryOf(uri, format, report, ds, false));
      else this.entries.delete(key);
      host.publish(uri, lspDiagnostics(ds, uri, host.docsBase(), locale, places));
    } finally {
      host.checker.close(uri);
    }
  }
}
