// The input formats: one list that the CLI (which files a folder holds), the server and its workspace index,
// and (through scripts/gen-manifest.mjs) the VS Code client all read.
import type { SourceFormat } from '../types';
import type { InputFormat } from './format';
import { HTML } from './html';
import { MARKDOWN } from './markdown';
import { TEXT } from './text';
import { BINARY_KINDS, binaryKindOfPath } from './binary';

export { BINARY_KINDS, binaryKindOfPath } from './binary';
export type { BinaryKind } from './binary';

export type { Form, InputFormat, TableKind, TableValues } from './format';

export const FORMATS: readonly InputFormat[] = [TEXT, MARKDOWN, HTML];

/** Endings of the reports an editor opens as text (and the server reads as text). */
export const TEXT_REPORT_EXTENSIONS: readonly string[] = FORMATS.flatMap((f) => f.extensions);
/** Every file name ending a report can have: text ones and binary ones. */
export const REPORT_EXTENSIONS: readonly string[] = [...TEXT_REPORT_EXTENSIONS, ...BINARY_KINDS.flatMap((k) => k.extensions)];


/** Every editor language a report can be written in. */
export const REPORT_LANGUAGE_IDS: readonly string[] = [...new Set(FORMATS.flatMap((f) => f.languageIds))];

export function formatById(id: SourceFormat): InputFormat {
  return FORMATS.find((f) => f.id === id) ?? TEXT;
}

/** The editor language a text of this format is opened as (`text` → `plaintext`). */
export function languageIdOf(id: SourceFormat): string {
  return formatById(id).languageIds[0];
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
