import { memoByString } from './memo';

const QUOTES = /["'“”‘’「」『』〝〞]/g;
const SPACES = /[\s\u3000\u00a0\ufeff]+/g;

/**
 * NFKC folds full-width forms (（）．０-９) to half-width; spaces and quote styles are dropped. Table labels repeat
 * across rows and documents: each is normalised once.
 */
export const normalizeLabel: (s: string) => string = memoByString((s) => s.normalize('NFKC').replace(SPACES, '').replace(QUOTES, ''), 20_000, 200);

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d{1,2}[.、,](?!\d))/;

/** Removes leading enumeration marks (一、 （一） 1. 1、) from a normalized label, repeatedly. */
export function stripNumbering(normalized: string): string {
  let s = normalized;
  for (let i = 0; i < 3; i++) {
    const m = NUMBERING.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  return s;
}

/** Leading enumeration of a normalized label: `(三)` → { kind: 'paren', n: 3 }. */
export function leadingNumber(normalized: string): { kind: 'cn' | 'paren' | 'arabic'; n: number } | null {
  let m = /^([一二三四五六七八九十]+)[、.,]/.exec(normalized);
  if (m) return { kind: 'cn', n: chineseNumeral(m[1]) };
  m = /^\(([一二三四五六七八九十]+)\)/.exec(normalized);
  if (m) return { kind: 'paren', n: chineseNumeral(m[1]) };
  m = /^(\d{1,2})[.、,](?!\d)/.exec(normalized);
  if (m) return { kind: 'arabic', n: Number(m[1]) };
  return null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function chineseNumeral(s: string): number {
  if (s === '十') return 10;
  if (s.length === 2 && s[0] === '十') return 10 + (CN_DIGITS[s[1]] ?? 0);
  if (s.length === 2 && s[1] === '十') return (CN_DIGITS[s[0]] ?? 0) * 10;
  if (s.length === 3 && s[1] === '十') return (CN_DIGITS[s[0]] ?? 0) * 10 + (CN_DIGITS[s[2]] ?? 0);
  return CN_DIGITS[s] ?? 0;
}
