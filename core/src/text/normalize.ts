const QUOTES = /["'“”‘’「」『』〝〞]/g;
const SPACES = /[\s\u3000\u00a0\ufeff]+/g;

const memo = new Map<string, string>();

/** NFKC folds full-width forms (（）．０-９) to half-width; spaces and quote styles are dropped. */
export function normalizeLabel(s: string): string {
  // Table labels repeat across rows and documents: normalise each once.
  let n = memo.get(s);
  if (n === undefined) {
    n = s.normalize('NFKC').replace(SPACES, '').replace(QUOTES, '');
    if (memo.size >= 20_000) memo.clear();
    if (s.length <= 200) memo.set(s, n);
  }
  return n;
}

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
