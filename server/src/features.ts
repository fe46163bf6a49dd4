import { CONFIG_FILE, minimalEdit, serverMessage, type Checker, type Diagnostic as CoreDiagnostic, type Locale } from '../../core/src/index';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { joinUri, type FileSystem } from './files';

export interface FeatureHost {
  fs: FileSystem;
  checker: Checker;
  locale(uri: string): Locale;
  folderOf(uri: string): string | null;
  /** Brings the document's check up to date with its text; false when the document is unknown or not checked yet. */
  current(uri: string): boolean;
  safe<P, R>(name: string, fallback: R, fn: (p: P) => R | Promise<R>): (p: P) => Promise<R>;
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.nianbao`;
export const COMMANDS = {
  disableInWorkspace: 'nianbao.server.disableRuleInWorkspace',
  template: 'nianbao.server.template',
};

function wholeEdit(uri: string, before: string, after: string): WorkspaceEdit | null {
  const e = minimalEdit(before, after);
  return e ? { changes: { [uri]: [e] } } : null;
}

/** Quick fixes, fix-all, disable comments, hover, code lenses, formatting, completion and templates. */
export function registerFeatures(connection: Connection, host: FeatureHost): void {
  const t = (uri: string, key: Parameters<typeof serverMessage>[1], args?: Record<string, string | number>) => serverMessage(host.locale(uri), key, args);

  const { checker } = host;

  connection.onCodeAction(
    host.safe('codeAction', [] as CodeAction[], (p) => {
      const uri = p.textDocument.uri;
      if (!host.current(uri)) return [];
      const text = checker.text(uri) ?? '';
      const only = p.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
      const actions: CodeAction[] = [];

      if (wants(FIX_ALL_KIND) && only) {
        // Only when asked for (source.fixAll on save, or the Source Action menu).
        const after = checker.fixAll(uri);
        const edit = after === null ? null : wholeEdit(uri, text, after);
        actions.push({ title: t(uri, 'fixAllSafe'), kind: FIX_ALL_KIND, ...(edit ? { edit } : {}) });
        return actions;
      }
      if (!wants(CodeActionKind.QuickFix)) return actions;

      const all = checker.lastCheck(uri)?.result.diagnostics ?? [];
      const seenRules = new Set<string>();
      for (const lsp of p.context.diagnostics as Diagnostic[]) {
        if (lsp.source !== 'nianbao' || typeof lsp.code !== 'string') continue;
        const d = checker.diagnosticAt(uri, lsp.code, lsp.range);
        if (!d) continue;
        const fixes = checker.fixes(uri, d);
        for (const fix of fixes) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: !!fix.preferred, edit: { changes: { [uri]: fix.edits as TextEdit[] } } });
        }
        if (!seenRules.has(d.code)) {
          seenRules.add(d.code);
          const count = all.filter((x) => x.code === d.code).length;
          if (count > 1 && fixes.length) {
            const after = checker.fixAll(uri, (x: CoreDiagnostic) => x.code === d.code, false);
            const edit = after === null ? null : wholeEdit(uri, text, after);
            if (edit) actions.push({ title: t(uri, 'fixAllOfRule', { rule: d.code, count }), kind: CodeActionKind.QuickFix, edit });
          }
          actions.push(...disableActions(uri, d, lsp));
        }
      }
      return actions;
    }),
  );

  function disableActions(uri: string, d: CoreDiagnostic, lsp: Diagnostic): CodeAction[] {
    const out: CodeAction[] = [];
    const edits = checker.disableEdits(uri, d);
    if (edits.line) out.push({ title: t(uri, 'disableLine', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [uri]: [edits.line] } } });
    if (edits.file) out.push({ title: t(uri, 'disableFile', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [uri]: [edits.file] } } });
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
    return checker.template(kind, uri && checker.has(uri) ? uri : null, arg);
  }

  connection.onHover(
    host.safe('hover', null, (p) => {
      const uri = p.textDocument.uri;
      if (!host.current(uri)) return null;
      const h = checker.hover(uri, p.position, host.locale(uri));
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: h.range } : null;
    }),
  );

  connection.onCodeLens(
    host.safe('codeLens', [] as CodeLens[], (p) => {
      const uri = p.textDocument.uri;
      if (!host.current(uri)) return [];
      return checker.lenses(uri, host.locale(uri)).map((l) => ({
        range: l.range,
        command: l.target ? { title: l.title, command: 'nianbao.revealRange', arguments: [uri, l.target] } : { title: l.title, command: '' },
      }));
    }),
  );

  connection.onDocumentFormatting(host.safe('formatting', [] as TextEdit[], (p) => (host.current(p.textDocument.uri) ? checker.format(p.textDocument.uri) : [])));

  connection.onCompletion(
    host.safe('completion', [] as CompletionItem[], (p) => {
      const uri = p.textDocument.uri;
      if (!host.current(uri)) return [];
      return checker.completion(uri, p.position, host.locale(uri)).map((c) => ({
        label: c.label,
        kind: CompletionItemKind.Snippet,
        detail: c.detail,
        insertTextFormat: InsertTextFormat.PlainText,
        insertText: c.insertText,
        ...(c.preselect ? { preselect: true } : {}),
      }));
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
