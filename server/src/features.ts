import {
  CONFIG_FILE,
  fixAll,
  formForYear,
  fixesFor,
  formatMarkdownTables,
  hoverAt,
  minimalEdit,
  renderTable,
  skeleton,
  tableLenses,
  type CheckOptions,
  type CheckResult,
  type Diagnostic as CoreDiagnostic,
  type Locale,
  type ParsedDocument,
} from '../../core/src/index';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { joinUri, type FileSystem } from './files';
import { serverMessage } from './messages';

export interface DocState {
  doc: ParsedDocument;
  languageId: string;
  result: CheckResult;
  options: CheckOptions;
}

export interface FeatureHost {
  fs: FileSystem;
  locale(uri: string): Locale;
  folderOf(uri: string): string | null;
  /** The document as last checked, up to date with its text; null when unknown. */
  state(uri: string): DocState | null;
  safe<P, R>(name: string, fallback: R, fn: (p: P) => R | Promise<R>): (p: P) => Promise<R>;
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.nianbao`;
export const COMMANDS = {
  disableInWorkspace: 'nianbao.server.disableRuleInWorkspace',
  template: 'nianbao.server.template',
};

const same = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function wholeEdit(uri: string, before: string, after: string): WorkspaceEdit | null {
  const e = minimalEdit(before, after);
  return e ? { changes: { [uri]: [e] } } : null;
}

/** Quick fixes, fix-all, disable comments, hover, code lenses, formatting, completion and templates. */
export function registerFeatures(connection: Connection, host: FeatureHost): void {
  const t = (uri: string, key: Parameters<typeof serverMessage>[1], args?: Record<string, string | number>) => serverMessage(host.locale(uri), key, args);

  connection.onCodeAction(
    host.safe('codeAction', [] as CodeAction[], (p) => {
      const uri = p.textDocument.uri;
      const s = host.state(uri);
      if (!s) return [];
      const text = s.doc.text;
      const only = p.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
      const actions: CodeAction[] = [];

      if (wants(FIX_ALL_KIND) && only) {
        // Only when asked for (source.fixAll on save, or the Source Action menu).
        const after = fixAll(text, s.doc.format, s.options);
        const edit = wholeEdit(uri, text, after);
        actions.push({ title: t(uri, 'fixAllSafe'), kind: FIX_ALL_KIND, ...(edit ? { edit } : {}) });
        return actions;
      }
      if (!wants(CodeActionKind.QuickFix)) return actions;

      const seenRules = new Set<string>();
      for (const lsp of p.context.diagnostics as Diagnostic[]) {
        if (lsp.source !== 'nianbao') continue;
        const d = s.result.diagnostics.find((x) => x.code === lsp.code && same(x.range, lsp.range));
        if (!d) continue;
        for (const fix of fixesFor(s.doc, d, s.result.diagnostics, s.options)) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: !!fix.preferred, edit: { changes: { [uri]: fix.edits as TextEdit[] } } });
        }
        if (!seenRules.has(d.code)) {
          seenRules.add(d.code);
          const count = s.result.diagnostics.filter((x) => x.code === d.code).length;
          if (count > 1 && fixesFor(s.doc, d, s.result.diagnostics, s.options).length) {
            const after = fixAll(text, s.doc.format, s.options, (x: CoreDiagnostic) => x.code === d.code, false);
            const edit = wholeEdit(uri, text, after);
            if (edit) actions.push({ title: t(uri, 'fixAllOfRule', { rule: d.code, count }), kind: CodeActionKind.QuickFix, edit });
          }
          actions.push(...disableActions(uri, s, d, lsp));
        }
      }
      return actions;
    }),
  );

  function disableActions(uri: string, s: DocState, d: CoreDiagnostic, lsp: Diagnostic): CodeAction[] {
    const out: CodeAction[] = [];
    const eol = s.doc.eol;
    if (s.doc.format === 'markdown') {
      const line = d.range.start.line;
      const inTable = /^\s*\|/.test(s.doc.lines[line] ?? '') || /<t[rd][\s>]/i.test(s.doc.lines[line] ?? '');
      if (!inTable) {
        const at = { line, character: 0 };
        out.push({ title: t(uri, 'disableLine', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: `<!-- nianbao-disable-next-line ${d.code} -->${eol}` }] } } });
      }
      const top = { line: 0, character: 0 };
      out.push({ title: t(uri, 'disableFile', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [uri]: [{ range: { start: top, end: top }, newText: `<!-- nianbao-disable ${d.code} -->${eol}${eol}` }] } } });
    }
    if (host.folderOf(uri)) {
      out.push({ title: t(uri, 'disableWorkspace', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [lsp], command: { title: t(uri, 'disableWorkspace', { rule: d.code }), command: COMMANDS.disableInWorkspace, arguments: [uri, d.code] } });
    }
    return out;
  }

  connection.onExecuteCommand(
    host.safe('executeCommand', null as unknown, async (p) => {
      if (p.command === COMMANDS.disableInWorkspace) {
        const [uri, rule] = (p.arguments ?? []) as [string, string];
        const folder = host.folderOf(uri);
        if (!folder || typeof rule !== 'string') return null;
        const file = joinUri(folder, CONFIG_FILE);
        const current = await host.fs.readFile(file).catch(() => null);
        const edit = configEdit(file, current, rule);
        if (edit) await connection.workspace.applyEdit({ label: t(uri, 'disableWorkspace', { rule }), edit });
        return null;
      }
      if (p.command === COMMANDS.template) {
        const [kind, uri, arg] = (p.arguments ?? []) as [string, string, { year?: number; agency?: string; markdown?: boolean }?];
        return templateText(kind, uri, arg ?? {});
      }
      return null;
    }),
  );

  /** The text of a standard table or of a new report, in the document's own form. */
  function templateText(kind: string, uri: string, arg: { year?: number; agency?: string; markdown?: boolean }): string | null {
    const s = host.state(uri);
    const format = arg.markdown ?? s?.doc.format === 'markdown' ? 'markdown' : 'text';
    const year = arg.year ?? s?.result.report.year ?? new Date().getFullYear() - 1;
    if (kind === 'report') return skeleton(year, arg.agency?.trim() || '（机关名称）', format, s?.doc.eol ?? '\n');
    if (kind === 't2' || kind === 't3' || kind === 't4') return renderTable(kind, format, formForYear(year)).split('\n').join(s?.doc.eol ?? '\n');
    return null;
  }

  connection.onHover(
    host.safe('hover', null, (p) => {
      const s = host.state(p.textDocument.uri);
      if (!s || !s.result.checked) return null;
      const h = hoverAt(s.result.report, p.position, host.locale(p.textDocument.uri));
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: h.range } : null;
    }),
  );

  connection.onCodeLens(
    host.safe('codeLens', [] as CodeLens[], (p) => {
      const uri = p.textDocument.uri;
      const s = host.state(uri);
      if (!s || !s.result.checked) return [];
      return tableLenses(s.result.report, s.result.diagnostics, host.locale(uri)).map((l) => ({
        range: l.range,
        command: l.target ? { title: l.title, command: 'nianbao.revealRange', arguments: [uri, l.target] } : { title: l.title, command: '' },
      }));
    }),
  );

  connection.onDocumentFormatting(
    host.safe('formatting', [] as TextEdit[], (p) => {
      const s = host.state(p.textDocument.uri);
      if (!s || !s.result.report.isReport) return [];
      return formatMarkdownTables(s.doc);
    }),
  );

  connection.onCompletion(
    host.safe('completion', [] as CompletionItem[], (p) => {
      const uri = p.textDocument.uri;
      const s = host.state(uri);
      if (!s) return [];
      const { doc, result } = s;
      const line = doc.lines[p.position.line] ?? '';
      if (line.slice(0, p.position.character).trim() !== '') return [];
      const items: CompletionItem[] = [];
      const empty = doc.lines.every((l) => l.trim() === '');
      if (empty) {
        const year = new Date().getFullYear() - 1;
        items.push({
          label: t(uri, 'completionSkeleton'),
          kind: CompletionItemKind.Snippet,
          detail: t(uri, 'completionSkeletonDetail', { year }),
          insertTextFormat: InsertTextFormat.PlainText,
          insertText: skeleton(year, '（机关名称）', doc.format, doc.eol),
        });
        return items;
      }
      // Inside a section 二/三/四 that has no table yet.
      const r = result.report;
      const section = [...r.sections].reverse().find((x) => x.headingRange.start.line < p.position.line);
      if (!section || section.key < 2 || section.key > 4) return [];
      const kind = (['t2', 't3', 't4'] as const)[section.key - 2];
      if (r.tables.some((x) => x.kind === kind)) return [];
      const year = r.year ?? new Date().getFullYear() - 1;
      items.push({
        label: t(uri, kind === 't2' ? 'completionT2' : kind === 't3' ? 'completionT3' : 'completionT4'),
        kind: CompletionItemKind.Snippet,
        detail: t(uri, formForYear(year) === '2021' ? 'format2021' : 'format2019'),
        insertTextFormat: InsertTextFormat.PlainText,
        insertText: renderTable(kind, doc.format, formForYear(year)).split('\n').join(doc.eol),
        preselect: true,
      });
      return items;
    }),
  );
}

/** Sets `rules.<id>` to "off" in `.nianbao.json`, creating the file when there is none. */
export function configEdit(file: string, current: string | null, rule: string): WorkspaceEdit | null {
  if (current === null) {
    const text = JSON.stringify({ rules: { [rule]: 'off' } }, null, 2) + '\n';
    return { documentChanges: [{ kind: 'create', uri: file, options: { ignoreIfExists: true } }, { textDocument: { uri: file, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }] };
  }
  let data: Record<string, unknown>;
  try {
    const parsed = JSON.parse(current) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    data = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const rules = typeof data.rules === 'object' && data.rules && !Array.isArray(data.rules) ? (data.rules as Record<string, unknown>) : {};
  data.rules = { ...rules, [rule]: 'off' };
  const lines = current.split(/\r\n|\r|\n/);
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  return { changes: { [file]: [{ range: { start: { line: 0, character: 0 }, end }, newText: JSON.stringify(data, null, 2) + '\n' }] } };
}
