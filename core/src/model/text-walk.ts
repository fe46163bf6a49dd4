// The paragraph walk: how consecutive text items become sub-heads and paragraphs, lines broken by extraction
// being joined back. The report builder and the run builder (incremental.ts) both go through it; a run starts
// after a paragraph it cannot see, which it may continue (`OUTSIDE`).
import type { Block, Item, MappedText } from '../parse/items';
import { joinMapped } from '../parse/items';
import { joinable, Para, relativeRange, shiftLines, Sub } from './positioned';
import { endsSentence, type TextInfo } from './recognize';
import type { SectionKey } from './templates';

/** The paragraph before a run of blocks, which the run may continue. */
export const OUTSIDE = Symbol('outside');

/** What one text item gave. */
export type TextStep =
  | { kind: 'sub'; sub: Sub }
  | { kind: 'para'; para: Para }
  /** The last paragraph continued: `para` replaces `replaced`. */
  | { kind: 'joined'; para: Para; replaced: Para }
  /** Text that continues the paragraph before the run (see TextWalk.lead). */
  | { kind: 'lead' };

export class TextWalk {
  /** The item before is (part of) `last`: the next line may continue it. */
  adjacent: boolean;
  /** … and it is in the same block, with only page markers between (a line wrap). */
  private tight = false;
  private wasAdjacent = false;
  private wasTight = false;
  /** Text continuing OUTSIDE, relative to the first block of the run. */
  lead: { text: MappedText; endLine: number } | null = null;

  constructor(
    public section: SectionKey | 0,
    /** The next paragraph opens its section or sub-section. */
    public opening: boolean,
    /** The paragraph the next text may continue. */
    public last: Para | typeof OUTSIDE | null,
    adjacent: boolean,
    /** OUTSIDE may be continued (it is joinable and the item before the run is part of it). */
    private readonly outsideJoinable = false,
    /** The run's first block (lead positions are relative to it). */
    private readonly runStart: Block | null = null,
  ) {
    this.adjacent = adjacent;
  }

  /** Called for every item before it is handled; false for a page marker, which is skipped and keeps the adjacency. */
  begin(item: Item): boolean {
    if (item.kind === 'other' && item.page) return false;
    this.wasAdjacent = this.adjacent;
    this.wasTight = this.tight;
    this.adjacent = false;
    this.tight = false;
    return true;
  }

  /** A new block starts: nothing of the last block is a line wrap away. */
  newBlock(): void {
    this.tight = false;
  }

  /** A section heading or a table row: no paragraph continues past it. */
  interrupt(opening: boolean): void {
    if (opening) this.opening = true;
    this.last = null;
  }

  /** A paragraph or heading item with text. */
  text(block: Block, item: Extract<Item, { kind: 'para' | 'heading' }>, info: TextInfo): TextStep {
    const isHeading = item.kind === 'heading';
    if (info.subhead) {
      this.opening = true;
      this.last = null;
      return { kind: 'sub', sub: new Sub(block, info.text, this.section, relativeRange(item.text)) };
    }
    if (this.wasAdjacent && !isHeading && info.continues) {
      if (this.last === OUTSIDE && (this.lead ? !endsSentence(this.lead.text.text) : this.outsideJoinable)) {
        const delta = block.start - this.runStart!.start;
        const part = shiftLines(item.text, delta);
        this.lead = { text: this.lead ? joinMapped(this.lead.text, part) : part, endLine: delta + item.endLine };
        this.adjacent = this.tight = true;
        return { kind: 'lead' };
      }
      if (this.last !== OUTSIDE && joinable(this.last, this.wasTight)) {
        const replaced = this.last!;
        this.last = replaced.join(item.text, block, item.endLine);
        this.adjacent = this.tight = true;
        return { kind: 'joined', para: this.last, replaced };
      }
    }
    const para = new Para(block, item.text, item.line, item.endLine, this.section, this.opening, info.facts);
    this.last = isHeading ? null : para;
    this.adjacent = true;
    this.tight = !isHeading;
    this.opening = false;
    return { kind: 'para', para };
  }
}
