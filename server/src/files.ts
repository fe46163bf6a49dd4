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
  /** The text of a file (UTF-8, UTF-16 or GB18030, without a BOM); `null` when it does not exist or is no text. Rejects when it cannot be read. */
  readFile(uri: string): Promise<string | null>;
  /** The bytes of a file (PDF and Word files); `null` when it does not exist. Optional: without it such files are not read. */
  readBytes?(uri: string): Promise<Uint8Array | null>;
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

export { isSkippedPath, isUnder, joinUri, relativeTo, uriKey } from '../../core/src/index';
export { TEXT_REPORT_EXTENSIONS, formatOfPath } from '../../core/src/index';
