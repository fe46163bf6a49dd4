// Table 四: one row of fifteen values under a header written in any number of lines.
import { normalizeLabel } from '../../text/normalize';
import type { Table4, Table4Data, TableRow } from '../types';
import { withT4Api } from './api';
import { fitSlots } from './rows';

export function buildT4(t: Omit<Table4Data, 'data'>): Table4 {
  const headers: string[] = [];
  let data: TableRow | null = null;
  for (const row of t.rows) {
    if (row.values.length === 0) headers.push(normalizeLabel(row.label));
    else if (!data) data = row;
  }
  // A row of fifteen blank cells is the data row too.
  if (!data) data = t.rows.find((r) => (r.blankSlots?.length ?? 0) >= 10) ?? null;
  if (data) {
    data.key = 'data';
    data.values = fitSlots(data.values.length ? data.values : data.blankSlots!, 15);
  }
  return withT4Api({ ...t, header: headers.join('|'), data });
}
