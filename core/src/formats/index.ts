// The input formats: one list that the CLI (which files a folder holds), the server and its workspace index,
// and (through scripts/gen-manifest.mjs) the VS Code client all read.
import type { SourceFormat } from '../types';
import type { InputFormat } from './format';
import { HTML } from './html';
import { MARKDOWN } from './markdown';
import { TEXT } from './text';

export type { Form, InputFormat, TableKind, TableValues } from './format';

export const FORMATS: readonly InputFormat[] = [TEXT, MARKDOWN, HTML];

/**
 * Files that are no text: core/src/readers/ turns them into the text of one of FORMATS (`checkedAs`), or says
 * why it cannot (`checkedAs: null`: Word 97–2003 and WPS files, which must be saved as .docx first).
 */
export interface BinaryKind {
  readonly id: 'pdf' | 'docx' | 'legacy-word';
  readonly extensions: readonly string[];
  readonly checkedAs: SourceFormat | null;
}

export const BINARY_KINDS: readonly BinaryKind[] = [
  { id: 'pdf', extensions: ['.pdf'], checkedAs: 'text' },
  { id: 'docx', extensions: ['.docx'], checkedAs: 'markdown' },
  { id: 'legacy-word', extensions: ['.doc', '.wps'], checkedAs: null },
];

/** Endings of the reports an editor opens as text (and the server reads as text). */
export const TEXT_REPORT_EXTENSIONS: readonly string[] = FORMATS.flatMap((f) => f.extensions);
/** Every file name ending a report can have: text ones and binary ones. */
export const REPORT_EXTENSIONS: readonly string[] = [...TEXT_REPORT_EXTENSIONS, ...BINARY_KINDS.flatMap((k) => k.extensions)];

/** The binary kind of a file, by its name's ending; null for text (or no report) files. */
export function binaryKindOfPath(path: string): BinaryKind | null {
  const lower = path.toLowerCase();
  return BINARY_KINDS.find((k) => k.extensions.some((e) => lower.endsWith(e))) ?? null;
}
/** Every editor language a report can be written in. */
export const REPORT_LANGUAGE_IDS: readonly string[] = [...new Set(FORMATS.flatMap((f) => f.languageIds))];

export function formatById(id: SourceFormat): InputFormat {
  return FORMATS.find((f) => f.id === id) ?? TEXT;
}

/** The format of a file, by its name's ending; null when it is no report format. */
export function formatOfPath(path: string): InputFormat | null {
  const lower = path.toLowerCase();
  return FORMATS.find((f) => f.extensions.some((e) => lower.endsWith(e))) ?? null;
}

/** The format of an editor document: its language first (a Markdown document named `.txt` is Markdown), else its name. */
export function formatOfDocument(uri: string, languageId?: string): InputFormat {
  const byLanguage = languageId ? FORMATS.find((f) => f.id !== 'text' && f.languageIds.includes(languageId)) : undefined;
  return byLanguage ?? formatOfPath(uri) ?? TEXT;
}

/** A file a report can be in, text or binary. */
export function isReportPath(path: string): boolean {
  return formatOfPath(path) !== null || binaryKindOfPath(path) !== null;
}
