import { paragraphRange } from '../model/positioned';
import { sectionParagraphs } from '../model/access';
import { defineRule } from './rule';

const NO_NOTICE = /未(?:向申请人)?(?:发出|发放|出具|开具|产生|发生|下达)[^。；\d]{0,12}?(?:收费通知|缴费通知)|(?:收费通知|缴费通知)[^。；\d]{0,6}?(?:0|零)\s*(?:件|份)/;
const UNPAID = /逾期未(?:按收费通知要求)?缴纳[^。；\d]{0,12}?(\d+)\s*件/;

export default defineRule({
  id: 'fee-inconsistent',
  severity: 'warning',
  docs: {
    when: { 'zh-cn': '检查表三“逾期未缴纳费用”一行与第六部分信息处理费说明是否矛盾。', en: 'the fee statement contradicts 表三（六）2' },
    summary: { 'zh-cn': '信息处理费的说明须与表三“逾期未缴费”一行一致', en: 'The fee statement must agree with table 3 row (6) 2 (fee not paid)' },
  },
  messages: {
    noNotice: {
      'zh-cn': '第六部分说未发出收费通知，但表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”为 {count} 件',
      en: 'Section 六 says no fee notices were issued, but table 3 row (6) 2 (fee not paid) shows {count}',
    },
    unpaid: {
      'zh-cn': '第六部分说有 {count} 件申请逾期未缴费，但表三“（六）其他处理 2.”为 0',
      en: 'Section 六 says {count} applications were not paid in time, but table 3 row (6) 2 is 0',
    },
  },
  check(ctx) {
    const t3 = ctx.report.t3;
    if (!t3 || !t3.row('otherHandling.2')) return;
    const unpaidRow = t3.total('otherHandling.2');
    if (unpaidRow === null) return;
    for (const p of sectionParagraphs(ctx.report, 6)) {
      const s = p.text.text;
      const none = NO_NOTICE.exec(s);
      if (none && unpaidRow > 0) ctx.emit('noNotice', paragraphRange(p, none.index, none.index + none[0].length), { count: unpaidRow });
      const unpaid = UNPAID.exec(s);
      if (unpaid && +unpaid[1] > 0 && unpaidRow === 0) {
        const at = unpaid.index + unpaid[0].lastIndexOf(unpaid[1]);
        ctx.emit('unpaid', paragraphRange(p, at, at + unpaid[1].length), { count: +unpaid[1] });
      }
    }
  },
});
