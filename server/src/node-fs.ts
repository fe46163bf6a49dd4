// The Node implementation of the server's FileSystem (node:fs). Only the Node entries import it.
import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeText } from '../../core/src/index';
import type { FileInfo, FileSystem } from './files';

function pathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

const missing = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** No file the server reads is larger (reports are limited to a few MB; a link to /dev/zero never ends). */
export const MAX_READ_BYTES = 64 * 1024 * 1024;
/** A read that takes longer (a network drive that went away) is given up. */
export const READ_TIMEOUT_MS = 10_000;

/**
 * The bytes of a regular file of at most `max` bytes, or why not: a FIFO, socket or device is refused without
 * blocking (opened non-blocking, then fstat), no more than `max + 1` bytes are read (a link to /dev/zero never
 * ends), and the read is given up after READ_TIMEOUT_MS. The server and the CLI read every report through it.
 */
export async function readRegular(path: string, max = MAX_READ_BYTES): Promise<Buffer | 'notAFile' | 'tooLarge'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`reading ${path} took over ${READ_TIMEOUT_MS / 1000} s`)), READ_TIMEOUT_MS);
  });
  const read = (async () => {
    const h = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const st = await h.stat();
      if (!st.isFile()) return 'notAFile' as const;
      if (st.size > max) return 'tooLarge' as const;
      const buf = Buffer.allocUnsafe(Math.min(st.size + 1, max + 1));
      let n = 0;
      for (let got; n < buf.length && (got = (await h.read(buf, n, buf.length - n, null)).bytesRead) > 0; ) n += got;
      return n > max ? ('tooLarge' as const) : buf.subarray(0, n);
    } finally {
      await h.close();
    }
  })();
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** readRegular for the file system interface: a file that is not a regular one, or too large, is an error. */
async function readOrThrow(path: string): Promise<Buffer> {
  const r = await readRegular(path);
  if (typeof r === 'string') throw new Error(`${path} ${r === 'notAFile' ? 'is not a regular file' : `is larger than ${MAX_READ_BYTES / 1024 / 1024} MB`}`);
  return r;
}

/** Folders listed at most per workspace folder (100,000 empty folders took 21 s to walk). */
export const MAX_DIRS = 10_000;

export const nodeFileSystem: FileSystem = {
  async readFile(uri) {
    const path = pathOf(uri);
    if (!path) return null;
    try {
      // Reports on disk come in the encodings Chinese offices use: UTF-8, UTF-16, GB18030/GBK.
      const decoded = decodeText(await readOrThrow(path));
      return 'text' in decoded ? decoded.text : null;
    } catch (e) {
      if (missing(e)) return null;
      throw e;
    }
  },

  async readBytes(uri) {
    const path = pathOf(uri);
    if (!path) return null;
    try {
      const bytes = await readOrThrow(path);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    } catch (e) {
      if (missing(e)) return null;
      throw e;
    }
  },

  async stat(uri) {
    const path = pathOf(uri);
    if (!path) return null;
    try {
      const st = await stat(path);
      return st.isFile() ? { uri, mtime: st.mtimeMs, size: st.size } : null;
    } catch (e) {
      if (missing(e)) return null;
      throw e;
    }
  },

  async listFiles(folderUri, extensions, limit) {
    const root = pathOf(folderUri);
    const out: FileInfo[] = [];
    if (!root) return out;
    const exts = extensions.map((e) => e.toLowerCase());
    const queue = [root];
    let listed = 0;
    // Breadth first, so that a huge subtree does not hide the files near the root.
    for (let next = 0; next < queue.length && out.length < limit && listed < MAX_DIRS; next++) {
      const dir = queue[next];
      listed++;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (out.length >= limit) break;
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (!e.name.startsWith('.') && e.name !== 'node_modules') queue.push(p);
        } else if (e.isFile() && exts.some((x) => e.name.toLowerCase().endsWith(x))) {
          try {
            const st = await stat(p);
            out.push({ uri: pathToFileURL(p).href, mtime: st.mtimeMs, size: st.size });
          } catch {
            // vanished meanwhile
          }
        }
      }
    }
    return out;
  },
};
