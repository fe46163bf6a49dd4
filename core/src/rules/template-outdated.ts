import { formForYear, T2_KEYS, type T2ColumnKey, type T2RowKey } from '../model/templates';
import type { TextEdit } from '../edits/edit';
import { isHtmlRow, pipeCells } from '../edits/table-text';
import type { TableValues } from '../formats/index';
import type { Label } from '../model/labels';
import type { Table2, Table2Block } from '../model/types';
import { ruleWithData } from './rule';

const ITEM_LABEL = (item: string) => `第二十条第（${item}）项`;

/** The parts in the wrong format, named: `表二`, `表二“第二十条第（一）项”`, `表三“（六）其他处理”`, joined by 和. */
function partsLabel(t2: 'all' | Table2Block[] | null, t3: boolean): Label {
  const zh: string[] = [];
  const en: string[] = [];
  if (t2 === 'all') {
    zh.push('表二');
    en.push('table 2');
  } else if (t2) {
    zh.push(`表二${t2.map((b) => `“${ITEM_LABEL(b.item)}”`).join('')}`);
    en.push(`table 2's ${t2.map((b) => ITEM_LABEL(b.item)).join(', ')}`);
  }
  if (t3) {
    zh.push('表三“（六）其他处理”');
    en.push('the (6) rows of table 3');
  }
  const plural = en.length > 1 || t3 || (Array.isArray(t2) && t2.length > 1);
  return { zh: zh.join('和'), en: `${en.join(' and ')} ${plural ? 'are' : 'is'}` };
}

/** Table 二's blocks in the other format than `want`: all of it ('all'), some blocks, or none. */
function wrongT2(t2: Table2 | null, want: '2021' | '2019'): 'all' | Table2Block[] | null {
  if (!t2) return null;
  if (t2.template && t2.template !== want) return 'all';
  const blocks = t2.blocks.filter((b) => b.form && b.form !== want);
  return blocks.length ? blocks : null;
}

/** Table 二 rows of the target format ← the column of the old row each value comes from (null: no counterpart, left 0). */
const TO_2021: Partial<Record<T2RowKey, (T2ColumnKey | null)[]>> = {
  rules: ['made', null, 'publishedTotal'],
  normative: ['made', null, 'publishedTotal'],
  licensing: ['decisions'],
  penalty: ['decisions'],
  coercion: ['decisions'],
  fees: [null],
};
const TO_2019: Partial<Record<T2RowKey, (T2ColumnKey | null)[]>> = {
  rules: ['issued', null, 'inForce'],
  normative: ['issued', null, 'inForce'],
  licensing: [null, null, 'decisions'],
  otherServices: [null, null, null],
  penalty: [null, null, 'decisions'],
  coercion: [null, null, 'decisions'],
  fees: [null, null],
  procurement: [null, null],
};

/** What a diagnostic of this rule carries for its fix. */
type Data = { want: '2021' | '2019'; t2: boolean; blocks?: string[]; t3: boolean };

export default ruleWithData<Data>()({
  id: 'template-outdated',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查报告使用的表格格式是否与报告年度相符：2021 年度及以后用 2021 年版，2019、2020 年度用 2019 年版。', en: 'a 2021-or-later report with tables or a part of them (a 第二十条 block of 表二, 表三\'s （六） rows) in the 2019 format, or the reverse; the message names the part' },
    fix: { 'zh-cn': '只把格式不对的部分换成应使用的格式（表二中旧格式的那几块，或整张表二；表三的“（六）其他处理”几行），能对应的数字会带过去，对应不上的格子填 0，需核实后填写实际数字。从 Word 粘贴的 HTML 表格需手工改。', en: 'convert that part, keeping the values that map' },
    summary: { 'zh-cn': '表格须使用报告年度对应的格式（2021 年起用 2021 版）', en: 'Tables must use the format of the report year (2021 format from 2021 on)' },
  },
  messages: {
    old: {
      'zh-cn': '{year} 年度报告应使用 2021 版格式（国办公开办函〔2021〕30号），{parts}仍是 2019 版格式',
      en: 'A report for {year} must use the 2021 format (国办公开办函〔2021〕30号); {parts} still in the 2019 format',
    },
    new: {
      'zh-cn': '{year} 年度报告应使用 2019 版格式（国办公开办函〔2019〕60号），{parts}却是 2021 版格式',
      en: 'A report for {year} uses the 2019 format (国办公开办函〔2019〕60号), but {parts} in the 2021 format',
    },
    fix: { 'zh-cn': '换成 {want} 版格式（保留能对应的数字，其余填 0，请核实）', en: 'Convert to the {want} format (figures that map are kept, the rest are 0: check them)' },
  },
  check(ctx) {
    const { report, options } = ctx;
    const year = options.year ?? report.year;
    if (year === null || year === undefined || year < 2019) return;
    const want = options.template ?? formForYear(year);
    const t2 = report.t2;
    const t2Wrong = wrongT2(t2, want);
    const t3Row = report.t3 && report.t3.otherHandlingForm && report.t3.otherHandlingForm !== want ? (report.t3.row('otherHandling') ?? report.t3.row('otherHandling.1')) : null;
    if (!t2Wrong && !t3Row) return;
    const joined = ctx.label(partsLabel(t2Wrong, !!t3Row));
    const at = t2Wrong === 'all' ? { start: t2!.range.start, end: t2!.rows[0].range.end } : t2Wrong ? t2Wrong[0].range : t3Row!.range;
    const blocks = Array.isArray(t2Wrong) ? t2Wrong.map((b) => b.item) : null;
    ctx.emit(want === '2021' ? 'old' : 'new', at, { year, parts: joined }, { want, t2: !!t2Wrong, ...(blocks ? { blocks } : {}), t3: !!t3Row });
  },
  fix(d, ctx) {
    const { report, doc } = ctx;
    const want = d.data?.want === '2019' ? '2019' : '2021';
    const edits: TextEdit[] = [];
    const t2 = report.t2;
    if (d.data?.t2 && t2 && !isHtmlRow(doc, t2.range.start.line)) {
      const values: TableValues = {};
      const map = want === '2021' ? TO_2021 : TO_2019;
      for (const key of T2_KEYS) {
        const cols = map[key];
        if (cols) values[key] = cols.map((c) => (c === null ? 0 : (t2.count(key, c) ?? 0)));
      }
      const whole = (first: number, last: number, text: string) => ({ range: { start: { line: first, character: 0 }, end: { line: last, character: doc.lines[last].length } }, newText: text.split('\n').join(doc.eol) });
      const items = Array.isArray(d.data.blocks) ? (d.data.blocks as string[]) : null;
      if (items) {
        // Only the blocks in the old format: each one replaced by the same block in the new format.
        for (const b of t2.blocks.filter((x) => items.includes(x.item))) {
          const lines = doc.syntax.renderT2Block(b.item, want, values);
          if (lines.length) edits.push(whole(b.range.start.line, b.range.end.line, lines.join('\n')));
        }
      } else edits.push(whole(t2.range.start.line, t2.range.end.line, doc.syntax.renderTable('t2', want, values)));
    }
    const t3 = report.t3;
    if (d.data?.t3 && t3) {
      const single = t3.row('otherHandling');
      const subKeys = ['otherHandling.1', 'otherHandling.2', 'otherHandling.3'] as const;
      const subs = subKeys.map((k) => t3.row(k));
      const n = t3.expectedColumns;
      if (want === '2021' && single && !isHtmlRow(doc, single.line)) {
        const cells = pipeCells(doc.lines[single.line]);
        const old = t3.columns.map((c) => t3.count('otherHandling', c) ?? 0);
        const rows = [doc.syntax.renderT3Row('otherHandling.1', '2021', Array(n).fill(0), cells), doc.syntax.renderT3Row('otherHandling.2', '2021', Array(n).fill(0), cells), doc.syntax.renderT3Row('otherHandling.3', '2021', old, cells)];
        edits.push({ range: { start: { line: single.line, character: 0 }, end: { line: single.line, character: doc.lines[single.line].length } }, newText: rows.join(doc.eol) });
      } else if (want === '2019' && subs.every(Boolean) && subs[2]!.line - subs[0]!.line === 2 && !isHtmlRow(doc, subs[0]!.line)) {
        const sum = t3.columns.map((c) => subKeys.reduce((a, k) => a + (t3.count(k, c) ?? 0), 0));
        const row = doc.syntax.renderT3Row('otherHandling', '2019', sum, pipeCells(doc.lines[subs[0]!.line]));
        edits.push({ range: { start: { line: subs[0]!.line, character: 0 }, end: { line: subs[2]!.line, character: doc.lines[subs[2]!.line].length } }, newText: row });
      }
    }
    if (edits.length === 0) return [];
    return [{ title: ctx.t('fix', { want }), edits, preferred: true }];
  },
});
