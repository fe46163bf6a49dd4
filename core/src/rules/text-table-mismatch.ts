import type { Label } from '../model/labels';
import { replace } from '../edits/helpers';
import { paragraphRange } from '../model/positioned';
import { paragraphNarrative, type Claim, type ClaimKind } from '../model/narrative';
import { T3_ROWS, T4_GROUPS, T4_OUTCOMES, type T3RowKey, type T4OutcomeKey } from '../model/templates';
import type { Report } from '../model/types';
import { ruleWithData, type RuleContext } from './rule';

/** What the tables say: the value (or either of two values), or the outcomes that contradict "all upheld". */
type Expect = { value: number | null; alt?: number | null; where: Label; others?: { label: Label; n: number }[] };

const T3_WHERE: Record<string, Label> = {
  granted: { zh: '表三“（一）予以公开”总计', en: 'table 3, (1) disclosed total' },
  partial: { zh: '表三“（二）部分公开”总计', en: 'table 3, (2) partly disclosed total' },
  grantedPartial: { zh: '表三“（一）予以公开”与“（二）部分公开”总计之和', en: 'table 3, (1) + (2) totals' },
  withheld: { zh: '表三“（三）不予公开”各项总计之和', en: 'table 3, (3) not disclosed totals' },
  unable: { zh: '表三“（四）无法提供”各项总计之和', en: 'table 3, (4) cannot be provided totals' },
  refused: { zh: '表三“（五）不予处理”各项总计之和', en: 'table 3, (5) not processed totals' },
  otherHandling: { zh: '表三“（六）其他处理”各项总计之和', en: 'table 3, (6) otherwise handled totals' },
};

/** Keys of the table-三 rows a result claim adds up. */
function resultKeys(report: Report, kind: ClaimKind): T3RowKey[] {
  if (kind === 'grantedPartial') return ['granted', 'partial'];
  if (kind === 'granted' || kind === 'partial') return [kind];
  const group = T3_ROWS.filter((r) => r.group === kind).map((r) => r.key);
  if (kind === 'otherHandling' && report.t3?.otherHandlingForm === '2019') return ['otherHandling'];
  return group;
}

function sumOf(report: Report, keys: T3RowKey[]): number | null {
  const t3 = report.t3;
  if (!t3) return null;
  let sum = 0;
  for (const k of keys) {
    const v = t3.total(k);
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** A table-四 outcome of the review group, or of both litigation groups together. */
function outcome(report: Report, litigation: boolean, o: T4OutcomeKey): number | null {
  const t4 = report.t4;
  if (!t4) return null;
  if (!litigation) return t4.count('review', o);
  const a = t4.count('direct', o);
  const b = t4.count('afterReview', o);
  return a !== null && b !== null ? a + b : null;
}

function expected(report: Report, claim: Claim): Expect {
  const t3 = report.t3;
  const kind = claim.kind;
  switch (kind) {
    case 'received':
    case 'noneReceived': {
      const n = t3 ? t3.total('new') : null;
      const c = t3 ? t3.total('carried') : null;
      const both = n !== null && c !== null ? n + c : null;
      if (kind === 'received' && claim.withCarried) return { value: both, where: { zh: '表三第一项与第二项总计之和', en: 'table 3, I + II total' } };
      // 受理 N 件 may count the new applications only, or the carried-over ones too.
      return { value: n, alt: kind === 'received' && c ? both : undefined, where: { zh: '表三第一项“本年新收”总计', en: 'table 3, I (new applications) total' } };
    }
    case 'answered':
      return { value: t3 ? t3.total('resultTotal') : null, where: { zh: '表三“（七）总计”', en: 'table 3, (7) total' } };
    case 'carriedOver':
      return { value: t3 ? t3.total('carryNext') : null, where: { zh: '表三第四项“结转下年度继续办理”总计', en: 'table 3, IV (carried over to next year) total' } };
    case 'review':
    case 'noReview':
      return { value: outcome(report, false, 'total'), where: { zh: '表四“行政复议”总计', en: 'table 4, reconsideration total' } };
    case 'litigation':
    case 'noLitigation': {
      return { value: outcome(report, true, 'total'), where: { zh: '表四两项“行政诉讼”总计之和', en: 'table 4, litigation totals' } };
    }
    case 'granted':
    case 'partial':
    case 'grantedPartial':
    case 'withheld':
    case 'unable':
    case 'refused':
    case 'otherHandling':
      return { value: sumOf(report, resultKeys(report, kind)), where: T3_WHERE[kind] };
    case 'reviewUpheld':
    case 'reviewCorrected':
    case 'reviewPending':
    case 'litigationUpheld':
    case 'litigationCorrected':
    case 'litigationPending': {
      const lit = kind.startsWith('litigation');
      const o = T4_OUTCOMES.find((x) => x.key === (kind.endsWith('Upheld') ? 'upheld' : kind.endsWith('Corrected') ? 'corrected' : 'pending'))!;
      const group = lit ? { zh: '表四“行政诉讼”', en: 'table 4, litigation' } : { zh: '表四“行政复议”', en: 'table 4, reconsideration' };
      return { value: outcome(report, lit, o.key), where: { zh: `${group.zh}“${o.zh}”`, en: `${group.en}, ${o.en}` } };
    }
    case 'reviewAllUpheld':
    case 'litigationAllUpheld': {
      const lit = kind === 'litigationAllUpheld';
      const others: { label: Label; n: number }[] = [];
      for (const o of T4_OUTCOMES.filter((x) => x.key === 'corrected' || x.key === 'other' || x.key === 'pending')) {
        const n = outcome(report, lit, o.key);
        if (n === null) return { value: null, where: T4_GROUPS[0] };
        if (n > 0) others.push({ label: o, n });
      }
      const where = lit ? { zh: '表四“行政诉讼”', en: 'table 4, litigation' } : { zh: '表四“行政复议”', en: 'table 4, reconsideration' };
      return { value: others.length ? 1 : 0, where, others };
    }
  }
}

const SAID: Record<ClaimKind, Label> = {
  received: { zh: '收到申请', en: 'applications received' },
  noneReceived: { zh: '未收到申请', en: 'no applications received' },
  answered: { zh: '办结（答复）申请', en: 'applications answered' },
  carriedOver: { zh: '结转下年度', en: 'carried over to next year' },
  review: { zh: '行政复议', en: 'administrative reconsiderations' },
  noReview: { zh: '未发生行政复议', en: 'no administrative reconsideration' },
  litigation: { zh: '行政诉讼', en: 'lawsuits' },
  noLitigation: { zh: '未发生行政诉讼', en: 'no lawsuit' },
  granted: { zh: '予以公开', en: 'disclosed' },
  partial: { zh: '部分公开', en: 'partly disclosed' },
  grantedPartial: { zh: '予以公开及部分公开', en: 'disclosed or partly disclosed' },
  withheld: { zh: '不予公开', en: 'not disclosed' },
  unable: { zh: '无法提供', en: 'could not be provided' },
  refused: { zh: '不予处理', en: 'not processed' },
  otherHandling: { zh: '其他处理', en: 'otherwise handled' },
  reviewUpheld: { zh: '行政复议结果维持', en: 'reconsiderations upheld' },
  reviewCorrected: { zh: '行政复议结果纠正', en: 'reconsiderations corrected' },
  reviewPending: { zh: '行政复议尚未审结', en: 'reconsiderations pending' },
  litigationUpheld: { zh: '行政诉讼结果维持', en: 'lawsuits upheld' },
  litigationCorrected: { zh: '行政诉讼结果纠正', en: 'lawsuits corrected' },
  litigationPending: { zh: '行政诉讼尚未审结', en: 'lawsuits pending' },
  reviewAllUpheld: { zh: '行政复议均获维持', en: 'every reconsideration was upheld' },
  litigationAllUpheld: { zh: '行政诉讼均获维持', en: 'every lawsuit was upheld' },
};

const ZERO: ClaimKind[] = ['noneReceived', 'noReview', 'noLitigation'];

function othersText(ctx: RuleContext, others: { label: Label; n: number }[]): string {
  return others.map((o) => (ctx.locale === 'en' ? `${o.n} ${o.label.en}` : `${o.label.zh} ${o.n} 件`)).join(ctx.locale === 'en' ? ', ' : '、');
}

/** What a diagnostic of this rule carries for its fix. */
type Data = { claim: ClaimKind; replacement?: string };

export default ruleWithData<Data>()({
  id: 'text-table-mismatch',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查正文中提到的申请件数、办理结果、复议和诉讼件数及结果等是否与统计表一致。', en: 'a count in the text contradicts the tables: applications (`受理 N 件` may be 一 or 一 + 二), result categories (`予以公开`, `无法提供` …), 复议/诉讼 counts and outcomes (`均获维持`)' },
    fix: { 'zh-cn': '把正文中的数字改为表格中的数字（“未收到申请”“均获维持”这类没有数字的说法需手工改写）。', en: 'use the table\'s figure' },
    summary: { 'zh-cn': '正文中的数字须与统计表一致', en: 'Figures in the text must agree with the tables' },
  },
  messages: {
    count: {
      'zh-cn': '正文写{said} {value} 件，而{where}为 {table} 件',
      en: 'The text says {value} {said}, but {where} is {table}',
    },
    countEither: {
      'zh-cn': '正文写{said} {value} 件，而{where}为 {table} 件，加上年结转为 {alt} 件',
      en: 'The text says {value} {said}, but {where} is {table} ({alt} with those carried over)',
    },
    none: {
      'zh-cn': '正文写{said}，而{where}为 {table} 件',
      en: 'The text says {said}, but {where} is {table}',
    },
    upheld: {
      'zh-cn': '正文写{said}，而{where}有{others}',
      en: 'The text says {said}, but {where} has {others}',
    },
    fix: { 'zh-cn': '改为表中的数字 {value}', en: 'Use the table’s figure, {value}' },
  },
  check(ctx) {
    const { report } = ctx;
    if (!report.t3 && !report.t4) return;
    const memo = new Map<string, Expect>();
    for (const p of report.figures) {
      for (const claim of paragraphNarrative(p).claims) {
        const key = claim.withCarried ? `${claim.kind}+` : claim.kind;
        let e = memo.get(key);
        if (!e) memo.set(key, (e = expected(report, claim)));
        if (e.value === null) continue;
        const range = paragraphRange(p, claim.at, claim.at + claim.len);
        if (e.others) {
          if (e.others.length) ctx.emit('upheld', range, { said: ctx.label(SAID[claim.kind]), where: ctx.label(e.where), others: othersText(ctx, e.others) }, { claim: claim.kind });
          continue;
        }
        if (e.value === claim.value || (e.alt !== undefined && e.alt === claim.value)) continue;
        const args = { said: ctx.label(SAID[claim.kind]), value: claim.value, where: ctx.label(e.where), table: e.value };
        if (ZERO.includes(claim.kind)) ctx.emit('none', range, args, { claim: claim.kind });
        else if (e.alt !== undefined && e.alt !== null) ctx.emit('countEither', range, { ...args, alt: e.alt }, { claim: claim.kind, replacement: String(e.value) });
        else ctx.emit('count', range, args, { claim: claim.kind, replacement: String(e.value) });
      }
    }
  },
  fix(d, ctx) {
    const value = d.data?.replacement;
    if (typeof value !== 'string') return [];
    return [{ title: ctx.t('fix', { value }), edits: [replace(d.range, value)], preferred: true }];
  },
});
