import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

// VS Code's Outline shows one group per document-symbol provider when more than one gives symbols. In a Markdown
// report whose sections are headings, the built-in Markdown outline already lists them: Nianbao then gives none,
// so the clerk sees one outline. Sections written as plain lines (no `#`) keep Nianbao's outline.

const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

function isHeading(doc: vscode.TextDocument, line: number): boolean {
  if (line < 0 || line >= doc.lineCount) return false;
  if (ATX_HEADING.test(doc.lineAt(line).text)) return true;
  return line + 1 < doc.lineCount && doc.lineAt(line).text.trim() !== '' && SETEXT_UNDERLINE.test(doc.lineAt(line + 1).text);
}

/** Whether the Markdown extension's outline already shows every section of these symbols (each one a heading). */
export function markdownOutlineSuffices(doc: vscode.TextDocument, symbols: readonly vscode.DocumentSymbol[], markdownActive: boolean): boolean {
  if (doc.languageId !== 'markdown' || !markdownActive) return false;
  const sections = symbols.flatMap((s) => (s.kind === vscode.SymbolKind.Module ? [s] : s.children.filter((c) => c.kind === vscode.SymbolKind.Module)));
  return sections.length > 0 && sections.every((s) => isHeading(doc, s.selectionRange.start.line));
}

export const outlineMiddleware: Middleware = {
  async provideDocumentSymbols(document, token, next) {
    const symbols = await next(document, token);
    if (!symbols?.length || !('children' in symbols[0])) return symbols;
    const markdown = vscode.extensions.getExtension(MARKDOWN_EXTENSION);
    return markdownOutlineSuffices(document, symbols as vscode.DocumentSymbol[], !!markdown?.isActive) ? [] : symbols;
  },
};
