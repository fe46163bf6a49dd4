// The typed reading of tables 二, 三 and 四 that rules use: cells by template row and column key, never by index.
import { t2RowDef } from '../labels';
import { T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type T3ColumnKey } from '../templates';
import type { Cell, Table2, Table2Data, Table3, Table3Data, Table4, Table4Data } from '../types';

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

export function withT3Api(t: Table3Data): Table3 {
  const columns: readonly T3ColumnKey[] = T3_COLUMNS.map((c) => c.key).filter((k) => t.hasTotalColumn || k !== 'total');
  const table: Table3 = {
    ...t,
    columns,
    keys: T3_ORDER.filter((k) => t.byKey[k]),
    row: (key) => t.byKey[key],
    cell(key, column) {
      const row = t.byKey[key];
      if (!row || row.values.length !== t.expectedColumns || (column === 'total' && !t.hasTotalColumn)) return undefined;
      return row.values[T3_INDEX.get(column)!];
    },
    count: (key, column) => countOf(table.cell(key, column)),
    total(key) {
      if (t.hasTotalColumn) return table.count(key, 'total');
      let sum = 0;
      for (const c of columns) {
        const v = table.count(key, c);
        if (v === null) return null;
        sum += v;
      }
      return sum;
    },
    consistent(key) {
      if (!t.hasTotalColumn || !t.byKey[key]) return true;
      let sum = 0;
      for (const c of columns) {
        if (c === 'total') continue;
        const v = table.count(key, c);
        if (v === null) return true;
        sum += v;
      }
      const total = table.count(key, 'total');
      return total === null || total === sum;
    },
  };
  return table;
}

const T4_GROUP = new Map(T4_GROUPS.map((g, i) => [g.key, i]));
const T4_OUTCOME = new Map(T4_OUTCOMES.map((o, i) => [o.key, i]));

export function withT4Api(t: Table4Data): Table4 {
  const complete = t.data !== null && t.data.values.length === 15;
  const table: Table4 = {
    ...t,
    complete,
    cell: (group, outcome) => (complete ? t.data!.values[T4_GROUP.get(group)! * 5 + T4_OUTCOME.get(outcome)!] : undefined),
    count: (group, outcome) => countOf(table.cell(group, outcome)),
  };
  return table;
}

export function withT2Api(t: Table2Data): Table2 {
  const table: Table2 = {
    ...t,
    row: (key) => t.byKey[key],
    def(key) {
      const row = t.byKey[key];
      return row ? t2RowDef(row.form ?? t.template, key) : undefined;
    },
    cell(key, column) {
      const row = t.byKey[key];
      const def = table.def(key);
      if (!row || !def || row.values.length > def.columns.length) return undefined;
      const i = def.columns.findIndex((c) => c.key === column);
      return i < 0 ? undefined : row.values[i];
    },
    count: (key, column) => countOf(table.cell(key, column)),
  };
  return table;
}
