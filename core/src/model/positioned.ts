// Paragraphs and sub-heads positioned relative to the first line of their block: `applyChange` moves a
// block's `start` in place, so what an unchanged block gave stays valid however the lines before it change.
import type { Block, MappedText } from '../parse/items';
import { joinMapped, mapOffset } from '../parse/items';
import type { Range } from '../types';
import { paragraphNarrative } from './narrative';
import { endsSentence, factsOf, type Facts } from './recognize';
import type { SectionKey } from './templates';
import type { Narrative, Paragraph, Subhead, YearSlot } from './types';

/** A text offset of a paragraph as a document range. */
export function paragraphRange(p: { text: MappedText; base: number }, from: number, to: number): Range {
  const a = mapOffset(p.text, from);
  const b = mapOffset(p.text, to, true);
  return { start: { line: a.line + p.base, character: a.character }, end: { line: b.line + p.base, character: b.character } };
}

/** The whole text of a paragraph as a document range. */
export const wholeRange = (p: { text: MappedText; base: number }): Range => paragraphRange(p, 0, p.text.text.length);

/** The text of an item as a range relative to its block. */
export const relativeRange = (m: MappedText): Range => paragraphRange({ text: m, base: 0 }, 0, m.text.length);

export function shiftLines(m: MappedText, delta: number): MappedText {
  return delta === 0 ? m : { text: m.text, segs: m.segs.map((s) => ({ offset: s.offset, line: s.line + delta, character: s.character, length: s.length })) };
}

/** A paragraph of the report (see the file comment). */
export class Para implements Paragraph {
  narrative?: Narrative;
  placeholders?: readonly (readonly [number, number])[];
  /** Its year slots at `base` (derived.ts yearFacts). */
  slots?: { base: number; list: readonly YearSlot[] };
  /** The last continuation made of this paragraph (see join). */
  private next?: { part: MappedText; block: Block; delta: number; result: Para };

  constructor(
    readonly block: Block,
    readonly text: MappedText,
    private readonly relativeLine: number,
    private readonly relativeEnd: number,
    readonly section: SectionKey | 0,
    readonly opening: boolean,
    readonly facts: Facts,
  ) {}

  get base(): number {
    return this.block.start;
  }
  get line(): number {
    return this.block.start + this.relativeLine;
  }
  get endLine(): number {
    return this.block.start + this.relativeEnd;
  }

  /** This paragraph continued by `part` (text of `block`, ending on its line `partEnd`); the same object while both blocks stay. */
  join(part: MappedText, block: Block, partEnd: number): Para {
    const delta = block.start - this.block.start;
    const n = this.next;
    if (n && n.part === part && n.block === block && n.delta === delta) return n.result;
    const text = joinMapped(this.text, shiftLines(part, delta));
    const result = new Para(this.block, text, this.relativeLine, delta + partEnd, this.section, this.opening, factsOf(text.text));
    this.next = { part, block, delta, result };
    return result;
  }
}

/** A sub-head, positioned like Para. */
export class Sub implements Subhead {
  placeholders?: readonly (readonly [number, number])[];

  constructor(
    readonly block: Block,
    readonly text: string,
    readonly section: SectionKey | 0,
    private readonly relative: Range,
  ) {}

  get line(): number {
    return this.block.start + this.relative.start.line;
  }
  get endLine(): number {
    return this.block.start + this.relative.end.line;
  }
  get range(): Range {
    const b = this.block.start;
    return { start: { line: this.relative.start.line + b, character: this.relative.start.character }, end: { line: this.relative.end.line + b, character: this.relative.end.character } };
  }
}

/**
 * Whether the paragraph may continue with the next text: it does not end a sentence, is not a date line, and is
 * long enough not to be a heading-like line. Lines of one block (a PDF's line wraps) join from 12 characters,
 * paragraphs across a blank line from 40.
 */
export const joinable = (p: Para | null, sameBlock = false): boolean => p !== null && p.text.text.length >= (sameBlock ? 12 : 40) && !endsSentence(p.text.text) && !p.facts.closing;

/** Facts or narrative figures that year slots or rules read. */
export function isFigure(p: Para): boolean {
  const f = p.facts;
  if (f.period || f.publish || f.opening || f.fee || f.closing) return true;
  const n = paragraphNarrative(p);
  return n.claims.length > 0 || n.lists.length > 0 || n.acceptedDone.length > 0;
}
