import type { MappedText } from '../parse/items';
import { memoByString } from '../text/memo';
import type { AcceptedDone, Claim, ClaimKind, ListFact, Narrative, Paragraph } from './types';

export type { AcceptedDone, Claim, ClaimKind, ListFact, Narrative };

const SENTENCE_END = /[。；;！？!?]/g;

const RECEIVED = /(?:收到|受理|接到|接收|办理)[^。；\d]{0,24}?申请[^。；\d]{0,6}?(\d+)\s*件/g;
const RECEIVED_AFTER = /申请[^。；\d]{0,4}?(?:共|合计|总计)?\s*(\d+)\s*件/;
/** `共收到 70 件申请`. */
const RECEIVED_BEFORE = /(?:收到|受理|接到|接收)[^。；\d]{0,8}?(\d+)\s*件[^。；\d，,]{0,6}?申请/;
const NONE_RECEIVED = /未(?:收到|受理|接到|接收)[^。；\d]{0,30}?申请/;
const ANSWERED = /(?:答复|办结|办理完毕|已办理|处理完毕)[^。；\d]{0,6}?(\d+)\s*件/g;
const CARRIED_OVER = /(?:结转(?:至|到)?下(?:一)?年度?(?:继续办理)?|顺延(?:至|到)?下(?:一)?年度?)[^。；\d]{0,6}?(\d+)\s*件/g;
const REVIEW = /行政复议[^。；\d，,]{0,6}?(\d+)\s*(?:件|起|宗|次)/g;
const LITIGATION = /行政诉讼[^。；\d，,]{0,6}?(\d+)\s*(?:件|起|宗|次)/g;
const NO_REVIEW = /(?:未|没有|无)(?:发生|出现|产生|被提起|被申请|收到|引发)?[^。；\d]{0,16}?行政复议/;
const NO_LITIGATION = /(?:未|没有|无)(?:发生|出现|产生|被提起|被申请|收到|引发)?[^。；\d]{0,16}?行政诉讼/;
const WITH_CARRIED = /(?:含|包括|包含)上年(?:度)?结转/;
const HANDLING = /申请|答复|办结|办理/;
/** Result categories, as `予以公开 30 件`; the combined `予以公开及部分公开 258 件` first. */
const RESULTS: [ClaimKind, RegExp][] = [
  ['grantedPartial', /(?:予以公开|同意公开|全部公开)(?:及|和|与|、|或)部分公开[^\d。；，,]{0,6}?(\d+)\s*件/g],
  ['granted', /(?:予以公开|同意公开|全部公开)(?!及|和|与|、|或)[^\d。；，,、]{0,4}?(\d+)\s*件/g],
  ['partial', /(?<!(?:予以公开|同意公开|全部公开)(?:及|和|与|、|或))部分公开[^\d。；，,、]{0,4}?(\d+)\s*件/g],
  ['withheld', /不予公开[^\d。；，,、]{0,4}?(\d+)\s*件/g],
  ['unable', /无法提供[^\d。；，,、]{0,4}?(\d+)\s*件/g],
  ['refused', /不予(?:受理|处理)[^\d。；，,、]{0,4}?(\d+)\s*件/g],
  ['otherHandling', /其他处理[^\d。；，,、]{0,4}?(\d+)\s*件/g],
];
const UPHELD = /(?:结果)?维持[^\d。；，,、]{0,4}?(\d+)\s*(?:件|起|宗)/;
const CORRECTED = /(?:结果)?纠正[^\d。；，,、]{0,4}?(\d+)\s*(?:件|起|宗)/;
const PENDING = /(?:尚未审结|未审结|正在审理|审理中)[^\d。；，,、]{0,4}?(\d+)\s*(?:件|起|宗)/;
const ALL_UPHELD = /(?:均|全部|都)(?:获|予|被|已)?(?:得到)?维持|结果均为维持/;

const LIST_TOTAL = /(?:共[^\d，,。；、]{0,8}?|总计[^\d，,。；、]{0,4}?|合计[^\d，,。；、]{0,4}?)(\d+)\s*(条|件|篇|期|个|项|次|场)/g;
const BEFORE_QIZHONG = /(?<!\d)(\d+)\s*(条|件|篇|期|个|项|次|场)\s*[，,]\s*其中/g;
const ACCEPTED = /受理.{0,30}?(\d+)\s*件/g;
const DONE = /办结.{0,10}?(\d+)\s*件/;

const FULL_STOP = /[。！？!?]/g;

function sentences(text: string, ends = SENTENCE_END): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  ends.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ends.exec(text))) {
    out.push({ start, end: m.index });
    start = m.index + 1;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Offset of group `g` of a match: the last occurrence of its text before the match ends. */
function groupAt(m: RegExpExecArray, g: number): number {
  return m.index + m[0].lastIndexOf(m[g]);
}

function lists(s: string, base: number, out: ListFact[]): void {
  const totals: { total: number; at: number; unit: string; from: number }[] = [];
  LIST_TOTAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LIST_TOTAL.exec(s))) totals.push({ total: +m[1], at: groupAt(m, 1), unit: m[2], from: m.index + m[0].length });
  BEFORE_QIZHONG.lastIndex = 0;
  while ((m = BEFORE_QIZHONG.exec(s))) {
    const at = groupAt(m, 1);
    if (!totals.some((t) => t.at === at)) totals.push({ total: +m[1], at, unit: m[2], from: m.index + m[1].length });
  }
  for (const t of totals) {
    const rest = s.slice(t.from);
    const q = rest.indexOf('其中');
    // The parts follow 其中, right after the total.
    if (q < 0 || q > 4) continue;
    const partRe = new RegExp(`(?<!\\d)(\\d+)\\s*${t.unit}`, 'g');
    const body = rest.slice(q + 2);
    const parts: ListFact['parts'] = [];
    let sum = 0;
    let reached = false;
    let p: RegExpExecArray | null;
    while ((p = partRe.exec(body))) {
      // Percentages and decimals are not parts.
      const prev = body[p.index - 1];
      if (prev === '.' || /\d/.test(prev ?? '')) continue;
      parts.push({ value: +p[1], at: base + t.from + q + 2 + p.index, len: p[1].length });
      sum += +p[1];
      if (sum === t.total) {
        reached = true;
        break;
      }
      if (sum > t.total) break;
    }
    if (parts.length >= 2 || (parts.length === 1 && parts[0].value > t.total)) {
      out.push({ total: t.total, totalAt: base + t.at, unit: t.unit, parts, sum: reached ? t.total : sum });
    }
  }
}

/** Reads the counts a paragraph states. Numbers must be followed by a unit (件, 条 …): phone numbers, postcodes, `12345`, dates and percentages never are. */
export function readNarrative(text: string): Narrative {
  const n: Narrative = { claims: [], lists: [], acceptedDone: [] };
  // Result categories are listed over clauses (`予以公开 42 件，占 51.85%；不予公开 5 件…`): read per full sentence.
  for (const { start, end } of sentences(text, FULL_STOP)) {
    const s = text.slice(start, end);
    if (!HANDLING.test(s)) continue;
    for (const [kind, re] of RESULTS) {
      re.lastIndex = 0;
      const m = re.exec(s);
      if (m) n.claims.push({ kind, value: +m[1], at: start + groupAt(m, 1), len: m[1].length });
    }
  }
  for (const { start, end } of sentences(text)) {
    const s = text.slice(start, end);
    if (s.length < 4) continue;
    let m: RegExpExecArray | null;
    const mentionsApplication = s.includes('申请');
    if (mentionsApplication) {
      RECEIVED.lastIndex = 0;
      if ((m = RECEIVED.exec(s))) {
        n.claims.push({ kind: 'received', value: +m[1], at: start + groupAt(m, 1), len: m[1].length, withCarried: WITH_CARRIED.test(s) });
      } else if ((m = RECEIVED_AFTER.exec(s)) && /收到|受理|接到|接收/.test(s.slice(0, m.index))) {
        n.claims.push({ kind: 'received', value: +m[1], at: start + groupAt(m, 1), len: m[1].length, withCarried: WITH_CARRIED.test(s) });
      } else if ((m = RECEIVED_BEFORE.exec(s))) {
        n.claims.push({ kind: 'received', value: +m[1], at: start + groupAt(m, 1), len: m[1].length, withCarried: WITH_CARRIED.test(s) });
      } else if ((m = NONE_RECEIVED.exec(s)) && !/\d+\s*件/.test(s)) {
        n.claims.push({ kind: 'noneReceived', value: 0, at: start + m.index, len: m[0].length });
      }
      ANSWERED.lastIndex = 0;
      if ((m = ANSWERED.exec(s))) n.claims.push({ kind: 'answered', value: +m[1], at: start + groupAt(m, 1), len: m[1].length });
      CARRIED_OVER.lastIndex = 0;
      if ((m = CARRIED_OVER.exec(s))) n.claims.push({ kind: 'carriedOver', value: +m[1], at: start + groupAt(m, 1), len: m[1].length });
    }
    REVIEW.lastIndex = 0;
    if ((m = REVIEW.exec(s))) n.claims.push({ kind: 'review', value: +m[1], at: start + groupAt(m, 1), len: m[1].length });
    else if ((m = NO_REVIEW.exec(s)) && !/\d/.test(s)) n.claims.push({ kind: 'noReview', value: 0, at: start + m.index, len: m[0].length });
    LITIGATION.lastIndex = 0;
    if ((m = LITIGATION.exec(s))) n.claims.push({ kind: 'litigation', value: +m[1], at: start + groupAt(m, 1), len: m[1].length });
    else if ((m = NO_LITIGATION.exec(s)) && !/\d/.test(s)) n.claims.push({ kind: 'noLitigation', value: 0, at: start + m.index, len: m[0].length });

    const review = s.includes('复议');
    const litigation = s.includes('诉讼');
    if (review !== litigation) {
      const prefix = review ? 'review' : 'litigation';
      for (const [what, re] of [['Upheld', UPHELD], ['Corrected', CORRECTED], ['Pending', PENDING]] as const) {
        if ((m = re.exec(s))) n.claims.push({ kind: `${prefix}${what}`, value: +m[1], at: start + groupAt(m, 1), len: m[1].length });
      }
    }
    if ((review || litigation) && (m = ALL_UPHELD.exec(s))) {
      if (review) n.claims.push({ kind: 'reviewAllUpheld', value: 0, at: start + m.index, len: m[0].length });
      if (litigation) n.claims.push({ kind: 'litigationAllUpheld', value: 0, at: start + m.index, len: m[0].length });
    }

    lists(s, start, n.lists);

    ACCEPTED.lastIndex = 0;
    if ((m = ACCEPTED.exec(s))) {
      const after = s.slice(m.index + m[0].length);
      const d = DONE.exec(after);
      if (d) {
        const doneAt = start + m.index + m[0].length + d.index + d[0].lastIndexOf(d[1]);
        n.acceptedDone.push({ accepted: +m[1], acceptedAt: start + groupAt(m, 1), done: +d[1], doneAt, doneLen: d[1].length });
      }
    }
  }
  return n;
}

const cache = new WeakMap<MappedText, Narrative>();
// Paragraphs re-joined from broken lines are new objects on every rebuild: those are cached by their text.
const byText = memoByString(readNarrative, 4096);

/** Narrative facts of a paragraph, computed once per paragraph text. */
export function narrativeOf(text: MappedText): Narrative {
  let n = cache.get(text);
  if (!n) {
    n = byText(text.text);
    cache.set(text, n);
  }
  return n;
}


/** Narrative facts of a report paragraph (kept with the paragraph, which unchanged blocks reuse). */
export function paragraphNarrative(p: Paragraph): Narrative {
  return (p.narrative ??= narrativeOf(p.text));
}
