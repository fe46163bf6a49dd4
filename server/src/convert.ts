import { placeOf, placeText, type Diagnostic as CoreDiagnostic, type Fold, type Locale, type OutlineKind, type OutlineSymbol } from '../../core/src/index';
import {
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SymbolKind,
  type Diagnostic,
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

/** A check's diagnostics for LSP; in a PDF or Word file each message also names its page or paragraph. */
export function lspDiagnostics(ds: readonly CoreDiagnostic[], uri: string, docsBase: string | undefined, locale: Locale, places?: Parameters<typeof placeOf>[0]): Diagnostic[] {
  return ds.map((x) => {
    const lsp = toLspDiagnostic(x, docsBase, uri);
    const place = places ? placeOf(places, x.range) : null;
    return place ? { ...lsp, message: `${lsp.message}（${placeText(locale, place)}）` } : lsp;
  });
}

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = { title: SymbolKind.File, section: SymbolKind.Module, subhead: SymbolKind.Key, table: SymbolKind.Struct };

/** Outline: title, the six sections, their sub-heads and tables (see the checker's outline). */
export function documentSymbols(symbols: readonly OutlineSymbol[]): DocumentSymbol[] {
  return symbols.map((s) => DocumentSymbol.create(s.name, s.detail, SYMBOL_KIND[s.kind], s.range, s.selectionRange, s.kind === 'section' || s.kind === 'subhead' ? documentSymbols(s.children) : undefined));
}

export function foldingRanges(folds: readonly Fold[]): FoldingRange[] {
  return folds.map((f) => FoldingRange.create(f.startLine, f.endLine, undefined, undefined, f.region ? FoldingRangeKind.Region : undefined));
}
