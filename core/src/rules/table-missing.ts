import type { Label } from '../model/labels';
import { insertAfter, insertBefore } from '../edits/helpers';
import { formOfReport, type SectionKey, type T2RowKey } from '../model/templates';
import { ruleWithData } from './rule';

const KIND: Record<number, 't2' | 't3' | 't4'> = { 2: 't2', 3: 't3', 4: 't4' };
const NAME: Record<string, Label> = {
  t2: { zh: '主动公开政府信息情况表（表二）', en: 'the proactive-disclosure table (table 2)' },
  t3: { zh: '收到和处理政府信息公开申请情况表（表三）', en: 'the applications table (table 3)' },
  t4: { zh: '行政复议、行政诉讼情况表（表四）', en: 'the reconsideration and litigation table (table 4)' },
};

/** 第二十条 blocks of table 二, with the rows that stand for them. */
const BLOCKS: { item: string; rows: T2RowKey[]; templates: ('2021' | '2019')[] }[] = [
  { item: '一', rows: ['rules', 'normative'], templates: ['2021', '2019'] },
  { item: '五', rows: ['licensing', 'otherServices'], templates: ['2021', '2019'] },
  { item: '六', rows: ['penalty', 'coercion'], templates: ['2021', '2019'] },
  { item: '八', rows: ['fees'], templates: ['2021', '2019'] },
  { item: '九', rows: ['procurement'], templates: ['2019'] },
];

/** What a diagnostic of this rule carries for its fix. */
type Data = { section?: number; item?: string };

export default ruleWithData<Data>()({
  id: 'table-missing',
  severity: 'error',
  docs: {
    when: { 'zh-cn': '检查第二、三、四部分是否附有统计表，以及表二是否包含模板要求的全部“第二十条”分块。', en: '二/三/四 has no table, or 二 lacks a 第二十条 block' },
    fix: { 'zh-cn': '在该部分插入对应年份格式的标准统计表（各格为 0，需按实际填写）。', en: 'insert the standard table or block' },
    summary: { 'zh-cn': '第二、三、四部分须有规定的统计表', en: 'Sections 二, 三 and 四 must hold their tables' },
  },
  messages: {
    table: { 'zh-cn': '“{heading}”下缺少{table}', en: '"{heading}" lacks {table}' },
    block: {
      'zh-cn': '表二缺少“第二十条第（{item}）项”的内容',
      en: 'Table 2 lacks the block for 第二十条第（{item}）项',
    },
    fixTable: { 'zh-cn': '插入标准表格', en: 'Insert the standard table' },
    fixBlock: { 'zh-cn': '插入“第二十条第（{item}）项”', en: 'Insert 第二十条第（{item}）项' },
  },
  check(ctx) {
    const { report } = ctx;
    for (const s of report.sections) {
      const kind = KIND[s.key as SectionKey];
      if (!kind || report[kind]) continue;
      ctx.emit('table', s.headingRange, { heading: s.headingText, table: ctx.label(NAME[kind]) }, { section: s.key });
    }
    const t2 = report.t2;
    if (!t2) return;
    const template = t2.template ?? (report.template === '2019' ? '2019' : '2021');
    for (const b of BLOCKS) {
      if (!b.templates.includes(template)) continue;
      if (t2.items.includes(b.item) || b.rows.some((r) => t2.row(r))) continue;
      ctx.emit('block', t2.rows[0].range, { item: b.item }, { item: b.item });
    }
  },
  fix(d, ctx) {
    const { report, doc } = ctx;
    const year = ctx.options.year ?? report.year;
    const form = report.t2?.template ?? formOfReport(report.template, year);
    if (typeof d.data?.section === 'number') {
      const kind = KIND[d.data.section];
      const heading = d.range.start.line;
      const next = doc.lines[heading + 1];
      const lines = ['', ...doc.syntax.renderTable(kind, form).split('\n')];
      if (next !== undefined && next.trim() !== '') lines.push('');
      return [{ title: ctx.t('fixTable'), edits: [insertAfter(doc, heading, lines)], preferred: true }];
    }
    const item = d.data?.item;
    const t2 = report.t2;
    if (typeof item !== 'string' || !t2) return [];
    // After the last row of the blocks that come before this one.
    const order = BLOCKS.map((b) => b.item);
    const before = new Set(order.slice(0, order.indexOf(item)));
    let afterLine = -1;
    for (const r of t2.rows) {
      const def = r.key ? BLOCKS.find((b) => (b.rows as readonly string[]).includes(r.key!)) : null;
      const caption = /第二十条第[（(]([一二三四五六七八九十]+)[）)]项/.exec(r.label)?.[1];
      if ((def && before.has(def.item)) || (caption && before.has(caption))) afterLine = r.range.end.line;
    }
    if (afterLine < 0) afterLine = t2.range.start.line - 1;
    const block = doc.syntax.renderT2Block(item, form);
    const apart = doc.syntax.tablesApart;
    const edit = afterLine < t2.range.start.line ? insertBefore(doc, t2.range.start.line, apart ? [...block, ''] : block) : insertAfter(doc, afterLine, apart ? ['', ...block] : block);
    return [{ title: ctx.t('fixBlock', { item }), edits: [edit], preferred: true }];
  },
});
