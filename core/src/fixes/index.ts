import { analyze, resolveOptions, runRules, type CheckOptions } from '../check';
import { ParsedDocument } from '../parse/document';
import { RULES_BY_ID } from '../rules/index';
import { format, type FixContext, type FixDraft, type Rule } from '../rules/rule';
import type { Report } from '../model/types';
import type { Item } from '../parse/items';
import type { Diagnostic } from '../types';
import { applyEdits, DisjointRanges, positionMapper, type TextEdit } from '../edits/edit';

export type Fix = FixDraft & { code: string };

function context(rule: Rule, doc: ParsedDocument, options: CheckOptions, diagnostics: readonly Diagnostic[], report: Report): FixContext {
  const resolved = resolveOptions(options);
  return {
    report,
    doc,
    locale: resolved.locale,
    options: resolved,
    diagnostics,
    t: (m, args) => format(rule.messages[m][resolved.locale], args),
    label: (x) => (resolved.locale === 'en' ? x.en : x.zh),
  };
}

/** What a rule's fix reads: the range the rule reported (not the whole cell it is underlined over). */
const asReported = (d: Diagnostic): Diagnostic => (d.target ? { ...d, range: d.target } : d);

/** A problem is its rule and its place (not its message: figures in a message may change when another cell does). */
const key = (d: Diagnostic, at = d.range.start) => `${d.code}\u0000${at.line}:${at.character}`;
/** For a fix that changes a figure the drafter wrote: every other problem must stay exactly as it was, message included. */
const strictKey = (d: Diagnostic, at = d.range.start) => `${key(d, at)}\u0000${d.message}`;

/** Follow-ups a fix may leave: a section it inserts is still to be written, a title's 机关 to be filled in. */
const ALLOWED_AFTER: Record<string, string[]> = { 'section-missing': ['section-empty'], 'title-missing': ['placeholder-left'] };

const BLOCKS = new WeakMap<ParsedDocument, Map<string, Item[]>>();
/** A document's parsed blocks by their text, for parsing fixed copies of it. */
function blocksOf(doc: ParsedDocument): Map<string, Item[]> {
  let memo = BLOCKS.get(doc);
  if (!memo) BLOCKS.set(doc, (memo = new Map(doc.blocks.map((b) => [b.key, b.items]))));
  return memo;
}

/**
 * Whether fixes do what they promise: `edits` applied and checked again, each of `targets` is gone (one fewer of
 * it at its place) and no other problem appears. Returns how many problems are left, or -1. Fixes that fail this
 * are never offered nor applied.
 */
function verified(doc: ParsedDocument, targets: readonly Diagnostic[], diagnostics: readonly Diagnostic[], options: CheckOptions, edits: readonly TextEdit[], strict = false): number {
  const text = doc.text;
  const fixed = applyEdits(text, edits);
  if (fixed === text) return -1;
  // Re-parsed incrementally: every block the edits did not touch is taken from `doc` (and its model work with it).
  const after = diagnosticsOf(ParsedDocument.parse(fixed, doc.format, blocksOf(doc)), options);
  // The problems found before, at their places in the fixed text, less one for each target.
  const moved = positionMapper(text, edits, fixed);
  const same = strict ? strictKey : key;
  const left = new Map<string, number>();
  for (const d of diagnostics) {
    const k = same(d, moved(d.range.start));
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  for (const t of targets) {
    const k = same(t, moved(t.range.start));
    left.set(k, (left.get(k) ?? 0) - 1);
  }
  const allowed = new Set(targets.flatMap((t) => ALLOWED_AFTER[t.code] ?? []));
  for (const d of after) {
    const k = same(d);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else if (!allowed.has(d.code)) return -1;
  }
  return after.length;
}

/**
 * Work done in steps: it pauses (yields) before each check of a whole text, so that a caller that must stay
 * responsive (the language server) can answer other requests or notice a cancellation in between.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The fixes offered for one diagnostic (as produced by checking `doc` with the same options); each is verified.
 * `report`: the document's report when the caller holds it (else it is built again).
 */
export function fixesFor(doc: ParsedDocument, diagnostic: Diagnostic, diagnostics: readonly Diagnostic[], options: CheckOptions = {}, report?: Report, want?: (f: FixDraft) => boolean): Fix[] {
  return runSteps(fixesForSteps(doc, diagnostic, diagnostics, options, report, want));
}

export function* fixesForSteps(doc: ParsedDocument, diagnostic: Diagnostic, diagnostics: readonly Diagnostic[], options: CheckOptions = {}, report?: Report, want?: (f: FixDraft) => boolean): Steps<Fix[]> {
  const rule = RULES_BY_ID.get(diagnostic.code);
  if (!rule?.fix) return [];
  try {
    // `want`: only these drafts are verified (a check of the whole text each), e.g. the safe ones for fix-all.
    const drafts = rule.fix(asReported(diagnostic), context(rule, doc, options, diagnostics, report ?? analyze(doc))).filter((f) => !want || want(f));
    function* check(fs: FixDraft[]): Steps<{ f: FixDraft; left: number }[]> {
      const out: { f: FixDraft; left: number }[] = [];
      for (const f of fs) {
        yield;
        const left = verified(doc, [diagnostic], diagnostics, options, f.edits, f.fallback);
        if (left >= 0) out.push({ f, left });
      }
      return out;
    }
    let ok = yield* check(drafts.filter((f) => !f.fallback));
    if (ok.length === 0) ok = yield* check(drafts.filter((f) => f.fallback));
    // Preferred: the fix that leaves the fewest problems (the rule's own preference breaks ties).
    const best = ok.reduce<(typeof ok)[number] | null>((b, x) => (!b || x.left < b.left || (x.left === b.left && x.f.preferred && !b.f.preferred) ? x : b), null);
    return ok.map((x) => ({ ...x.f, preferred: x === best, code: rule.id }));
  } catch {
    return [];
  }
}

function diagnosticsOf(doc: ParsedDocument, options: CheckOptions): Diagnostic[] {
  const report = analyze(doc);
  if (!report.isReport && options.validate !== 'always') return [];
  return runRules(report, resolveOptions(options), options.previous ?? null, undefined, doc);
}

/**
 * Applies every safe fix (optionally only those of some rules), re-checking after each round so that
 * fixes that depend on each other (a row total, then the column total) converge. Returns the new text.
 */
export function fixAll(text: string, format: ParsedDocument['format'], options: CheckOptions = {}, only?: (d: Diagnostic) => boolean, safeOnly = true): string {
  return runSteps(fixAllSteps(text, format, options, only, safeOnly)).text;
}

/** What a fix-all did: the new text, how many problems the text had before and how many are left. */
export interface FixAllResult {
  text: string;
  before: number;
  left: number;
}

/** `fixAll` in steps, with the number of problems before and after (the last round's check is of the final text). */
export function* fixAllSteps(text: string, format: ParsedDocument['format'], options: CheckOptions = {}, only?: (d: Diagnostic) => boolean, safeOnly = true): Steps<FixAllResult> {
  let current = text;
  let before = -1;
  let left: number;
  for (let round = 0; ; round++) {
    yield;
    const doc = ParsedDocument.parse(current, format);
    const diagnostics = diagnosticsOf(doc, options);
    if (before < 0) before = diagnostics.length;
    left = diagnostics.length;
    if (round === 8) break;
    yield;
    const next = (yield* batchRound(doc, diagnostics, options, only, safeOnly)) ?? (yield* oneByOneRound(doc, diagnostics, options, only, safeOnly));
    if (next === null || next === current) break;
    current = next;
  }
  return { text: current, before, left };
}

/** One round fixing problem by problem, each fix verified on its own (a check of the whole text per fix). */
function* oneByOneRound(doc: ParsedDocument, diagnostics: readonly Diagnostic[], options: CheckOptions, only: ((d: Diagnostic) => boolean) | undefined, safeOnly: boolean): Steps<string | null> {
  const edits: TextEdit[] = [];
  const taken = new DisjointRanges();
  let report: Report | undefined;
  for (const d of diagnostics) {
    yield;
    if (only && !only(d)) continue;
    const fixes = yield* fixesForSteps(doc, d, diagnostics, options, (report ??= analyze(doc)), safeOnly ? (f) => !!f.safe : undefined);
    const fix = fixes.find((f) => (safeOnly ? f.safe : f.preferred));
    if (!fix || taken.overlapsAny(fix.edits)) continue;
    taken.add(fix.edits);
    edits.push(...fix.edits);
  }
  return edits.length ? applyEdits(doc.text, edits) : null;
}

/**
 * One round with every problem's first fix applied together and the result checked once (1,000 problems took
 * 1,000 checks one by one): kept when each of those problems is gone and none appeared; otherwise null, and the
 * round is done one by one.
 */
function* batchRound(doc: ParsedDocument, diagnostics: readonly Diagnostic[], options: CheckOptions, only: ((d: Diagnostic) => boolean) | undefined, safeOnly: boolean): Steps<string | null> {
  const chosen: Diagnostic[] = [];
  const edits: TextEdit[] = [];
  const taken = new DisjointRanges();
  let report: Report | undefined;
  for (const d of diagnostics) {
    yield;
    if (only && !only(d)) continue;
    const rule = RULES_BY_ID.get(d.code);
    if (!rule?.fix) continue;
    let drafts: FixDraft[];
    try {
      drafts = rule.fix(asReported(d), context(rule, doc, options, diagnostics, (report ??= analyze(doc)))).filter((f) => !f.fallback);
    } catch {
      return null;
    }
    const draft = safeOnly ? drafts.find((f) => f.safe) : (drafts.find((f) => f.preferred) ?? drafts[0]);
    if (!draft || taken.overlapsAny(draft.edits)) continue;
    taken.add(draft.edits);
    chosen.push(d);
    edits.push(...draft.edits);
  }
  // Few problems: one by one costs little and picks the best fix of each.
  if (chosen.length < 4) return null;
  yield;
  return verified(doc, chosen, diagnostics, options, edits) >= 0 ? applyEdits(doc.text, edits) : null;
}
