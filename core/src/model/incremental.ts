// What the report builder keeps between builds, owned here and kept in each block's `model` slot (the parser
// leaves it empty): per block the work on each of its items, and per run of plain-text blocks what the run adds
// to the report. A block object lives as long as the text it holds is unchanged (see
// ParsedDocument.applyChange), so both are reused until an edit touches them.
import type { Block, Item, MappedText } from '../parse/items';
import { isFigure, type Para, type Sub } from './positioned';
import { rowInfo, textInfo, type RowInfo, type TextInfo } from './recognize';
import type { SectionKey } from './templates';
import { OUTSIDE, TextWalk } from './text-walk';

/**
 * What a run of consecutive blocks of plain text (no table rows, section headings, captions or comments)
 * adds to the report, given the state it starts in. Kept for the run's first block and reused while the
 * run's blocks are the same objects and it starts in the same state, so a rebuild after an edit costs one
 * comparison per run for everything the edit did not touch.
 */
export interface RunModel {
  blocks: Block[];
  section: SectionKey;
  opening: boolean;
  /** The paragraph before the run may be continued by it. */
  continuesBefore: boolean;
  /** Text that continues the paragraph before the run, mapped relative to the run's first block. */
  lead: { text: MappedText; endLine: number } | null;
  paragraphs: Para[];
  subheads: Sub[];
  /** Paragraphs of `paragraphs` for which isFigure holds. */
  figures: Para[];
  /** The run has text, which closes an open table region. */
  closesRegion: boolean;
  openingAfter: boolean;
  /** The paragraph that may continue after the run: the one before it, the run's last, or none. */
  lastAfter: 'before' | 'own' | null;
  adjacentAfter: boolean;
  lastItemKind: Item['kind'] | null;
}

/** What the builder works out once per block (items are immutable). */
export interface BlockState {
  infos: (TextInfo | RowInfo | null)[];
  /** Only plain text: no table rows, section headings, captions or comments. */
  plain: boolean;
  /** The run that starts at this block (see RunModel). */
  run: RunModel | undefined;
  /** Items that are short lines followed, through short lines only, by a table row: a row's label written over several lines. */
  labelLines: readonly boolean[];
  /** Runs end before a block marked as a cut (see isCut); drawn once per block object. */
  cut?: boolean;
}

const NO_LABEL_LINES: readonly boolean[] = [];

export function stateOf(block: Block): BlockState {
  let state = block.model as BlockState | undefined;
  if (!state) {
    let plain = true;
    const infos = block.items.map((item) => {
      if (item.kind === 'row') {
        plain = false;
        return rowInfo(item);
      }
      if (item.kind === 'comment') plain = false;
      if (item.kind !== 'para' && item.kind !== 'heading') return null;
      const info = textInfo(item);
      if (info.text && (info.section || info.caption)) plain = false;
      return info;
    });
    let labelLines: boolean[] | readonly boolean[] = NO_LABEL_LINES;
    if (!plain) {
      const lines = (labelLines = new Array<boolean>(infos.length).fill(false));
      for (let j = infos.length - 2; j >= 0; j--) {
        const info = infos[j];
        if (!info || 'reads' in info || !info.text || info.text.length >= 60 || info.section) continue;
        lines[j] = block.items[j + 1].kind === 'row' || lines[j + 1];
      }
    }
    state = { infos, plain, run: undefined, labelLines };
    block.model = state;
  }
  return state;
}

const MAX_RUN = 256;
let blockSeq = 0;

/**
 * Runs end before a block marked as a cut (about one in 16, fixed per block object), so after an edit the runs
 * rebuilt from the edited one end where the old runs did and the ones after it are found again.
 */
function isCut(block: Block): boolean {
  const state = stateOf(block);
  return (state.cut ??= (Math.imul(++blockSeq, 0x9e3779b1) >>> 28) === 0);
}

function modelRun(blocks: readonly Block[], from: number, section: SectionKey, opening: boolean, continuesBefore: boolean): RunModel {
  const run: Block[] = [];
  const paragraphs: Para[] = [];
  const subheads: Sub[] = [];
  const walk = new TextWalk(section, opening, OUTSIDE, continuesBefore, continuesBefore, blocks[from]);
  let closesRegion = false;
  let lastItemKind: Item['kind'] | null = null;
  for (let b = from; b < blocks.length && run.length < MAX_RUN; b++) {
    const block = blocks[b];
    const state = stateOf(block);
    if (b > from) {
      if (isCut(block) || !state.plain) break;
      // Only a run's first block keeps a run: a stale one would keep old blocks alive.
      state.run = undefined;
    }
    run.push(block);
    walk.newBlock();
    for (let j = 0; j < block.items.length; j++) {
      const item = block.items[j];
      lastItemKind = item.kind;
      if (!walk.begin(item)) continue;
      if (item.kind !== 'para' && item.kind !== 'heading') continue;
      const info = state.infos[j] as TextInfo;
      if (!info.text) continue;
      closesRegion = true;
      const step = walk.text(block, item, info);
      if (step.kind === 'sub') subheads.push(step.sub);
      else if (step.kind === 'para') paragraphs.push(step.para);
      else if (step.kind === 'joined') paragraphs[paragraphs.length - 1] = step.para;
    }
  }
  return {
    blocks: run,
    section,
    opening,
    continuesBefore,
    lead: walk.lead,
    paragraphs,
    subheads,
    figures: paragraphs.filter(isFigure),
    closesRegion,
    openingAfter: walk.opening,
    lastAfter: walk.last === OUTSIDE ? 'before' : walk.last ? 'own' : null,
    adjacentAfter: walk.adjacent,
    lastItemKind,
  };
}

/** The run of plain-text blocks at `blocks[from]`: the one kept from the last build when it still holds, else a new one. */
export function runAt(blocks: readonly Block[], from: number, section: SectionKey, opening: boolean, continuesBefore: boolean): RunModel {
  const state = stateOf(blocks[from]);
  const m = state.run;
  if (m && m.section === section && m.opening === opening && m.continuesBefore === continuesBefore && from + m.blocks.length <= blocks.length) {
    let same = true;
    for (let k = 1; k < m.blocks.length && same; k++) same = blocks[from + k] === m.blocks[k];
    if (same) return m;
  }
  return (state.run = modelRun(blocks, from, section, opening, continuesBefore));
}
