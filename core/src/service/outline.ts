// The outline (title, the six sections, their sub-heads and tables) and the folding ranges of a report, in
// plain shapes the server turns into LSP DocumentSymbol and FoldingRange.
import { subheadEnds } from '../model/derived';
import type { Report } from '../model/types';
import type { Locale, Position, Range } from '../types';

export type OutlineKind = 'title' | 'section' | 'subhead' | 'table';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

export interface Fold {
  startLine: number;
  endLine: number;
  /** A table (a region), else a section or sub-section. */
  region: boolean;
}

const TABLE_NAMES: Record<string, Record<Locale, string>> = {
  t2: { 'zh-cn': '表二 主动公开政府信息情况', en: 'Table 2: proactive disclosure' },
  t3: { 'zh-cn': '表三 收到和处理政府信息公开申请情况', en: 'Table 3: applications' },
  t4: { 'zh-cn': '表四 行政复议、行政诉讼情况', en: 'Table 4: reconsideration and litigation' },
  unknown: { 'zh-cn': '表格', en: 'Table' },
};

/** The last line a range really covers (an end at character 0 stops before its line). */
function lastLine(end: Position): number {
  return end.character === 0 ? end.line - 1 : end.line;
}

const bare = (heading: string) => heading.replace(/^[#\s*]+|[\s*]+$/g, '');

export function outline(report: Report, locale: Locale): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  if (report.title) out.push({ name: report.title.text, ...(report.year ? { detail: String(report.year) } : {}), kind: 'title', range: report.title.range, selectionRange: report.title.range, children: [] });
  const sections = report.sections.map((s) => ({ s, sym: { name: bare(s.headingText), kind: 'section' as const, range: s.range, selectionRange: s.headingRange, children: [] as OutlineSymbol[] } }));
  const owner = (line: number) => {
    let found: OutlineSymbol | undefined;
    for (const { s, sym } of sections) if (s.range.start.line <= line && line <= lastLine(s.range.end)) found = sym;
    return found;
  };
  const ends = subheadEnds(report);
  report.subheads.forEach((sh, k) => {
    (owner(sh.range.start.line)?.children ?? out).push({ name: bare(sh.text), kind: 'subhead', range: { start: sh.range.start, end: ends[k] }, selectionRange: sh.range, children: [] });
  });
  for (const t of report.tables) (owner(t.range.start.line)?.children ?? out).push({ name: TABLE_NAMES[t.kind][locale], kind: 'table', range: t.range, selectionRange: t.range, children: [] });
  out.push(...sections.map((x) => x.sym));
  return out;
}

export function folds(report: Report): Fold[] {
  const out: Fold[] = [];
  const add = (startLine: number, endLine: number, region = false) => {
    if (endLine > startLine) out.push({ startLine, endLine, region });
  };
  for (const s of report.sections) add(s.headingRange.start.line, lastLine(s.range.end));
  const ends = subheadEnds(report);
  report.subheads.forEach((sh, k) => add(sh.range.start.line, lastLine(ends[k])));
  for (const t of report.tables) add(t.range.start.line, t.range.end.line, true);
  return out;
}
