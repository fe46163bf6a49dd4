// Reads a report file as people have it — text in any of the encodings Chinese offices use, a saved web page,
// a Word .docx, a PDF — into the text the checker checks. Binary readers (pdf.js, the ZIP reader) live only
// here: the CLI and the Node server load this entry (dist/readers.js) when they meet such a file; the core
// index and the web bundles never import it.
import { binaryKindOfPath } from '../formats/binary';
import type { SourceFormat } from '../types';
import { decodeText, type Encoding } from './decode';
import { readDocx } from './docx';
import type { LinePlace } from './places';
import { readPdf } from './pdf';
import { pdfToMarkdown, pdfToText } from './pdf-text';

export type Unreadable = 'binary' | 'encoding' | 'legacyWord' | 'encrypted' | 'noText' | 'damaged' | 'empty';

export interface ReadFile {
  ok: true;
  /** The format the text is checked as. */
  format: SourceFormat;
  text: string;
  /** What the file was. */
  source: 'text' | 'html' | 'pdf' | 'docx';
  /** Text files: how they were encoded. */
  encoding?: Encoding;
  /** PDF and Word: where each line of `text` came from. */
  places?: (LinePlace | null)[];
  /** PDF and Word: a Markdown draft to go on working on (tables as HTML). */
  draft?: string;
  /** PDF: its number of pages. */
  pages?: number;
}

export type ReadResult = ReadFile | { ok: false; reason: Unreadable };

/** The first bytes of a ZIP package (.docx), a PDF and an OLE compound file (.doc, .wps). */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A file's bytes as report text, by its name's ending and its content. `textFormat`: the format a text file of
 * this name is in (the caller's `formatOfPath(name)`; the readers do not load the parsers to find it).
 */
export async function readReport(name: string, bytes: Uint8Array, textFormat: SourceFormat | null = null): Promise<ReadResult> {
  const kind = binaryKindOfPath(name);
  if (startsWith(bytes, PDF) || kind?.id === 'pdf') return readPdfFile(bytes);
  if (kind?.id === 'docx' || (startsWith(bytes, ZIP) && !textFormat)) {
    if (!startsWith(bytes, ZIP)) return { ok: false, reason: startsWith(bytes, OLE) ? 'legacyWord' : 'damaged' };
    try {
      const { markdown, places } = readDocx(bytes);
      if (!markdown.trim()) return { ok: false, reason: 'empty' };
      return { ok: true, format: 'markdown', text: markdown, source: 'docx', places, draft: markdown };
    } catch {
      return { ok: false, reason: 'damaged' };
    }
  }
  if (kind?.id === 'legacy-word' || startsWith(bytes, OLE)) return { ok: false, reason: 'legacyWord' };
  const decoded = decodeText(bytes);
  if ('unreadable' in decoded) return { ok: false, reason: decoded.unreadable };
  const format = textFormat ?? 'text';
  return { ok: true, format, text: decoded.text, source: format === 'html' ? 'html' : 'text', encoding: decoded.encoding };
}

async function readPdfFile(bytes: Uint8Array): Promise<ReadResult> {
  let read;
  try {
    read = await readPdf(bytes);
  } catch (e) {
    return { ok: false, reason: (e as Error).message === 'encrypted' ? 'encrypted' : 'damaged' };
  }
  // A scan: pages of pictures with no text layer (a few characters of a stamp or a page number do not count).
  if (read.chars < 20 * Math.max(1, read.pages.length) && read.chars < 200) return { ok: false, reason: 'noText' };
  const { text, places } = pdfToText(read.pages);
  return { ok: true, format: 'text', text, source: 'pdf', places, draft: pdfToMarkdown(read.pages), pages: read.pages.length };
}
