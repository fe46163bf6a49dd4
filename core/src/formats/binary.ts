// The report files that are no text (a leaf: the readers import it without the parsers of FORMATS).
import type { SourceFormat } from '../types';

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

/** The binary kind of a file, by its name's ending; null for text (or no report) files. */
export function binaryKindOfPath(path: string): BinaryKind | null {
  const lower = path.toLowerCase();
  return BINARY_KINDS.find((k) => k.extensions.some((e) => lower.endsWith(e))) ?? null;
}
