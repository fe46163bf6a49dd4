// Table regions: the lines of one table as the walk collects them (rows, 第二十条 captions, a row's label lines),
// turned into tables 二/三/四. A region's table is kept and reused while it holds the same items at the same places.
import type { Item } from '../parse/items';
import { paragraphRange } from './positioned';
import type { RowInfo, TextInfo } from './recognize';
import { buildTable, type RawRow } from './tables';
import type { SectionKey } from './templates';
import { Cell, type TableModel } from './types';

/** A line of a table region: a row, or a caption or label line (a text item), with its block's first line. */
export interface RegionEntry {
  item: Item;
  base: number;
  info: TextInfo | RowInfo;
}

const tables = new WeakMap<Item, { entries: RegionEntry[]; section: SectionKey | 0; table: TableModel }>();

function rawRow({ item, base, info }: RegionEntry): RawRow {
  if ('reads' in info) {
    const reads = info.reads;
    const cells = (item as Extract<Item, { kind: 'row' }>).cells.map((c, k) => {
      const line = base + c.line;
      const r = reads[k];
      return new Cell(c.text, r.kind, r.value, r.unit, c.covered, line, c.start, line, c.end);
    });
    return { cells, line: base + item.line };
  }
  // A caption or label line: a text item, one text cell.
  const text = (item as Extract<Item, { kind: 'para' | 'heading' }>).text;
  const { start, end } = paragraphRange({ text, base }, 0, text.text.length);
  return { cells: [new Cell(info.text, 'text', null, undefined, undefined, start.line, start.character, end.line, end.character)], line: start.line };
}

/** The table of a region; the same object as last time when its lines are the same items at the same places. */
export function tableOf(entries: RegionEntry[], section: SectionKey | 0): TableModel {
  const kept = tables.get(entries[0].item);
  if (kept && kept.section === section && kept.entries.length === entries.length && kept.entries.every((e, k) => e.item === entries[k].item && e.base === entries[k].base)) return kept.table;
  const table = buildTable(entries.map(rawRow), section);
  tables.set(entries[0].item, { entries, section, table });
  return table;
}

/** Collects the lines of the current table region as the walk meets them. */
export class Regions {
  readonly tables: TableModel[] = [];
  private entries: RegionEntry[] | null = null;
  private section: SectionKey | 0 = 0;
  private hasT3Header = false;

  get open(): boolean {
    return this.entries !== null;
  }

  /** Adds a line; a table-三 header row after other rows starts a new table even without a heading between. */
  add(entry: RegionEntry, section: SectionKey | 0): void {
    const t3Header = 'reads' in entry.info && entry.info.t3Header;
    if (this.entries && t3Header && !this.hasT3Header) this.close();
    if (!this.entries) {
      this.entries = [];
      this.section = section;
      this.hasT3Header = false;
    }
    if (t3Header) this.hasT3Header = true;
    this.entries.push(entry);
  }

  close(): void {
    if (this.entries && this.entries.length) this.tables.push(tableOf(this.entries, this.section));
    this.entries = null;
  }
}
