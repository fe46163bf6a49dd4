import { subheadEnds, type Diagnostic as CoreDiagnostic, type Report } from '../../core/src/index';
import {
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SymbolKind,
  type Diagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver';

const SEVERITY: Record<CoreDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: CoreDiagnostic, docsBase: string | undefined, uri: string): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(docsBase ? { codeDescription: { href: `${docsBase}${d.code}.md` } } : {}),
    source: 'nianbao',
    message: d.message,
    ...(d.related ? { relatedInformation: d.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) } : {}),
    ...(d.data ? { data: d.data } : {}),
  };
}

function lineRange(start: number, end: number): Range {
  return { start: { line: start, character: 0 }, end: { line: end, character: 0 } };
}

const TABLE_NAMES: Record<string, { 'zh-cn': string; en: string }> = {
  t2: { 'zh-cn': '表二 主动公开政府信息情况', en: 'Table 2: proactive disclosure' },
  t3: { 'zh-cn': '表三 收到和处理政府信息公开申请情况', en: 'Table 3: applications' },
  t4: { 'zh-cn': '表四 行政复议、行政诉讼情况', en: 'Table 4: reconsideration and litigation' },
  unknown: { 'zh-cn': '表格', en: 'Table' },
};

/** Outline: title, the six sections, their sub-heads and tables. */
export function documentSymbols(report: Report, locale: 'zh-cn' | 'en'): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (report.title) {
    out.push(DocumentSymbol.create(report.title.text, report.year ? String(report.year) : undefined, SymbolKind.File, report.title.range, report.title.range));
  }
  const sectionSymbols = report.sections.map((s) => {
    const sym = DocumentSymbol.create(s.headingText.replace(/^[#\s*]+|[\s*]+$/g, ''), undefined, SymbolKind.Module, s.range, s.headingRange, []);
    return { s, sym };
  });
  const owner = (line: number) => {
    let found: DocumentSymbol | undefined;
    for (const { s, sym } of sectionSymbols) if (s.range.start.line <= line && line <= lastLine(s.range.end)) found = sym;
    return found;
  };
  const ends = subheadEnds(report);
  report.subheads.forEach((sh, k) => {
    const sym = DocumentSymbol.create(sh.text.replace(/^[#\s*]+|[\s*]+$/g, ''), undefined, SymbolKind.Key, { start: sh.range.start, end: ends[k] }, sh.range, []);
    (owner(sh.range.start.line)?.children ?? out).push(sym);
  });
  for (const t of report.tables) {
    const sym = DocumentSymbol.create(TABLE_NAMES[t.kind][locale], undefined, SymbolKind.Struct, t.range, t.range);
    (owner(t.range.start.line)?.children ?? out).push(sym);
  }
  out.push(...sectionSymbols.map((x) => x.sym));
  return out;
}

export function foldingRanges(report: Report): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    if (end > start) out.push(FoldingRange.create(start, end, undefined, undefined, kind));
  };
  for (const s of report.sections) add(s.headingRange.start.line, lastLine(s.range.end));
  const ends = subheadEnds(report);
  report.subheads.forEach((sh, k) => add(sh.range.start.line, lastLine(ends[k])));
  for (const t of report.tables) add(t.range.start.line, t.range.end.line, FoldingRangeKind.Region);
  return out;
}

/** The last line a range really covers (an end at character 0 stops before its line). */
function lastLine(end: Position): number {
  return end.character === 0 ? end.line - 1 : end.line;
}

export { lineRange };
