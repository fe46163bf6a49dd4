import type { MappedText } from '../parse/items';
import type { Report } from './types';

/** Sentences shorter than this (after normalisation) say too little to count either way (`无。`, `一是`). */
const MIN_SENTENCE = 6;

/** Sentences of one paragraph text, kept with the text object (unchanged paragraphs keep theirs between edits). */
const sentenceCache = new WeakMap<MappedText, string[]>();

export function sentencesOf(text: MappedText): string[] {
  let out = sentenceCache.get(text);
  if (!out) {
    out = [];
    for (const raw of text.text.normalize('NFKC').split(/[。;!?；！？]/)) {
      const s = raw.replace(/[\s*_`]/g, '').replace(/\d+(?:[.,]\d+)*/g, '#');
      if (s.length >= MIN_SENTENCE) out.push(s);
    }
    sentenceCache.set(text, out);
  }
  return out;
}

/**
 * The narrative sentences of a report: paragraphs of the six sections (not the title and preface, whose
 * wording is fixed), split on 。；！？, without whitespace or emphasis marks, every number replaced by `#`
 * so that a changed year or count does not hide a copied sentence.
 */
export function narrativeSentences(report: Report): string[] {
  const out: string[] = [];
  for (const p of report.paragraphs) if (p.section !== 0) for (const s of sentencesOf(p.text)) out.push(s);
  return out;
}

/** A 53-bit hash of a sentence (two 32-bit FNV-1a lanes): a previous report keeps these, not its text. */
export function sentenceHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (b >>> 11) * 0x100000000 + (a >>> 0);
}
