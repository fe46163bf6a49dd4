/** The national format: sections, table rows and columns (国办公开办函〔2021〕30号 and 〔2019〕60号). */

export type SectionKey = 1 | 2 | 3 | 4 | 5 | 6;

/** The table format a report year requires: 2019 and 2020 the 2019 format, from 2021 (and when unknown) the 2021 one. */
export function formForYear(year: number | null | undefined): '2021' | '2019' {
  return year !== null && year !== undefined && year < 2021 ? '2019' : '2021';
}

/** The format a report's tables are in, else the one its year requires. */
export function formOfReport(template: string | null, year: number | null | undefined): '2021' | '2019' {
  return template === '2019' || template === '2021' ? template : formForYear(year);
}

export interface SectionDef {
  key: SectionKey;
  numeral: string;
  standard: string;
  en: string;
  /** Known variant wordings (after the numeral), accepted with an info-level note. */
  variants: string[];
  /** A heading whose text contains all of one of these groups is taken as this section. */
  keywords: string[][];
}

export const SECTIONS: readonly SectionDef[] = [
  { key: 1, numeral: '一', standard: '总体情况', en: 'Overview', variants: [], keywords: [['总体情况']] },
  { key: 2, numeral: '二', standard: '主动公开政府信息情况', en: 'Proactive disclosure', variants: [], keywords: [['主动公开']] },
  {
    key: 3, numeral: '三', standard: '收到和处理政府信息公开申请情况', en: 'Applications received and handled',
    variants: [], keywords: [['收到', '申请'], ['处理', '申请'], ['依申请公开']],
  },
  {
    key: 4, numeral: '四', standard: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative reconsideration and litigation',
    variants: ['因政府信息公开工作被申请行政复议、提起行政诉讼情况', '因政府信息公开工作被申请行政复议提起行政诉讼情况'],
    keywords: [['行政复议'], ['行政诉讼']],
  },
  {
    key: 5, numeral: '五', standard: '存在的主要问题及改进情况', en: 'Main problems and improvements',
    variants: ['存在主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况', '存在的主要问题和改进情况', '存在的主要问题及改进措施'],
    keywords: [['问题', '改进'], ['存在', '问题']],
  },
  { key: 6, numeral: '六', standard: '其他需要报告的事项', en: 'Other matters to report', variants: ['其他事项'], keywords: [['其他', '事项'], ['其他需要报告']] },
];

/** Table 三 applicant columns, in order. */
export const T3_COLUMNS = [
  { key: 'natural', zh: '自然人', en: 'natural persons' },
  { key: 'business', zh: '商业企业', en: 'businesses' },
  { key: 'research', zh: '科研机构', en: 'research institutions' },
  { key: 'welfare', zh: '社会公益组织', en: 'public-interest organisations' },
  { key: 'legal', zh: '法律服务机构', en: 'legal service providers' },
  { key: 'other', zh: '其他', en: 'others' },
  { key: 'total', zh: '总计', en: 'total' },
] as const;

export interface RowDef {
  readonly key: string;
  /** Standard label (without its group). */
  readonly zh: string;
  readonly en: string;
  readonly group?: T3GroupKey;
  /** Normalized phrases that identify the row (the first is the full label). */
  readonly match: readonly string[];
  /** Only matched exactly (after numbering is stripped), never by containment. */
  readonly exact?: boolean;
  /** Which template(s) have this row. */
  readonly templates: readonly ('2021' | '2019')[];
}

const BOTH = ['2021', '2019'] as const;

export type T3GroupKey = 'withheld' | 'unable' | 'refused' | 'otherHandling';

export const T3_GROUPS: Record<T3GroupKey, { zh: string; en: string; n: number }> = {
  withheld: { zh: '（三）不予公开', en: '(3) Not disclosed', n: 3 },
  unable: { zh: '（四）无法提供', en: '(4) Cannot be provided', n: 4 },
  refused: { zh: '（五）不予处理', en: '(5) Not processed', n: 5 },
  otherHandling: { zh: '（六）其他处理', en: '(6) Otherwise handled', n: 6 },
};

const T3_ROW_DATA = [
  { key: 'new', zh: '一、本年新收政府信息公开申请数量', en: 'I. New applications this year', match: ['本年新收政府信息公开申请数量', '本年新收'], templates: BOTH },
  { key: 'carried', zh: '二、上年结转政府信息公开申请数量', en: 'II. Carried over from last year', match: ['上年结转政府信息公开申请数量', '上年结转'], templates: BOTH },
  { key: 'granted', zh: '（一）予以公开', en: '(1) Disclosed', match: ['予以公开'], templates: BOTH },
  { key: 'partial', zh: '（二）部分公开', en: '(2) Partly disclosed', match: ['部分公开'], templates: BOTH },
  { key: 'withheld.1', group: 'withheld', zh: '1.属于国家秘密', en: '1. State secret', match: ['属于国家秘密', '国家秘密'], templates: BOTH },
  { key: 'withheld.2', group: 'withheld', zh: '2.其他法律行政法规禁止公开', en: '2. Prohibited by other laws', match: ['其他法律行政法规禁止公开', '法律行政法规禁止公开'], templates: BOTH },
  { key: 'withheld.3', group: 'withheld', zh: '3.危及“三安全一稳定”', en: '3. Endangers the "three securities and one stability"', match: ['危及三安全一稳定', '三安全一稳定'], templates: BOTH },
  { key: 'withheld.4', group: 'withheld', zh: '4.保护第三方合法权益', en: '4. Protects third-party rights', match: ['保护第三方合法权益', '第三方合法权益'], templates: BOTH },
  { key: 'withheld.5', group: 'withheld', zh: '5.属于三类内部事务信息', en: '5. Internal affairs', match: ['属于三类内部事务信息', '内部事务信息'], templates: BOTH },
  { key: 'withheld.6', group: 'withheld', zh: '6.属于四类过程性信息', en: '6. Process information', match: ['属于四类过程性信息', '过程性信息'], templates: BOTH },
  { key: 'withheld.7', group: 'withheld', zh: '7.属于行政执法案卷', en: '7. Law-enforcement files', match: ['属于行政执法案卷', '行政执法案卷'], templates: BOTH },
  { key: 'withheld.8', group: 'withheld', zh: '8.属于行政查询事项', en: '8. Administrative enquiry matters', match: ['属于行政查询事项', '行政查询事项'], templates: BOTH },
  { key: 'unable.1', group: 'unable', zh: '1.本机关不掌握相关政府信息', en: '1. Not held by this body', match: ['本机关不掌握相关政府信息', '不掌握相关政府信息'], templates: BOTH },
  { key: 'unable.2', group: 'unable', zh: '2.没有现成信息需要另行制作', en: '2. Would have to be created', match: ['没有现成信息需要另行制作', '没有现成信息'], templates: BOTH },
  { key: 'unable.3', group: 'unable', zh: '3.补正后申请内容仍不明确', en: '3. Still unclear after correction', match: ['补正后申请内容仍不明确', '补正后申请内容'], templates: BOTH },
  { key: 'refused.1', group: 'refused', zh: '1.信访举报投诉类申请', en: '1. Petitions and complaints', match: ['信访举报投诉类申请', '信访举报投诉'], templates: BOTH },
  { key: 'refused.2', group: 'refused', zh: '2.重复申请', en: '2. Repeated applications', match: ['重复申请'], exact: true, templates: BOTH },
  { key: 'refused.3', group: 'refused', zh: '3.要求提供公开出版物', en: '3. Published material requested', match: ['要求提供公开出版物', '公开出版物'], templates: BOTH },
  { key: 'refused.4', group: 'refused', zh: '4.无正当理由大量反复申请', en: '4. Mass repeated applications without reason', match: ['无正当理由大量反复申请', '大量反复申请'], templates: BOTH },
  { key: 'refused.5', group: 'refused', zh: '5.要求行政机关确认或重新出具已获取信息', en: '5. Confirmation or re-issue of obtained information', match: ['要求行政机关确认或重新出具已获取信息', '重新出具已获取信息'], templates: BOTH },
  {
    key: 'otherHandling.1', group: 'otherHandling', zh: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', en: '1. Applicant did not supplement in time',
    match: ['申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请', '逾期不补正'], templates: ['2021'],
  },
  {
    key: 'otherHandling.2', group: 'otherHandling', zh: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', en: '2. Applicant did not pay the fee in time',
    match: ['申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请', '未按收费通知要求缴纳费用', '逾期未按收费通知'], templates: ['2021'],
  },
  { key: 'otherHandling.3', group: 'otherHandling', zh: '3.其他', en: '3. Other', match: ['其他'], exact: true, templates: ['2021'] },
  { key: 'otherHandling', zh: '（六）其他处理', en: '(6) Otherwise handled', match: ['其他处理'], exact: true, templates: ['2019'] },
  { key: 'resultTotal', zh: '（七）总计', en: '(7) Total', match: ['总计', '合计'], exact: true, templates: BOTH },
  { key: 'carryNext', zh: '四、结转下年度继续办理', en: 'IV. Carried over to next year', match: ['结转下年度继续办理', '结转下年度'], templates: BOTH },
] as const satisfies readonly RowDef[];

/** Table 三 row keys: `new`, `carried`, `granted`, … `withheld.2` … `carryNext`. */
export type T3RowKey = (typeof T3_ROW_DATA)[number]['key'];

export const T3_ROWS: readonly (RowDef & { readonly key: T3RowKey })[] = T3_ROW_DATA;
/** Table 三 columns: `natural` … `other`, `total`. */
export type T3ColumnKey = (typeof T3_COLUMNS)[number]['key'];

/** The result rows that add up to （七）总计: every row but 一, 二, （七） and 四. */
export const T3_RESULT_KEYS: readonly T3RowKey[] = T3_ROWS.map((r) => r.key).filter((k) => k !== 'new' && k !== 'carried' && k !== 'resultTotal' && k !== 'carryNext');

/** Table 四: three groups of five columns. */
export const T4_GROUPS = [
  { key: 'review', zh: '行政复议', en: 'administrative reconsideration' },
  { key: 'direct', zh: '行政诉讼（未经复议直接起诉）', en: 'litigation without prior reconsideration' },
  { key: 'afterReview', zh: '行政诉讼（复议后起诉）', en: 'litigation after reconsideration' },
] as const;

export type T4GroupKey = (typeof T4_GROUPS)[number]['key'];

export const T4_OUTCOMES = [
  { key: 'upheld', zh: '结果维持', en: 'upheld' },
  { key: 'corrected', zh: '结果纠正', en: 'corrected' },
  { key: 'other', zh: '其他结果', en: 'other outcome' },
  { key: 'pending', zh: '尚未审结', en: 'pending' },
  { key: 'total', zh: '总计', en: 'total' },
] as const;

export type T4OutcomeKey = (typeof T4_OUTCOMES)[number]['key'];

export interface T2ColumnDef {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly decimal?: boolean;
  readonly signed?: boolean;
}

export interface T2RowDef {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  /** 第二十条第（X）项 */
  readonly item: string;
  readonly columns: readonly T2ColumnDef[];
}

const ISSUED = [
  { key: 'issued', zh: '本年制发件数', en: 'issued this year' },
  { key: 'repealed', zh: '本年废止件数', en: 'repealed this year' },
  { key: 'inForce', zh: '现行有效件数', en: 'in force' },
] as const;
const DECISIONS = [{ key: 'decisions', zh: '本年处理决定数量', en: 'decisions this year' }] as const;

const T2_2021_DATA = [
  { key: 'rules', zh: '规章', en: 'Rules', item: '一', columns: ISSUED },
  { key: 'normative', zh: '行政规范性文件', en: 'Normative documents', item: '一', columns: ISSUED },
  { key: 'licensing', zh: '行政许可', en: 'Administrative licensing', item: '五', columns: DECISIONS },
  { key: 'penalty', zh: '行政处罚', en: 'Administrative penalties', item: '六', columns: DECISIONS },
  { key: 'coercion', zh: '行政强制', en: 'Administrative coercion', item: '六', columns: DECISIONS },
  { key: 'fees', zh: '行政事业性收费', en: 'Administrative fees', item: '八', columns: [{ key: 'amount', zh: '本年收费金额（单位：万元）', en: 'amount charged (10,000 yuan)', decimal: true }] },
] as const satisfies readonly T2RowDef[];

const MADE = [
  { key: 'made', zh: '本年新制作数量', en: 'made this year' },
  { key: 'published', zh: '本年新公开数量', en: 'published this year' },
  { key: 'publishedTotal', zh: '对外公开总数量', en: 'published in total' },
] as const;
const PRIOR = [
  { key: 'lastYear', zh: '上一年项目数量', en: 'items last year' },
  { key: 'change', zh: '本年增/减', en: 'change this year', signed: true },
] as const;
const PRIOR_DECISIONS = [...PRIOR, { key: 'decisions', zh: '处理决定数量', en: 'decisions' }] as const;

const T2_2019_DATA = [
  { key: 'rules', zh: '规章', en: 'Rules', item: '一', columns: MADE },
  { key: 'normative', zh: '规范性文件', en: 'Normative documents', item: '一', columns: MADE },
  { key: 'licensing', zh: '行政许可', en: 'Administrative licensing', item: '五', columns: PRIOR_DECISIONS },
  { key: 'otherServices', zh: '其他对外管理服务事项', en: 'Other external services', item: '五', columns: PRIOR_DECISIONS },
  { key: 'penalty', zh: '行政处罚', en: 'Administrative penalties', item: '六', columns: PRIOR_DECISIONS },
  { key: 'coercion', zh: '行政强制', en: 'Administrative coercion', item: '六', columns: PRIOR_DECISIONS },
  { key: 'fees', zh: '行政事业性收费', en: 'Administrative fees', item: '八', columns: PRIOR },
  {
    key: 'procurement', zh: '政府集中采购', en: 'Government procurement', item: '九',
    columns: [{ key: 'items', zh: '采购项目数量', en: 'procurement items' }, { key: 'amount', zh: '采购总金额', en: 'procurement amount', decimal: true }],
  },
] as const satisfies readonly T2RowDef[];

/** Table 二 row keys (both formats). */
export type T2RowKey = (typeof T2_2021_DATA)[number]['key'] | (typeof T2_2019_DATA)[number]['key'];
/** Table 二 column keys (both formats): `issued`, `repealed`, `inForce`, `decisions`, `amount`, … */
export type T2ColumnKey = (typeof T2_2021_DATA)[number]['columns'][number]['key'] | (typeof T2_2019_DATA)[number]['columns'][number]['key'];

export type T2Def = Omit<T2RowDef, 'key' | 'columns'> & { readonly key: T2RowKey; readonly columns: readonly (T2ColumnDef & { readonly key: T2ColumnKey })[] };
export const T2_2021: readonly T2Def[] = T2_2021_DATA;
export const T2_2019: readonly T2Def[] = T2_2019_DATA;

/** Every table-二 row key, both formats. */
export const T2_KEYS: readonly T2RowKey[] = [...new Set([...T2_2021, ...T2_2019].map((d) => d.key))];
