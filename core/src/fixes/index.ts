import { analyze, resolveOptions, runRules, type CheckOptions } from '../check';
import { ParsedDocument } from '../parse/document';
import { RULES_BY_ID } from '../rules/index';
import { format, type FixContext, type FixDraft } from '../rules/rule';
import type { Diagnostic } from '../types';
import { applyEdits, overlaps, type TextEdit } from './edit';

export type Fix = FixDraft & { code: string };

function context(doc: ParsedDocument, options: CheckOptions, diagnostics: readonly Diagnostic[]): FixContext {
  const resolved = resolveOptions(options);
  return {
    report: analyze(doc),
    doc,
    locale: resolved.locale,
    options: resolved,
    diagnostics,
    t: (m, args) => format(m[resolved.locale], args),
    label: (x) => (resolved.locale === 'en' ? x.en : x.zh),
  };
}

/** The fixes offered for one diagnostic (as produced by checking `doc` with the same options). */
export function fixesFor(doc: ParsedDocument, diagnostic: Diagnostic, diagnostics: readonly Diagnostic[], options: CheckOptions = {}): Fix[] {
  const rule = RULES_BY_ID.get(diagnostic.code);
  if (!rule?.fix) return [];
  try {
    return rule.fix(diagnostic, context(doc, options, diagnostics)).map((f) => ({ ...f, code: rule.id }));
  } catch {
    return [];
  }
}

function diagnosticsOf(doc: ParsedDocument, options: CheckOptions): Diagnostic[] {
  const report = analyze(doc);
  if (!report.isReport && options.validate !== 'always') return [];
  return runRules(report, resolveOptions(options), options.previous ?? null);
}

/**
 * Applies every safe fix (optionally only those of some rules), re-checking after each round so that
 * fixes that depend on each other (a row total, then the column total) converge. Returns the new text.
 */
export function fixAll(text: string, format: ParsedDocument['format'], options: CheckOptions = {}, only?: (d: Diagnostic) => boolean, safeOnly = true): string {
  let current = text;
  for (let round = 0; round < 8; round++) {
    const doc = ParsedDocument.parse(current, format);
    const diagnostics = diagnosticsOf(doc, options);
    const edits: TextEdit[] = [];
    for (const d of diagnostics) {
      if (only && !only(d)) continue;
      const fix = fixesFor(doc, d, diagnostics, options).find((f) => (safeOnly ? f.safe : f.preferred));
      if (!fix) continue;
      if (fix.edits.some((e) => edits.some((x) => overlaps(x.range, e.range)))) continue;
      edits.push(...fix.edits);
    }
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return current;
}
