// The server's view of files on disk: an interface the entry point supplies (Node: node-fs.ts; a web-worker
// server can supply one backed by the client or by nothing). No Node built-ins here.

export interface FileInfo {
  uri: string;
  /** Modification time in ms (any monotonic stamp will do: it only tells whether a file changed). */
  mtime: number;
  /** Size in bytes. */
  size: number;
}

export interface FileSystem {
  /** The text of a file (UTF-8, without a BOM); `null` when it does not exist. Rejects when it cannot be read. */
  readFile(uri: string): Promise<string | null>;
  /** Size and time of a file; `null` when it does not exist. */
  stat(uri: string): Promise<FileInfo | null>;
  /**
   * Files under a folder whose names end with one of `extensions` (e.g. `.txt`), at most `limit` of them,
   * skipping `node_modules` and folders whose names start with a dot.
   */
  listFiles(folderUri: string, extensions: readonly string[], limit: number): Promise<FileInfo[]>;
}

/** A file system with no files (for a server that cannot read any). */
export const NO_FILES: FileSystem = {
  readFile: async () => null,
  stat: async () => null,
  listFiles: async () => [],
};

/**
 * A key under which two spellings of one URI compare equal: VS Code sends `file:///c%3A/x/%E5%B9%B4.txt`
 * where Node writes `file:///C:/x/年.txt`.
 */
export function uriKey(uri: string): string {
  let s = uri;
  try {
    s = decodeURIComponent(uri);
  } catch {
    // keep it as it is
  }
  return s.replace(/^file:\/\/\/([A-Za-z]):/, (_, d: string) => `file:///${d.toLowerCase()}:`).replace(/\/+$/, '');
}

/** True when `uri` is `folder` itself or inside it. */
export function isUnder(uri: string, folder: string): boolean {
  const u = uriKey(uri);
  const f = uriKey(folder);
  return u === f || u.startsWith(f + '/');
}

/** The path of `uri` relative to `folder` (decoded), or null when it is not inside. */
export function relativeTo(uri: string, folder: string): string | null {
  const u = uriKey(uri);
  const f = uriKey(folder);
  return u.startsWith(f + '/') ? u.slice(f.length + 1) : null;
}

export function joinUri(folder: string, name: string): string {
  return folder.replace(/\/+$/, '') + '/' + name;
}

export { REPORT_EXTENSIONS, isReportPath as isReportFile } from '../../core/src/index';

/** A path inside a workspace folder that the index skips (`node_modules`, `.git` and other dot folders). */
export function isSkippedPath(relative: string): boolean {
  const parts = relative.split('/');
  return parts.slice(0, -1).some((p) => p === 'node_modules' || p.startsWith('.'));
}
