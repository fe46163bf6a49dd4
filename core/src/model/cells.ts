import { memoByString } from '../text/memo';
import type { CellKind } from './types';

const DASHES = new Set(['/', '-', '—', '–', '——', '－', '―', '─', '\\', '×', 'x', 'X', '无']);
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const SPACED_DIGITS = /^\d(?: \d)+$/;
/** An amount of money as written in table 二's money columns: `75394432.52元`, `12.5 万元`. */
const MONEY = /^([+-]?\d+(?:\.\d+)?)\s?(万元|元)$/;
const PLAIN_INTEGER = /^\d{1,15}$/;

export type ReadCell = { readonly kind: CellKind; readonly value: number | null; readonly unit: string | undefined };

/** Cells other than plain integers repeat (labels, dashes, 0.00): each is read once, the results shared. */
const readOther = memoByString(readOtherCell, 20_000, 64);

/**
 * Reads a table cell: a number (with its unit when it is an amount of money), blank, a dash-like
 * placeholder, or text. `1 0 3` (PDF extraction) is 103.
 */
export function readCell(raw: string): ReadCell {
  if (!PLAIN_INTEGER.test(raw)) return readOther(raw);
  const value = Number(raw);
  return value < SMALL.length ? (SMALL[value] ??= { kind: 'number', value, unit: undefined }) : { kind: 'number', value, unit: undefined };
}

/** The plain integers most cells hold, read once each. */
const SMALL: (ReadCell | undefined)[] = new Array(10_000);

function readOtherCell(raw: string): ReadCell {
  let s = raw.normalize('NFKC').trim();
  if (s === '') return { kind: 'blank', value: null, unit: undefined };
  if (SPACED_DIGITS.test(s)) s = s.replace(/ /g, '');
  s = s.replace(/,(?=\d{3}\b)/g, '');
  if (NUMBER.test(s)) return { kind: 'number', value: Number(s), unit: undefined };
  if (DASHES.has(s)) return { kind: 'dash', value: null, unit: undefined };
  const money = MONEY.exec(s);
  if (money) return { kind: 'number', value: Number(money[1]), unit: money[2] };
  return { kind: 'text', value: null, unit: undefined };
}
