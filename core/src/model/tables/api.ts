// The typed reading of tables 二, 三 and 四 that rules use: cells by template row and column key, never by index.
import { t2RowDef } from '../labels';
import { T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type T2ColumnKey, type T2Def, type T2RowKey, type T3ColumnKey, type T3RowKey, type T4GroupKey, type T4OutcomeKey } from '../templates';
import type { Range } from '../../types';
import type { SectionKey } from '../templates';
import type { Cell, Table2, Table2Data, Table3, Table3Data, Table4, Table4Data, TableRow } from '../types';

/**
 * A cell as a count: a non-negative integer, or null when it is missing or not a count. A blank or a dash
 * (`/`, `—`, `无`) counts as 0: table-cell-blank says so once per table.
 */
export function countOf(cell: Cell | undefined): number | null {
  if (!cell) return null;
  if (cell.kind === 'blank' || cell.kind === 'dash') return 0;
  if (cell.kind !== 'number' || cell.value === null || cell.unit) return null;
  return Number.isInteger(cell.value) && cell.value >= 0 ? cell.value : null;
}

const T3_INDEX = new Map(T3_COLUMNS.map((c, i) => [c.key, i]));
const T3_ORDER = T3_ROWS.map((r) => r.key);
const ALL_COLUMNS: readonly T3ColumnKey[] = T3_COLUMNS.map((c) => c.key);
const SIX_COLUMNS: readonly T3ColumnKey[] = ALL_COLUMNS.filter((k) => k !== 'total');

/** Table 三 with its typed reading (methods on the prototype: a table is built on every check). */
class T3Table implements Table3 {
  declare readonly kind: 't3';
  declare readonly range: Range;
  declare readonly section: SectionKey | 0;
  declare rows: TableRow[];
  declare header: string;
  declare byKey: Table3Data['byKey'];
  declare expectedColumns: number;
  declare hasTotalColumn: boolean;
  declare otherHandlingForm: Table3Data['otherHandlingForm'];
  readonly columns: readonly T3ColumnKey[];
  readonly keys: readonly T3RowKey[];

  constructor(data: Table3Data) {
    Object.assign(this, data);
    this.columns = this.hasTotalColumn ? ALL_COLUMNS : SIX_COLUMNS;
    this.keys = T3_ORDER.filter((k) => this.byKey[k]);
  }

  row(key: T3RowKey): TableRow | undefined {
    return this.byKey[key];
  }

  cell(key: T3RowKey, column: T3ColumnKey): Cell | undefined {
    const row = this.byKey[key];
    if (!row || row.values.length !== this.expectedColumns || (column === 'total' && !this.hasTotalColumn)) return undefined;
    return row.values[T3_INDEX.get(column)!];
  }

  count(key: T3RowKey, column: T3ColumnKey): number | null {
    return countOf(this.cell(key, column));
  }

  total(key: T3RowKey): number | null {
    if (this.hasTotalColumn) return this.count(key, 'total');
    let sum = 0;
    for (const c of SIX_COLUMNS) {
      const v = this.count(key, c);
      if (v === null) return null;
      sum += v;
    }
    return sum;
  }

  consistent(key: T3RowKey): boolean {
    if (!this.hasTotalColumn || !this.byKey[key]) return true;
    let sum = 0;
    for (const c of SIX_COLUMNS) {
      const v = this.count(key, c);
      if (v === null) return true;
      sum += v;
    }
    const total = this.count(key, 'total');
    return total === null || total === sum;
  }
}

export function withT3Api(t: Table3Data): Table3 {
  return new T3Table(t);
}

const T4_GROUP = new Map(T4_GROUPS.map((g, i) => [g.key, i]));
const T4_OUTCOME = new Map(T4_OUTCOMES.map((o, i) => [o.key, i]));

class T4Table implements Table4 {
  declare readonly kind: 't4';
  declare readonly range: Range;
  declare readonly section: SectionKey | 0;
  declare rows: TableRow[];
  declare header: string;
  declare data: TableRow | null;
  readonly complete: boolean;

  constructor(data: Table4Data) {
    Object.assign(this, data);
    this.complete = this.data !== null && this.data.values.length === 15;
  }

  cell(group: T4GroupKey, outcome: T4OutcomeKey): Cell | undefined {
    return this.complete ? this.data!.values[T4_GROUP.get(group)! * 5 + T4_OUTCOME.get(outcome)!] : undefined;
  }

  count(group: T4GroupKey, outcome: T4OutcomeKey): number | null {
    return countOf(this.cell(group, outcome));
  }
}

export function withT4Api(t: Table4Data): Table4 {
  return new T4Table(t);
}

class T2Table implements Table2 {
  declare readonly kind: 't2';
  declare readonly range: Range;
  declare readonly section: SectionKey | 0;
  declare rows: TableRow[];
  declare header: string;
  declare template: Table2Data['template'];
  declare byKey: Table2Data['byKey'];
  declare items: string[];
  declare blocks: Table2Data['blocks'];

  constructor(data: Table2Data) {
    Object.assign(this, data);
  }

  row(key: T2RowKey): TableRow | undefined {
    return this.byKey[key];
  }

  def(key: T2RowKey): T2Def | undefined {
    const row = this.byKey[key];
    return row ? t2RowDef(row.form ?? this.template, key) : undefined;
  }

  cell(key: T2RowKey, column: T2ColumnKey): Cell | undefined {
    const row = this.byKey[key];
    const def = this.def(key);
    if (!row || !def || row.values.length > def.columns.length) return undefined;
    const i = def.columns.findIndex((c) => c.key === column);
    return i < 0 ? undefined : row.values[i];
  }

  count(key: T2RowKey, column: T2ColumnKey): number | null {
    return countOf(this.cell(key, column));
  }
}

export function withT2Api(t: Table2Data): Table2 {
  return new T2Table(t);
}
