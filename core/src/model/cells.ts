import type { CellKind } from './types';

const DASHES = new Set(['/', '-', '—', '–', '——', '－', '―', '─', '\\', '×', 'x', 'X', '无']);
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const SPACED_DIGITS = /^\d(?: \d)+$/;

/** Reads a table cell: a number, blank, a dash-like placeholder, or text. `1 0 3` (PDF extraction) is 103. */
const PLAIN_INTEGER = /^\d{1,15}$/;

export function readCell(raw: string): { kind: CellKind; value: number | null } {
  if (PLAIN_INTEGER.test(raw)) return { kind: 'number', value: Number(raw) };
  let s = raw.normalize('NFKC').trim();
  if (s === '') return { kind: 'blank', value: null };
  if (SPACED_DIGITS.test(s)) s = s.replace(/ /g, '');
  s = s.replace(/,(?=\d{3}\b)/g, '');
  if (NUMBER.test(s)) return { kind: 'number', value: Number(s) };
  if (DASHES.has(s)) return { kind: 'dash', value: null };
  return { kind: 'text', value: null };
}
