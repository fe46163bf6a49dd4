import type { MappedText } from '../parse/items';

/** Sentences shorter than this (after normalisation) say too little to count either way (`无。`, `一是`). */
const MIN_SENTENCE = 6;

/** Digests of one paragraph text, kept with the text object (unchanged paragraphs keep theirs between edits). */
const digestCache = new WeakMap<MappedText, number[]>();

const FNV = 0x01000193;
const HASH = 0x23; // '#'

/** `\s` of a regular expression, and the emphasis and code marks: left out of a sentence. */
function dropped(c: number): boolean {
  return c === 0x2a || c === 0x5f || c === 0x60 || (c >= 9 && c <= 13) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Ends a sentence: 。;!?；！？ */
function terminal(c: number): boolean {
  return c === 0x3002 || c === 0x3b || c === 0x21 || c === 0x3f || c === 0xff1b || c === 0xff01 || c === 0xff1f;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The sentences of a paragraph as `[hash, length, hash, length, …]`: the text (NFKC) split on 。；！？, without
 * whitespace or emphasis marks, every number (`12`, `1,234.5`) replaced by `#`, only sentences of MIN_SENTENCE
 * characters or more; each hashed as it is read (no string is built for a sentence) into 53 bits of two 32-bit
 * FNV-1a lanes: a previous report keeps these, not its text.
 */
export function sentenceDigests(text: MappedText): readonly number[] {
  let out = digestCache.get(text);
  if (out) return out;
  out = [];
  const n = text.text.normalize('NFKC');
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let length = 0;
  let inNumber = false;
  const put = (c: number) => {
    a = Math.imul(a ^ c, FNV);
    b = Math.imul(b ^ c, FNV) ^ (b >>> 15);
    length++;
  };
  for (let i = 0; i <= n.length; i++) {
    const c = i < n.length ? n.charCodeAt(i) : -1;
    if (c === -1 || terminal(c)) {
      if (length >= MIN_SENTENCE) out.push((b >>> 11) * 0x100000000 + (a >>> 0), length);
      a = 0x811c9dc5;
      b = 0x050c5d1f;
      length = 0;
      inNumber = false;
    } else if (dropped(c)) {
      continue;
    } else if (isDigit(c)) {
      if (!inNumber) put(HASH);
      inNumber = true;
    } else if (inNumber && (c === 0x2e || c === 0x2c)) {
      // `1,234.5` is one number when a digit follows (whitespace and marks between are left out first).
      let j = i + 1;
      while (j < n.length && dropped(n.charCodeAt(j))) j++;
      if (j < n.length && isDigit(n.charCodeAt(j))) continue;
      inNumber = false;
      put(c);
    } else {
      inNumber = false;
      put(c);
    }
  }
  digestCache.set(text, out);
  return out;
}
