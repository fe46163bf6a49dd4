// The Node implementation of the server's FileSystem (node:fs). Only the Node entries import it.
import { readdir, readFile, stat } from 'node:fs/promises';
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

export const nodeFileSystem: FileSystem = {
  async readFile(uri) {
    const path = pathOf(uri);
    if (!path) return null;
    try {
      // Reports on disk come in the encodings Chinese offices use: UTF-8, UTF-16, GB18030/GBK.
      const decoded = decodeText(await readFile(path));
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
      const bytes = await readFile(path);
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
    // Breadth first, so that a huge subtree does not hide the files near the root.
    while (queue.length && out.length < limit) {
      const dir = queue.shift()!;
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
