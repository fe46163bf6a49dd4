import { paragraphRange } from '../model/positioned';
import type { Paragraph, Subhead } from '../model/types';
import type { Range } from '../types';
import { defineRule } from './rule';

/** Runs that can be placeholders, and opening brackets (each run is matched from its start: linear). */
const CANDIDATE = /[XＸxｘ]+|×+|某+|_+|＿+|[（(【［〈<[]/g;
/** Whether `text` has a candidate at all (most sub-heads and paragraphs have none). */
const ANY = /[XＸxｘ×某_＿（(【［〈<[]/;
/** A bracketed fill-in: `（请填写…）`, `【填写日期】`, or a bare field name: `（机关名称）`. */
const BRACKETED =
  /[（(【［〈<[]\s{0,3}(?:请\s{0,3})?(?:(?:填写|填入|输入|补充)[^（）()【】［］〈〉<>[\]\n]{0,30}|(?:机关名称|单位名称|部门名称|名称|年份|日期|数字|数量|件数|金额)\s{0,3})[）)】］〉>\]]/y;
/** What follows `某某` / `××` when it stands for a place, a body, a date or a figure (not a person's name: `张某某`). */
const STANDS_FOR = /\s?(?:人民政府|政府|街道|社区|中心|单位|部门|机关|公司|[县市区镇乡村局委办厅院所站部处科年月日号件条个次元万家项份期篇场批\d])/y;
/** Characters beside a run of X that make it part of a word, an address or a file name. */
const IN_WORD = /[A-Za-z@./\\_:]/;

/** Where in `text` a placeholder was left: [offset, end) pairs. */
export function placeholdersIn(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (!ANY.test(text)) return out;
  let onlyRule: boolean | undefined;
  for (const m of text.matchAll(CANDIDATE)) {
    const at = m.index;
    const run = m[0];
    const end = at + run.length;
    const before = text[at - 1] ?? '';
    const after = text[end] ?? '';
    const c = run[0];
    if (run.length === 1 && '（(【［〈<['.includes(c)) {
      BRACKETED.lastIndex = at;
      const b = BRACKETED.exec(text);
      if (b) out.push([at, at + b[0].length]);
    } else if (/[XＸxｘ]/.test(c)) {
      if (run.length >= 2 && !IN_WORD.test(before) && !IN_WORD.test(after)) out.push([at, end]);
    } else if (c === '×' || c === '某') {
      STANDS_FOR.lastIndex = end;
      if (run.length >= 2 && (/\d/.test(before) || STANDS_FOR.test(text))) out.push([at, end]);
    } else if (run.length >= (c === '_' ? 3 : 2) && !/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(after)) {
      // A blank to write in (`共收到申请____件`); a line of underscores alone is a rule, not a blank.
      onlyRule ??= /^[\s_＿]*$/.test(text);
      if (!onlyRule) out.push([at, end]);
    }
  }
  return out;
}

/** A paragraph or sub-head kept from the last check (an edit elsewhere keeps it) is not scanned again. */
const ofParagraph = (p: Paragraph) => (p.placeholders ??= placeholdersIn(p.text.text));
const ofSubhead = (s: Subhead) => (s.placeholders ??= placeholdersIn(s.text));

export default defineRule({
  id: 'placeholder-left',
  severity: 'warning',
  docs: {
    when: {
      'zh-cn': '检查正文中是否留有模板或代码片段的占位内容，如“（机关名称）”“XX县”“20××年”“某某局”“（请填写…）”“____件”。',
      en: 'a placeholder of a template is left in the text: （机关名称）, XX, ××, 某某, （填写…）, ____',
    },
    summary: { 'zh-cn': '正文中不应留有未填写的占位内容', en: 'No placeholder should be left in the text' },
  },
  messages: {
    left: {
      'zh-cn': '“{text}”是待填写的占位内容，请改为实际内容后再公布',
      en: '"{text}" is a placeholder still to be filled in before the report is published',
    },
  },
  check(ctx) {
    const { report } = ctx;
    const emit = (text: string, range: Range) => ctx.emit('left', range, { text });
    for (const p of report.paragraphs) {
      for (const [a, b] of ofParagraph(p)) emit(p.text.text.slice(a, b), paragraphRange(p, a, b));
    }
    for (const s of report.subheads) {
      // A sub-head on one line: offsets in its text are characters after its start.
      if (s.range.start.line !== s.range.end.line || s.range.end.character - s.range.start.character !== s.text.length) continue;
      const { line, character } = s.range.start;
      for (const [a, b] of ofSubhead(s)) emit(s.text.slice(a, b), { start: { line, character: character + a }, end: { line, character: character + b } });
    }
  },
});
