// Loads the readers of PDF, Word and other non-plain files (core/src/readers) only when one is met: bundled as
// dist/readers.js beside the CLI and the server, or from source when running from the repository (tsx).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Readers from '../../core/src/readers/index';
import { binaryKindOfPath, decodeText, formatOfPath } from '../../core/src/index';
import { readRegular } from './node-fs';

export type { ReadFile, ReadResult, Unreadable } from '../../core/src/readers/index';

let loaded: Promise<typeof Readers> | undefined;

export function loadReaders(): Promise<typeof Readers> {
  loaded ??= (async () => {
    const bundled = join(__dirname, 'readers.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle beside this one, found at run time
    if (existsSync(bundled)) return require(bundled) as typeof Readers;
    const source = '../../core/src/readers/index';
    return (await import(source)) as typeof Readers;
  })();
  return loaded;
}

/** Reads a report file from disk; plain text without loading the binary readers. */
export async function readReportFile(
  path: string,
  maxBytes: number,
  read: (path: string, max: number) => Promise<Buffer | 'notAFile' | 'tooLarge'> = readRegular,
): Promise<Readers.ReadResult | { ok: false; reason: 'tooLarge' | 'notAFile' }> {
  const bytes = await read(path, maxBytes);
  if (bytes === 'tooLarge' || bytes === 'notAFile') return { ok: false, reason: bytes };
  const format = formatOfPath(path);
  if (format && !binaryKindOfPath(path)) {
    const decoded = decodeText(bytes);
    // A .txt that is really a PDF or a Word file (renamed, or saved without its ending) goes to the readers.
    if (!('unreadable' in decoded)) return { ok: true, format: format.id, text: decoded.text, source: format.id === 'html' ? 'html' : 'text', encoding: decoded.encoding };
  }
  return (await loadReaders()).readReport(path, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), format?.id ?? null);
}

