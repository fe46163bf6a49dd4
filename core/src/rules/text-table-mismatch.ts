import type { Label } from '../model/labels';
import { replace } from '../fixes/helpers';
import { paragraphRange } from '../model/build';
import { t3Total, t4Count } from '../model/access';
import { paragraphNarrative, type ClaimKind } from '../model/narrative';
import type { Report } from '../model/types';
import { defineRule } from './rule';

type Expect = { value: number | null; where: Label };

function expected(report: Report, kind: ClaimKind, withCarried: boolean | undefined): Expect {
  const t3 = report.t3;
  const t4 = report.t4?.data;
  switch (kind) {
    case 'received':
    case 'noneReceived': {
      const n = t3 ? t3Total(t3, 'new') : null;
      if (kind === 'received' && withCarried) {
        const c = t3 ? t3Total(t3, 'carried') : null;
        return { value: n !== null && c !== null ? n + c : null, where: { zh: '表三第一项与第二项总计之和', en: 'table 3, I + II total' } };
      }
      return { value: n, where: { zh: '表三第一项“本年新收”总计', en: 'table 3, I (new applications) total' } };
    }
    case 'answered':
      return { value: t3 ? t3Total(t3, 'resultTotal') : null, where: { zh: '表三“（七）总计”', en: 'table 3, (7) total' } };
    case 'carriedOver':
      return { value: t3 ? t3Total(t3, 'carryNext') : null, where: { zh: '表三第四项“结转下年度继续办理”总计', en: 'table 3, IV (carried over to next year) total' } };
    case 'review':
    case 'noReview':
      return { value: t4Count(t4, 4), where: { zh: '表四“行政复议”总计', en: 'table 4, reconsideration total' } };
    case 'litigation':
    case 'noLitigation': {
      const a = t4Count(t4, 9);
      const b = t4Count(t4, 14);
      return { value: a !== null && b !== null ? a + b : null, where: { zh: '表四两项“行政诉讼”总计之和', en: 'table 4, litigation totals' } };
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
};

export default defineRule({
  id: 'text-table-mismatch',
  severity: 'warning',
  docs: { summary: { 'zh-cn': '正文中的数字须与统计表一致', en: 'Figures in the text must agree with the tables' } },
  messages: {
    count: {
      'zh-cn': '正文写{said} {value} 件，而{where}为 {table} 件',
      en: 'The text says {value} {said}, but {where} is {table}',
    },
    none: {
      'zh-cn': '正文写{said}，而{where}为 {table} 件',
      en: 'The text says {said}, but {where} is {table}',
    },
  },
  check(ctx) {
    const { report } = ctx;
    if (!report.t3 && !report.t4) return;
    const memo = new Map<string, Expect>();
    for (const p of report.figures) {
      for (const claim of paragraphNarrative(p).claims) {
        const key = claim.withCarried ? `${claim.kind}+` : claim.kind;
        let e = memo.get(key);
        if (!e) memo.set(key, (e = expected(report, claim.kind, claim.withCarried)));
        if (e.value === null || e.value === claim.value) continue;
        const range = paragraphRange(p, claim.at, claim.at + claim.len);
        const zero = claim.kind === 'noneReceived' || claim.kind === 'noReview' || claim.kind === 'noLitigation';
        ctx.emit(zero ? 'none' : 'count', range, { said: ctx.label(SAID[claim.kind]), value: claim.value, where: ctx.label(e.where), table: e.value }, zero ? { claim: claim.kind } : { claim: claim.kind, replacement: String(e.value) });
      }
    }
  },
  fix(d, ctx) {
    const value = d.data?.replacement;
    if (typeof value !== 'string') return [];
    return [{ title: ctx.t({ 'zh-cn': '改为表中的数字 {value}', en: 'Use the table’s figure, {value}' }, { value }), edits: [replace(d.range, value)], preferred: true }];
  },
});
