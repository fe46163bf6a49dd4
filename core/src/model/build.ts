import type { Block, CellItem, Item, MappedText } from '../parse/items';
import { joinMapped, mapOffset } from '../parse/items';
import { paragraphNarrative, type Narrative } from './narrative';
import type { Position, Range, SourceFormat, Template } from '../types';
import { normalizeLabel } from '../text/normalize';
import { readCell } from './cells';
import { buildTable, type RawRow } from './tables';
import type { Cell, DateRef, Directive, Paragraph, Report, SectionInfo, Subhead, Table2, Table3, Table4, TableModel, TableRow, YearSlot } from './types';
import type { SectionKey } from './templates';
import { formForYear, SECTIONS } from './templates';

const SECTION_HEADING = /^[#\s*]*([一二三四五六])\s*[、.,．，]\s*(.{2,40}?)[\s*#]*$/;
const SUBHEAD = /^[\s*#]*[（(]([一二三四五六七八九十]{1,3})[)）]/;
const CAPTION = /第二十条第[（(][一二三四五六七八九十]+[)）]项/;
const TERMINAL_CHARS = '。！？；：!?;:…”」』）)';
/** Ends with closing punctuation (looks at the last character only: linear on any text). */
const endsSentence = (s: string) => s.length > 0 && TERMINAL_CHARS.includes(s[s.length - 1]);

export function matchSectionHeading(text: string): { def: (typeof SECTIONS)[number]; numeral: string; title: string } | null {
  if (text.length > 48 || text.indexOf('。') >= 0) return null;
  const m = SECTION_HEADING.exec(text.normalize('NFKC').replace(/\*\*/g, ''));
  if (!m) return null;
  const title = m[2].trim();
  const norm = normalizeLabel(title);
  let best: (typeof SECTIONS)[number] | null = null;
  for (const def of SECTIONS) {
    if (def.keywords.some((group) => group.every((k) => norm.includes(k)))) {
      if (!best || def.numeral === m[1]) best = def;
    }
  }
  return best ? { def: best, numeral: m[1], title } : null;
}

const TITLE_WORDS = /年度报告|年报/;
const YEAR = /(\d{4})\s*年/;
const FEE = /信息处理费/;
const AGENCY_WORDS = /政府|机关|局|委|办|院|镇|乡|街道|县|区|市|省/;
const PERIOD =
  /统计[^。]{0,24}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|-|~|－)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const PUBLISH = /现(?:予)?(?:发布|公布)《([^》]{1,80})》/;
const OPENING = /^[\s*]*(\d{4})\s*年(?:度)?(?![\s]*(?:\d|以来|以前|之前|底|末|初|上半年|下半年|至|到|同期))/;
const CLOSING_DATE = /^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/;
const PLAN = /将|计划|拟|力争|下一步|打算|谋划|预计/;
const NUMBERED = /^[\s*#]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))/;

interface RelCell {
  raw: string;
  kind: Cell['kind'];
  value: number | null;
  unit?: string;
  covered?: 'col' | 'row';
  line: number;
  start: number;
  end: number;
}

interface Facts {
  period?: { m: RegExpExecArray };
  publish?: { year: number; at: number };
  /** `plan`: the sentence states what will be done (将, 计划 …): a year after the report year there is no slot. */
  opening?: { year: number; at: number; plan: boolean };
  fee?: { year: number; at: number };
  closing?: { year: number; month: number; day: number; at: number; end: number };
}

interface TextInfo {
  /** Trimmed text. */
  t: string;
  sec: ReturnType<typeof matchSectionHeading>;
  wording: SectionInfo['wording'];
  /** A sub-head: `（一）…` on a short line, or a Markdown heading of depth 3 or more. */
  subhead: boolean;
  caption: boolean;
  /** The line may continue the paragraph before it (it does not open with a numbering, and is not a date line). */
  continues: boolean;
  facts: Facts;
}

interface RowInfo {
  cells: RelCell[];
  t3Header: boolean;
}

function factsOf(s: string): Facts {
  const f: Facts = {};
  const m = PERIOD.exec(s);
  if (m) f.period = { m };
  const pub = PUBLISH.exec(s);
  if (pub) {
    const y = YEAR.exec(pub[1]);
    if (y) f.publish = { year: +y[1], at: pub.index + pub[0].indexOf(pub[1]) + y.index };
  }
  const o = OPENING.exec(s);
  if (o) {
    const rest = s.slice(o.index + o[0].length, o.index + o[0].length + 40);
    const end = rest.search(/[。；;！？!?]/);
    f.opening = { year: +o[1], at: o.index + o[0].indexOf(o[1]), plan: PLAN.test(end < 0 ? rest : rest.slice(0, end)) };
  }
  if (FEE.test(s)) {
    const y = YEAR.exec(s);
    if (y) f.fee = { year: +y[1], at: y.index };
  }
  const c = CLOSING_DATE.exec(s);
  if (c) f.closing = { year: +c[1], month: +c[2], day: +c[3], at: s.indexOf(c[1]), end: s.trimEnd().length };
  return f;
}

function textInfo(item: { text: MappedText; depth?: number }): TextInfo {
  const t = item.text.text.trim();
  const sec = t ? matchSectionHeading(t) : null;
  const wording: SectionInfo['wording'] = !sec
    ? 'other'
    : normalizeLabel(sec.title) === normalizeLabel(sec.def.standard)
      ? 'standard'
      : sec.def.variants.some((v) => normalizeLabel(v) === normalizeLabel(sec.title))
        ? 'variant'
        : 'other';
  return {
    t,
    sec,
    wording,
    subhead: (item.depth ?? 0) >= 3 || (SUBHEAD.test(t) && t.length <= 40 && !endsSentence(t.replace(/\*+$/, '')) && t.indexOf('。') < 0),
    caption: CAPTION.test(t) && t.length < 30,
    continues: !NUMBERED.test(t) && !CLOSING_DATE.test(t),
    facts: factsOf(item.text.text),
  };
}

function rowInfo(item: { cells: CellItem[] }): RowInfo {
  const cells = item.cells.map((c): RelCell => {
    const r = readCell(c.text);
    const cell: RelCell = { raw: c.text, kind: r.kind, value: r.value, line: c.line, start: c.start, end: c.end };
    if (r.unit) cell.unit = r.unit;
    if (c.covered) cell.covered = c.covered;
    return cell;
  });
  return { cells, t3Header: T3_HEADER.test(normalizeLabel(item.cells.map((c) => c.text).join(''))) };
}

const DIRECTIVE = /^<!--\s*nianbao-(disable-next-line|disable|enable)\b([^>]*?)-->/;
const T3_HEADER = /勾稽关系|申请人情况/;

/** A text offset of a paragraph as a document range. */
export function paragraphRange(p: { text: MappedText; base: number }, from: number, to: number): Range {
  const a = mapOffset(p.text, from);
  const b = mapOffset(p.text, to, true);
  return { start: { line: a.line + p.base, character: a.character }, end: { line: b.line + p.base, character: b.character } };
}

function shiftLines(m: MappedText, delta: number): MappedText {
  return delta === 0 ? m : { text: m.text, segs: m.segs.map((s) => ({ offset: s.offset, line: s.line + delta, character: s.character, length: s.length })) };
}

/**
 * A paragraph. Its text is mapped relative to the first line of its block, which `applyChange` moves in place,
 * so a paragraph of an unchanged block stays valid (and is reused) however the lines before it change.
 */
class Para implements Paragraph {
  narrative?: Narrative;
  /** The last continuation made of this paragraph (see join). */
  private next?: { part: MappedText; block: Block; delta: number; result: Para };

  constructor(
    readonly block: Block,
    readonly text: MappedText,
    private readonly relLine: number,
    private readonly relEnd: number,
    readonly section: SectionKey | 0,
    readonly opening: boolean,
    readonly facts: Facts,
  ) {}

  get base(): number {
    return this.block.start;
  }
  get line(): number {
    return this.block.start + this.relLine;
  }
  get endLine(): number {
    return this.block.start + this.relEnd;
  }

  /** This paragraph continued by `part` (text of `block`, ending on its line `partEnd`); the same object while both blocks stay. */
  join(part: MappedText, block: Block, partEnd: number): Para {
    const delta = block.start - this.block.start;
    const n = this.next;
    if (n && n.part === part && n.block === block && n.delta === delta) return n.result;
    const text = joinMapped(this.text, shiftLines(part, delta));
    const result = new Para(this.block, text, this.relLine, delta + partEnd, this.section, this.opening, factsOf(text.text));
    this.next = { part, block, delta, result };
    return result;
  }
}

/** A sub-head, positioned relative to its block like Para. */
class Sub implements Subhead {
  constructor(
    readonly block: Block,
    readonly text: string,
    readonly section: SectionKey | 0,
    private readonly rel: Range,
  ) {}

  get line(): number {
    return this.block.start + this.rel.start.line;
  }
  get endLine(): number {
    return this.block.start + this.rel.end.line;
  }
  get range(): Range {
    const b = this.block.start;
    return { start: { line: this.rel.start.line + b, character: this.rel.start.character }, end: { line: this.rel.end.line + b, character: this.rel.end.character } };
  }
}

/** The text of an item as a range relative to its block. */
const relRange = (m: MappedText): Range => paragraphRange({ text: m, base: 0 }, 0, m.text.length);

/**
 * Whether the paragraph may continue with the next text: it does not end a sentence and is long enough not to be
 * a heading-like line. Lines of one block (a PDF's line wraps) join from 12 characters, paragraphs across a blank
 * line from 40.
 */
const joinable = (p: Para | null, sameBlock = false) => p !== null && p.text.text.length >= (sameBlock ? 12 : 40) && !endsSentence(p.text.text) && !p.facts.closing;

/** Facts or narrative figures that year slots or rules read. */
function isFigure(p: Para): boolean {
  const f = p.facts;
  if (f.period || f.publish || f.opening || f.fee || f.closing) return true;
  const n = paragraphNarrative(p);
  return n.claims.length > 0 || n.lists.length > 0 || n.acceptedDone.length > 0;
}

/**
 * What a run of consecutive blocks of plain text (no table rows, section headings, captions or comments)
 * adds to the report, given the state it starts in. Cached on the run's first block and reused while the
 * run's blocks are the same objects and it starts in the same state, so a rebuild after an edit costs one
 * comparison per run for everything the edit did not touch.
 */
interface RunModel {
  blocks: Block[];
  current: SectionKey;
  opening: boolean;
  joinIn: boolean;
  /** Text that continues the paragraph before the run (when joinIn), mapped relative to the run's first block. */
  lead: { text: MappedText; endLine: number } | null;
  paras: Para[];
  subs: Sub[];
  /** Paragraphs of `paras` for which isFigure holds. */
  figures: Para[];
  /** The run has text, which closes an open table region. */
  closes: boolean;
  openingOut: boolean;
  /** The paragraph that may continue after the run: the one before it ('in'), the run's last ('own') or none. */
  lastOut: 'in' | 'own' | null;
  adjOut: boolean;
  prevKindOut: Item['kind'] | null;
}

/**
 * What the builder keeps on a block (items are immutable, so this is computed once per block): the text or
 * row work of each item, whether the block is plain text, and the run that starts at it (see RunModel).
 */
interface BlockState {
  infos: (TextInfo | RowInfo | null)[];
  plain: boolean;
  run: RunModel | undefined;
  /** Items that are short lines followed, through short lines only, by a table row: label lines of a row (text tables). */
  labelLines: boolean[];
}

type ModelledBlock = Block & { model: BlockState | undefined };

function stateOf(block: ModelledBlock): BlockState {
  let st = block.model;
  if (!st) {
    let plain = true;
    const infos = block.items.map((item) => {
      if (item.kind === 'row') {
        plain = false;
        return rowInfo(item);
      }
      if (item.kind === 'comment') plain = false;
      if (item.kind !== 'para' && item.kind !== 'heading') return null;
      const info = textInfo(item);
      if (info.t && (info.sec || info.caption)) plain = false;
      return info;
    });
    const labelLines = new Array<boolean>(infos.length).fill(false);
    if (!plain) {
      for (let j = infos.length - 2; j >= 0; j--) {
        const info = infos[j];
        if (!info || 'cells' in info || !info.t || info.t.length >= 60 || info.sec) continue;
        labelLines[j] = block.items[j + 1].kind === 'row' || labelLines[j + 1];
      }
    }
    st = block.model = { infos, plain, run: undefined, labelLines };
  }
  return st;
}

const MAX_RUN = 256;
let blockSeq = 0;

/**
 * Runs end before a block marked as a cut (about one in 16, fixed per block object), so after an edit the runs
 * rebuilt from the edited one end where the old runs did and the ones after it are found again.
 */
function isCut(block: ModelledBlock): boolean {
  return (block.cut ??= (Math.imul(++blockSeq, 0x9e3779b1) >>> 28) === 0);
}

function modelRun(blocks: readonly Block[], from: number, current: SectionKey, openingIn: boolean, joinIn: boolean): RunModel {
  const first = blocks[from];
  const run: Block[] = [];
  const paras: Para[] = [];
  const subs: Sub[] = [];
  let opening = openingIn;
  let last: Para | 'in' | null = 'in';
  let adj = joinIn;
  let lead: RunModel['lead'] = null;
  let closes = false;
  let prevKind: Item['kind'] | null = null;
  for (let b = from; b < blocks.length && run.length < MAX_RUN; b++) {
    const block = blocks[b] as ModelledBlock;
    const st = stateOf(block);
    if (b > from) {
      if (isCut(block) || !st.plain) break;
      // Only a run's first block keeps a run: a stale one would keep old blocks alive.
      st.run = undefined;
    }
    run.push(block);
    // The item before is (part of) the last paragraph, in this block: a line wrap.
    let tight = false;
    for (let j = 0; j < block.items.length; j++) {
      const item = block.items[j];
      prevKind = item.kind;
      const wasAdj: boolean = adj;
      const wasTight: boolean = tight;
      adj = false;
      tight = false;
      // A page marker (`- 4 -`) between two lines of a paragraph does not end it.
      if (item.kind === 'other' && item.page) {
        adj = wasAdj;
        tight = wasTight;
        continue;
      }
      if (item.kind !== 'para' && item.kind !== 'heading') continue;
      const info = st.infos[j] as TextInfo;
      if (!info.t) continue;
      closes = true;
      const isHeading = item.kind === 'heading';
      if (info.subhead) {
        subs.push(new Sub(block, info.t, current, relRange(item.text)));
        opening = true;
        last = null;
        continue;
      }
      if (wasAdj && !isHeading && info.continues) {
        if (last === 'in' && (lead ? !endsSentence(lead.text.text) : joinIn)) {
          const delta = block.start - first.start;
          const part = shiftLines(item.text, delta);
          lead = { text: lead ? joinMapped(lead.text, part) : part, endLine: delta + item.endLine };
          adj = true;
          tight = true;
          continue;
        }
        if (last !== 'in' && joinable(last, wasTight)) {
          last = (last as Para).join(item.text, block, item.endLine);
          paras[paras.length - 1] = last;
          adj = true;
          tight = true;
          continue;
        }
      }
      const para = new Para(block, item.text, item.line, item.endLine, current, opening, info.facts);
      paras.push(para);
      last = isHeading ? null : para;
      adj = true;
      tight = !isHeading;
      opening = false;
    }
  }
  return {
    blocks: run,
    current,
    opening: openingIn,
    joinIn,
    lead,
    paras,
    subs,
    figures: paras.filter(isFigure),
    closes,
    openingOut: opening,
    lastOut: last === 'in' ? 'in' : last ? 'own' : null,
    adjOut: adj,
    prevKindOut: prevKind,
  };
}

/** The cached run at `blocks[from]`, when it still holds. */
function runAt(blocks: readonly Block[], from: number, current: SectionKey, opening: boolean, joinIn: boolean): RunModel | null {
  const m = stateOf(blocks[from] as ModelledBlock).run;
  if (!m || m.current !== current || m.opening !== opening || m.joinIn !== joinIn) return null;
  const run = m.blocks;
  if (from + run.length > blocks.length) return null;
  for (let k = 1; k < run.length; k++) if (blocks[from + k] !== run[k]) return null;
  return m;
}

/** A line of a table region: a row, or a caption or wrapped label (a text item), with its block's first line. */
interface RegionEntry {
  item: Item;
  base: number;
  info: TextInfo | RowInfo;
}

const tableCache = new WeakMap<Item, { entries: RegionEntry[]; section: SectionKey | 0; table: TableModel }>();

/** The table of a region; the same object as last time when its lines are the same items at the same places. */
function tableOf(entries: RegionEntry[], section: SectionKey | 0): TableModel {
  const c = tableCache.get(entries[0].item);
  if (c && c.section === section && c.entries.length === entries.length && c.entries.every((e, k) => e.item === entries[k].item && e.base === entries[k].base)) return c.table;
  const rows: RawRow[] = entries.map(({ item, base, info }) => {
    if ('cells' in info) {
      const cells: Cell[] = info.cells.map((c) => {
        const cell: Cell = { raw: c.raw, kind: c.kind, value: c.value, range: { start: { line: base + c.line, character: c.start }, end: { line: base + c.line, character: c.end } } };
        if (c.unit) cell.unit = c.unit;
        if (c.covered) cell.covered = c.covered;
        return cell;
      });
      return { cells, line: base + item.line };
    }
    // A caption or wrapped label: a text item.
    const text = (item as Extract<Item, { kind: 'para' | 'heading' }>).text;
    const r = paragraphRange({ text, base }, 0, text.text.length);
    return { cells: [{ raw: info.t, kind: 'text', value: null, range: r }], line: r.start.line };
  });
  const table = buildTable(rows, section);
  tableCache.set(entries[0].item, { entries, section, table });
  return table;
}

/** Builds the report model from parsed blocks. Runs of unchanged plain-text blocks reuse what they gave last time. */
export function buildReport(blocks: readonly Block[], lineCount: number, lineLength: (line: number) => number, format: SourceFormat): Report {
  const sections: SectionInfo[] = [];
  const subheads: Sub[] = [];
  const paragraphs: Para[] = [];
  const figures: Para[] = [];
  const tables: TableModel[] = [];
  const directives: Directive[] = [];
  let firstText: Range | null = null;
  const preface: { p: { text: MappedText; base: number }; info: TextInfo; line: number }[] = [];
  let current: SectionKey | 0 = 0;
  let opening = true;
  let region: RegionEntry[] | null = null;
  let regionHasT3Header = false;
  let regionSection: SectionKey | 0 = 0;
  // The last paragraph, and whether the item just before is (part of) it: a paragraph broken by extraction continues there.
  let lastPara: Para | null = null;
  let adj = false;
  let prevKind: Item['kind'] | null = null;
  // The item before was a label line of a table row (see BlockState.labelLines).
  let labelLine = false;

  const closeRegion = () => {
    if (region && region.length) tables.push(tableOf(region, regionSection));
    region = null;
  };
  const whole = (p: { text: MappedText; base: number }) => paragraphRange(p, 0, p.text.text.length);
  /** Replaces the last paragraph by its continuation. */
  const continueLast = (part: MappedText, block: Block, endLine: number) => {
    const old = lastPara!;
    lastPara = old.join(part, block, endLine);
    paragraphs[paragraphs.length - 1] = lastPara;
    if (figures.length && figures[figures.length - 1] === old) figures.pop();
    if (isFigure(lastPara)) figures.push(lastPara);
  };

  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as ModelledBlock;
    const items = block.items;
    if (items.length === 0) continue;
    const st = stateOf(block);
    if (current !== 0 && st.plain) {
      const joinIn: boolean = adj && joinable(lastPara);
      let m = runAt(blocks, b, current, opening, joinIn);
      if (!m) m = st.run = modelRun(blocks, b, current, opening, joinIn);
      if (m.closes) closeRegion();
      if (m.lead) continueLast(m.lead.text, block, m.lead.endLine);
      for (const p of m.paras) paragraphs.push(p);
      for (const p of m.figures) figures.push(p);
      for (const s of m.subs) subheads.push(s);
      opening = m.openingOut;
      if (m.lastOut === 'own') lastPara = m.paras[m.paras.length - 1];
      else if (m.lastOut === null) lastPara = null;
      adj = m.adjOut;
      if (m.prevKindOut) prevKind = m.prevKindOut;
      b += m.blocks.length - 1;
      continue;
    }
    const base = block.start;
    let tight = false;
    for (let j = 0; j < items.length; j++, prevKind = items[j - 1].kind) {
      const item = items[j];
      const wasAdj: boolean = adj;
      const wasTight: boolean = tight;
      const afterLabelLine = labelLine;
      adj = false;
      tight = false;
      labelLine = false;
      if (item.kind === 'other' && item.page) {
        adj = wasAdj;
        tight = wasTight;
        continue;
      }
      if (item.kind === 'row') {
        const info = st.infos[j] as RowInfo;
        // A new table's header row starts a new region even without a heading between.
        if (region && info.t3Header && !regionHasT3Header) closeRegion();
        if (!region) {
          region = [];
          regionSection = current;
          regionHasT3Header = false;
        }
        if (info.t3Header) regionHasT3Header = true;
        region.push({ item, base, info });
        lastPara = null;
        continue;
      }
      if (item.kind === 'comment') {
        const d = DIRECTIVE.exec(item.text);
        if (d) {
          const rules = d[2].split(/[\s,]+/).filter(Boolean);
          directives.push({ kind: d[1] as Directive['kind'], rules, line: base + item.line, endLine: base + item.endLine });
        }
        continue;
      }
      if (item.kind === 'tableEnd' || item.kind === 'other') continue;

      const info = st.infos[j] as TextInfo;
      const t = info.t;
      if (!t) continue;
      const p = { text: item.text, base };
      if (info.sec) {
        closeRegion();
        const range = whole(p);
        if (!firstText) firstText = range;
        sections.push({
          key: info.sec.def.key,
          numeral: info.sec.numeral,
          title: info.sec.title,
          headingText: t,
          headingRange: range,
          range: { start: { line: range.start.line, character: 0 }, end: range.end },
          wording: info.wording,
        });
        current = info.sec.def.key;
        opening = true;
        lastPara = null;
        continue;
      }
      // A 第二十条 caption belongs to table 二, also when it stands alone before the first block.
      if (info.caption) {
        if (!region) {
          region = [];
          regionSection = current;
          regionHasT3Header = false;
        }
        (region as RegionEntry[]).push({ item, base, info });
        continue;
      }
      // Short lines between rows of one text block are a row's label written over several lines.
      if (region && format === 'text' && st.labelLines[j] && (prevKind === 'row' || afterLabelLine)) {
        (region as RegionEntry[]).push({ item, base, info });
        labelLine = true;
        continue;
      }
      closeRegion();
      const isHeading = item.kind === 'heading';
      if (info.subhead) {
        subheads.push(new Sub(block, t, current, relRange(item.text)));
        opening = true;
        lastPara = null;
        continue;
      }
      if (current === 0 && sections.length === 0) preface.push({ p, info, line: base + item.line });
      if (!firstText) firstText = whole(p);
      if (wasAdj && !isHeading && info.continues && joinable(lastPara, wasTight)) {
        continueLast(item.text, block, item.endLine);
        adj = true;
        tight = true;
        continue;
      }
      const para = new Para(block, item.text, item.line, item.endLine, current, opening, info.facts);
      paragraphs.push(para);
      if (isFigure(para)) figures.push(para);
      lastPara = isHeading ? null : para;
      adj = true;
      tight = !isHeading;
      opening = false;
    }
  }
  closeRegion();

  const { endBefore, docEnd } = sectionEnds(lineCount, lineLength);
  for (let s = 0; s < sections.length; s++) {
    sections[s].range.end = s + 1 < sections.length ? endBefore(sections[s + 1].headingRange.start.line) : docEnd;
  }
  for (const s of sections) if (s.range.end.line < s.headingRange.end.line) s.range.end = s.headingRange.end;

  // Title: the first line before section 一 that names the annual report; a short line just before it is the 机关.
  let title: Report['title'] = null;
  let titleYearAt: { p: { text: MappedText; base: number }; at: number } | null = null;
  const firstSectionLine = sections.length ? sections[0].headingRange.start.line : Infinity;
  for (let k = 0; k < preface.length && preface[k].line < firstSectionLine; k++) {
    const t = preface[k].info.t;
    if (t.length <= 80 && TITLE_WORDS.test(t) && !PUBLISH.test(t) && t.indexOf('。') < 0) {
      let text = t;
      let range = whole(preface[k].p);
      const prev = k > 0 ? preface[k - 1] : null;
      const y = YEAR.exec(preface[k].p.text.text);
      if (y) titleYearAt = { p: preface[k].p, at: y.index };
      if (prev && !AGENCY_WORDS.test(t.replace(/政府信息公开.*$/, '')) && prev.info.t.length <= 30 && !/[。，,：:]/.test(prev.info.t) && prev.line >= preface[k].line - 3) {
        text = prev.info.t + t;
        range = { start: whole(prev.p).start, end: range.end };
        const py = YEAR.exec(prev.p.text.text);
        if (!y && py) titleYearAt = { p: prev.p, at: py.index };
      }
      const agencyMatch = /^(.*?)(?:\s*\d{4}\s*年度?)?\s*(?:政府信息公开|信息公开|政务公开)/.exec(text);
      title = { text, range, agency: agencyMatch && agencyMatch[1].trim() ? agencyMatch[1].trim() : null };
      break;
    }
  }

  // Year slots.
  const yearSlots: YearSlot[] = [];
  if (titleYearAt) {
    const { p, at } = titleYearAt;
    yearSlots.push({ kind: 'title', year: Number(p.text.text.slice(at, at + 4)), range: paragraphRange(p, at, at + 4) });
  }
  let period: Report['period'] = null;
  for (const para of figures) {
    const f = para.facts;
    if (!period && f.period) {
      const m = f.period.m;
      const startYearAt = m.index + m[0].indexOf(m[1]);
      const start: DateRef = { year: +m[1], month: +m[2], day: +m[3], range: paragraphRange(para, startYearAt, startYearAt + 4) };
      const endYear = m[4] ? +m[4] : +m[1];
      let endRange = start.range;
      if (m[4]) {
        const at = m.index + m[0].lastIndexOf(m[4]);
        endRange = paragraphRange(para, at, at + 4);
      }
      const whole = paragraphRange(para, startYearAt, m.index + m[0].length);
      period = { start, end: { year: endYear, month: +m[5], day: +m[6], range: endRange }, range: whole };
      yearSlots.push({ kind: 'periodStart', year: start.year, range: start.range });
      if (m[4]) yearSlots.push({ kind: 'periodEnd', year: endYear, range: endRange });
    }
    if (f.publish) yearSlots.push({ kind: 'publish', year: f.publish.year, range: paragraphRange(para, f.publish.at, f.publish.at + 4) });
    if (f.opening) yearSlots.push({ kind: 'opening', year: f.opening.year, range: paragraphRange(para, f.opening.at, f.opening.at + 4), section: para.section, plan: f.opening.plan });
    if (f.fee && f.fee.at !== f.opening?.at) yearSlots.push({ kind: 'fee', year: f.fee.year, range: paragraphRange(para, f.fee.at, f.fee.at + 4) });
  }

  // Closing date: a line holding only a date, after the last section heading.
  let closingDate: DateRef | null = null;
  const lastSectionLine = sections.length ? sections[sections.length - 1].headingRange.start.line : Infinity;
  for (let k = paragraphs.length - 1; k >= 0 && k >= paragraphs.length - 4; k--) {
    const para = paragraphs[k];
    if (para.line < lastSectionLine) break;
    const c = para.facts.closing;
    if (c) {
      closingDate = { year: c.year, month: c.month, day: c.day, range: paragraphRange(para, c.at, c.end) };
      break;
    }
  }

  let year: number | null = null;
  let yearSource: Report['yearSource'] = null;
  // The report year: the title's, unless the title alone disagrees with every other slot (then the title is the
  // mistake; a closing date in the year after the title's keeps the title). Without a year in the title, what most
  // slots say (ties go to the statistics period, then 现发布, then the openers), else the closing date's year before.
  const sourceOf: Partial<Record<YearSlot['kind'], Report['yearSource']>> = { title: 'title', periodStart: 'period', periodEnd: 'period', publish: 'publish', opening: 'opening' };
  const votes = yearSlots.filter((x) => x.kind === 'periodStart' || x.kind === 'publish' || (x.kind === 'opening' && !x.plan));
  const titleSlot = yearSlots.find((x) => x.kind === 'title');
  if (titleSlot) {
    year = titleSlot.year;
    yearSource = 'title';
    const others = [...votes, ...yearSlots.filter((x) => x.kind === 'periodEnd')];
    const alone = votes.length >= 2 && others.every((x) => x.year === votes[0].year) && votes[0].year !== titleSlot.year;
    if (alone && !(closingDate && closingDate.year - 1 === titleSlot.year)) {
      year = votes[0].year;
      yearSource = sourceOf[votes[0].kind] ?? null;
    }
  } else if (votes.length) {
    const counts = new Map<number, number>();
    for (const v of votes) counts.set(v.year, (counts.get(v.year) ?? 0) + 1);
    const most = Math.max(...counts.values());
    const order: YearSlot['kind'][] = ['periodStart', 'publish', 'opening'];
    const pick = order.map((k) => votes.find((v) => v.kind === k && counts.get(v.year) === most)).find(Boolean)!;
    year = pick.year;
    yearSource = sourceOf[pick.kind] ?? null;
  } else if (closingDate) {
    year = closingDate.year - 1;
    yearSource = 'closing';
  }

  const t2 = (tables.find((t) => t.kind === 't2') as Table2 | undefined) ?? null;
  const t3 = (tables.find((t) => t.kind === 't3') as Table3 | undefined) ?? null;
  const t4 = (tables.find((t) => t.kind === 't4') as Table4 | undefined) ?? null;

  const template = detectTemplate(t2, t3, year);
  const distinct = new Set(sections.map((s) => s.key));
  const titleNames = title !== null && /政府信息公开(?:工作)?年度报告|政务公开(?:工作)?年度报告/.test(normalizeLabel(title.text));
  const isReport = titleNames || distinct.size >= 3;

  return {
    format,
    isReport,
    title,
    year,
    yearSource,
    template,
    sections,
    subheads,
    paragraphs,
    figures,
    tables,
    t2,
    t3,
    t4,
    yearSlots,
    period,
    closingDate,
    directives,
    firstText: firstText ?? (sections[0]?.headingRange ?? null),
    lineCount,
    lineLength,
  };
}

/**
 * A section (or sub-head) runs to the end of the line before the next heading, or to the end of the document
 * (an end at the next heading's first character would count as inside it: breadcrumbs would name it).
 */
function sectionEnds(lineCount: number, lineLength: (line: number) => number) {
  return {
    endBefore: (line: number): Position => (line > 0 ? { line: line - 1, character: lineLength(line - 1) } : { line: 0, character: 0 }),
    docEnd: { line: lineCount - 1, character: lineLength(lineCount - 1) } as Position,
  };
}

/** Where each sub-head's sub-section ends: the end of the line before the next heading of either kind, or the document's end. */
export function subheadEnds(report: Report): Position[] {
  const { sections, subheads, lineCount, lineLength } = report;
  const { endBefore, docEnd } = sectionEnds(lineCount, lineLength);
  const out: Position[] = [];
  let si = 0;
  let ki = 0;
  for (let k = 0; k < subheads.length; k++) {
    const sh = subheads[k];
    const line = sh.line;
    while (si < sections.length && sections[si].headingRange.start.line <= line) si++;
    if (ki <= k) ki = k + 1;
    while (ki < subheads.length && subheads[ki].line <= line) ki++;
    const next = Math.min(si < sections.length ? sections[si].headingRange.start.line : Infinity, ki < subheads.length ? subheads[ki].line : Infinity);
    const end = next === Infinity ? docEnd : endBefore(next);
    // Never shorter than the heading itself.
    out.push(end.line < sh.endLine ? sh.range.end : end);
  }
  return out;
}

/**
 * The format of the report: the one most of its parts are in (each 第二十条 block of table 二 and table 三's
 * （六） rows are a part). A part in the other format does not change it (template-outdated points at it);
 * a tie goes to the format the year requires.
 */
function detectTemplate(t2: Table2 | null, t3: Table3 | null, year: number | null): Template | null {
  let s2021 = 0;
  let s2019 = 0;
  for (const b of t2?.blocks ?? []) {
    if (b.form === '2021') s2021++;
    else if (b.form === '2019') s2019++;
  }
  if (t3?.otherHandlingForm === '2021') s2021++;
  if (t3?.otherHandlingForm === '2019') s2019++;
  if (s2021 > s2019) return '2021';
  if (s2019 > s2021) return '2019';
  if (s2021 > 0 && year !== null && year >= 2019) return formForYear(year);
  if (year !== null && year <= 2018) return 'legacy';
  return null;
}

export type { TableRow };
