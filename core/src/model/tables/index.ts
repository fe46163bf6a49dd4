// Table regions → tables 二/三/四 (classified by their words) with every row identified by its template row.
import type { Range } from '../../types';
import { normalizeLabel } from '../../text/normalize';
import type { SectionKey } from '../templates';
import type { TableModel, TableRow } from '../types';
import { splitRow, type Parts, type RawRow } from './rows';
import { buildT2 } from './t2';
import { buildT3 } from './t3';
import { buildT4 } from './t4';

export type { RawRow };

function classify(rows: TableRow[], section: SectionKey | 0): TableModel['kind'] {
  const text = normalizeLabel(rows.map((r) => r.label).join('|'));
  if (/勾稽关系|申请人情况|本年新收|上年结转|予以公开/.test(text)) return 't3';
  if (/行政复议/.test(text) && /行政诉讼|起诉/.test(text)) return 't4';
  if (/第二十条|信息内容|规章|行政许可|行政处罚|规范性文件/.test(text)) return 't2';
  if (section === 4 && rows.some((r) => r.values.length >= 10)) return 't4';
  return 'unknown';
}

function tableRange(rows: TableRow[]): Range {
  return { start: rows[0].range.start, end: rows[rows.length - 1].range.end };
}

export function buildTable(raw: RawRow[], section: SectionKey | 0): TableModel {
  const parts: Parts = new Map();
  const rows = raw.map((r) => splitRow(r, parts));
  const kind = classify(rows, section);
  const base = { range: tableRange(rows), section, rows, header: '' };
  if (kind === 't3') return buildT3({ ...base, kind }, parts);
  if (kind === 't4') return buildT4({ ...base, kind });
  if (kind === 't2') return buildT2({ ...base, kind }, parts);
  return { ...base, kind: 'unknown' };
}
