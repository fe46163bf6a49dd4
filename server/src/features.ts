import { CONFIG_FILE, minimalEdits, serverMessage, type Checker, type Diagnostic as CoreDiagnostic, type Locale, type Steps } from '../../core/src/index';
import { sliced } from './slices';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MessageType,
  ShowMessageNotification,
  TextDocumentEdit,
  type CancellationToken,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type InlayHint,
  type Range,
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
  safe<P, R>(name: string, fallback: R, fn: (p: P, token?: CancellationToken) => R | Promise<R>): (p: P, token?: CancellationToken) => Promise<R>;
  /** What the client said it can do with edits and code actions (set at initialize). */
  editing(): EditingCaps;
  /** `nianbao.tables.align` for the document. */
  alignTables(uri: string): boolean;
  /** `nianbao.tables.alignWide` for the document: the tables wider than FITTING_COLUMNS aligned too. */
  alignWide(uri: string): boolean;
  /** The client asks for the tables' layout itself (nianbao/tableLayout) instead of inlay hints. */
  tableDecorations(): boolean;
  /** The tab size the editor showing the document said (nianbao/editorTabSize): the hints' stop. */
  hintStop?(uri: string): number | undefined;
  /** Code lenses were asked for before the document's first check: the client is asked again once it is done. */
  lensesMissed?(uri: string): void;
}

export interface EditingCaps {
  /** `workspace.workspaceEdit.documentChanges`: edits carry the document version, so a stale one is refused. */
  documentChanges: boolean;
  /** `codeAction.resolveSupport` with `edit`: a costly action's edit is computed when it is chosen. */
  resolveEdit: boolean;
  /** The Nianbao client runs *在工作区中关闭规则* itself, on `.nianbao.json` as it is open in the editor. */
  clientDisable: boolean;
}

/** What `nianbao.server.fixAll` answers: how many problems were fixed, how many are left, and the message to show. */
export interface FixAllAnswer {
  fixed: number;
  left: number;
  message: string;
}

/** `data` of an action whose edit is computed on `codeAction/resolve`. */
interface FixAllOfRule {
  kind: 'fixAllOfRule';
  uri: string;
  version: number;
  rule: string;
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.nianbao`;
export const COMMANDS = {
  disableInWorkspace: 'nianbao.server.disableRuleInWorkspace',
  fixAllOfRule: 'nianbao.server.fixAllOfRule',
  fixAll: 'nianbao.server.fixAll',
  template: 'nianbao.server.template',
};
/** The client's own command (see EditingCaps.clientDisable). */
export const CLIENT_DISABLE_COMMAND = 'nianbao.disableRuleInWorkspace';

/** A tab size a client sent (nianbao/tableLayout, nianbao/editorTabSize), or undefined when it is not one. */
export function tabSizeOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 32 ? value : undefined;
}

/** Quick fixes, fix-all, disable comments, hover, code lenses, formatting, completion and templates. */
export function registerFeatures(connection: Connection, host: FeatureHost): void {
  const t = (uri: string, key: Parameters<typeof serverMessage>[1], args?: Record<string, string | number>) => serverMessage(host.locale(uri), key, args);

  const { checker } = host;

  /** Edits of one open document, with its version when the client can refuse a stale edit. */
  function docEdit(uri: string, edits: TextEdit[], version = checker.version(uri)): WorkspaceEdit {
    return host.editing().documentChanges && version !== undefined ? { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] } : { changes: { [uri]: edits } };
  }

  /** A fix-all's text as small edits (one per changed run of lines), or null when it changes nothing. */
  function fixAllEdit(uri: string, after: string | null, version?: number): WorkspaceEdit | null {
    if (after === null) return null;
    const edits = minimalEdits(checker.text(uri) ?? '', after);
    return edits.length ? docEdit(uri, edits, version) : null;
  }

  /** Core steps run in slices (other requests are answered in between); the result is for `version` or none. */
  const run = <T>(steps: Steps<T>, token: CancellationToken | undefined, uri: string, version: number | undefined): Promise<T> => sliced(steps, token, () => checker.version(uri) === version);

  /** "Fix all of this rule", computed when asked for (resolve, or the command), for the version it was offered on. */
  async function fixAllOfRule(uri: string, version: number, rule: string, token?: CancellationToken): Promise<WorkspaceEdit | null> {
    if (!host.current(uri) || checker.version(uri) !== version) return null;
    return fixAllEdit(uri, (await run(checker.fixAllSteps(uri, (x: CoreDiagnostic) => x.code === rule, false), token, uri, version))?.text ?? null, version);
  }

  connection.onCodeAction(
    host.safe('codeAction', [] as CodeAction[], async (p, token) => {
      const uri = p.textDocument.uri;
      if (!host.current(uri)) return [];
      const only = p.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
      const actions: CodeAction[] = [];
      const version = checker.version(uri) ?? 0;

      if (wants(FIX_ALL_KIND) && only) {
        // Only when asked for (source.fixAll on save, or the Source Action menu).
        const edit = fixAllEdit(uri, (await run(checker.fixAllSteps(uri), token, uri, version))?.text ?? null, version);
        actions.push({ title: t(uri, 'fixAllSafe'), kind: FIX_ALL_KIND, ...(edit ? { edit } : {}) });
        return actions;
      }
      if (!wants(CodeActionKind.QuickFix)) return actions;

      const all = checker.lastCheck(uri)?.result.diagnostics ?? [];
      const seenRules = new Set<string>();
      const later: CodeAction[] = [];
      for (const lsp of p.context.diagnostics as Diagnostic[]) {
        if (lsp.source !== 'nianbao' || typeof lsp.code !== 'string') continue;
        const d = checker.diagnosticAt(uri, lsp.code, lsp.range);
        if (!d) continue;
        const fixes = await run(checker.fixesSteps(uri, d), token, uri, version);
        for (const fix of fixes) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: !!fix.preferred, edit: docEdit(uri, fix.edits as TextEdit[], version) });
        }
        if (!seenRules.has(d.code)) {
          seenRules.add(d.code);
          const count = all.filter((x) => x.code === d.code).length;
          if (count > 1 && fixes.length) {
            // Not computed now: it re-checks the document once per fix (1,000 warnings took 14 s).
            const title = t(uri, 'fixAllOfRule', { rule: d.code, count });
            const data: FixAllOfRule = { kind: 'fixAllOfRule', uri, version, rule: d.code };
            // With its diagnostic: VS Code lists actions without one after those with one (the disable actions).
            actions.push(
              host.editing().resolveEdit
                ? { title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], data }
                : { title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], command: { title, command: COMMANDS.fixAllOfRule, arguments: [uri, version, d.code] } },
            );
          }
          later.push(...disableActions(uri, d, lsp));
        }
      }
      // The fixes first, then "fix all of this rule", then the actions that turn the rule off.
      return [...actions, ...later];
    }),
  );

  connection.onCodeActionResolve(
    host.safe('codeActionResolve', null as unknown as CodeAction, async (action: CodeAction, token) => {
      const data = action.data as FixAllOfRule | undefined;
      if (data?.kind !== 'fixAllOfRule') return action;
      const edit = await fixAllOfRule(data.uri, data.version, data.rule, token);
      return edit ? { ...action, edit } : action;
    }),
  );

  function disableActions(uri: string, d: CoreDiagnostic, lsp: Diagnostic): CodeAction[] {
    const out: CodeAction[] = [];
    const edits = checker.disableEdits(uri, d);
    if (edits.line) out.push({ title: t(uri, 'disableLine', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: docEdit(uri, [edits.line]) });
    if (edits.file) out.push({ title: t(uri, 'disableFile', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: docEdit(uri, [edits.file]) });
    const folder = host.folderOf(uri);
    if (folder) {
      const title = t(uri, 'disableWorkspace', { rule: d.code });
      // The Nianbao client edits `.nianbao.json` as it is in the editor (maybe unsaved); others get the server's edit.
      const command = host.editing().clientDisable
        ? { title, command: CLIENT_DISABLE_COMMAND, arguments: [joinUri(folder, CONFIG_FILE), d.code] }
        : { title, command: COMMANDS.disableInWorkspace, arguments: [uri, d.code] };
      out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], command });
    }
    return out;
  }

  connection.onExecuteCommand(
    host.safe('executeCommand', null as unknown, async (p, token) => {
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
      if (p.command === COMMANDS.fixAllOfRule) {
        const [uri, version, rule] = (p.arguments ?? []) as [string, number, string];
        const edit = typeof uri === 'string' && typeof version === 'number' && typeof rule === 'string' ? await fixAllOfRule(uri, version, rule, token) : null;
        const count = (checker.lastCheck(uri)?.result.diagnostics ?? []).filter((x) => x.code === rule).length;
        if (edit) await connection.workspace.applyEdit({ label: t(uri, 'fixAllOfRule', { rule, count }), edit });
        return null;
      }
      if (p.command === COMMANDS.fixAll) {
        const [uri] = (p.arguments ?? []) as [string];
        return typeof uri === 'string' ? await fixAllCommand(uri, token) : null;
      }
      if (p.command === COMMANDS.template) {
        const [kind, uri, arg] = (p.arguments ?? []) as [string, string, { year?: number; agency?: string; markdown?: boolean }?];
        return templateText(kind, uri, arg ?? {});
      }
      return null;
    }),
  );

  /**
   * *修复所有可自动修复的问题* as a command: applies every safe fix and says how many problems it fixed and how
   * many are left for a person (the code action source.fixAll.nianbao, run on save, says nothing).
   */
  async function fixAllCommand(uri: string, token?: CancellationToken): Promise<FixAllAnswer | null> {
    if (!host.current(uri)) return null;
    const version = checker.version(uri);
    const result = await run(checker.fixAllSteps(uri), token, uri, version);
    if (!result) return null;
    const edit = fixAllEdit(uri, result.text, version);
    const fixed = result.before - result.left;
    if (!edit || fixed <= 0) {
      const left = result.before;
      return { fixed: 0, left, message: left ? t(uri, 'fixAllNone', { left }) : t(uri, 'fixAllClean') };
    }
    const { applied } = await connection.workspace.applyEdit({ label: t(uri, 'fixAllSafe'), edit });
    if (!applied) return { fixed: 0, left: result.before, message: t(uri, 'fixAllStale') };
    return { fixed, left: result.left, message: result.left ? t(uri, 'fixAllDone', { fixed, left: result.left }) : t(uri, 'fixAllDoneAll', { fixed }) };
  }

  // The Nianbao client's *在工作区中关闭规则*: the new text of `.nianbao.json` from its text in the editor.
  connection.onRequest(
    'nianbao/configText',
    host.safe('configText', null as string | null, (p: { current: string | null; rule: string }) => (typeof p?.rule === 'string' ? configText(p.current ?? null, p.rule) : null)),
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
      if (!host.current(uri)) {
        host.lensesMissed?.(uri);
        return [];
      }
      return checker.lenses(uri, host.locale(uri)).map((l) => ({
        range: l.range,
        command: l.target ? { title: l.title, command: 'nianbao.revealRange', arguments: [uri, l.target] } : { title: l.title, command: '' },
      }));
    }),
  );

  // Tab tables shown aligned: runs of spaces before tabs (core/src/editor/table-layout.ts), no text changed.
  connection.languages.inlayHint.on(
    host.safe('inlayHint', [] as InlayHint[], (p) => {
      const uri = p.textDocument.uri;
      if (!checker.has(uri) || !host.alignTables(uri) || host.tableDecorations()) return [];
      return checker.tablePads(uri, p.range, { wide: host.alignWide(uri), stop: host.hintStop?.(uri) }).map((x) => ({ position: { line: x.line, character: x.character }, label: ' '.repeat(x.width) }));
    }),
  );

  // The same on request, for every row of the tables in the range: with a tab size, for an editor that shows the
  // space itself (tableLayout 'decorations'); without one, the inlay hints' layout (the VS Code client spaces the
  // Chinese characters of those lines to two columns).
  connection.onRequest(
    'nianbao/tableLayout',
    host.safe('tableLayout', null, (p: { uri: string; range: Range; tabSize?: number }) => {
      if (!checker.has(p.uri) || !host.alignTables(p.uri)) return { version: checker.version(p.uri) ?? null, pads: [] };
      const tabSize = p.tabSize === undefined ? undefined : (tabSizeOf(p.tabSize) ?? 4);
      // Every row of the tables in the range: the answer stays the same while the view scrolls over a table.
      return { version: checker.version(p.uri) ?? null, pads: checker.tablePads(p.uri, p.range, { tabSize, wholeTables: true, wide: host.alignWide(p.uri), stop: host.hintStop?.(p.uri) }) };
    }),
  );

  // The table preview (client/src/table-preview.ts): tables 二/三/四 as grids with their identities.
  connection.onRequest(
    'nianbao/tablePreview',
    host.safe('tablePreview', null, (p: { uri: string }) => (host.current(p.uri) ? { version: checker.version(p.uri) ?? null, tables: checker.tablePreview(p.uri, host.locale(p.uri)) } : null)),
  );

  /** Documents already told why Format Document leaves them alone (once each: format on save would repeat it). */
  const formatNoted = new Set<string>();
  connection.onDocumentFormatting(
    host.safe('formatting', [] as TextEdit[], (p) => {
      const uri = p.textDocument.uri;
      if (!host.current(uri)) return [];
      const note = checker.formatNote(uri);
      if (note && !formatNoted.has(uri)) {
        formatNoted.add(uri);
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: t(uri, 'formatTextTables') });
      }
      return checker.format(uri);
    }),
  );

  connection.onCompletion(
    host.safe('completion', [] as CompletionItem[], (p) => {
      const uri = p.textDocument.uri;
      // The report of the text as it is now is enough (no check needed): answered at once, as the user types.
      if (!checker.has(uri)) return [];
      return checker.completion(uri, p.position, host.locale(uri)).map((c) => ({
        label: c.label,
        kind: CompletionItemKind.Snippet,
        detail: c.detail,
        insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        ...(c.range ? { textEdit: { range: c.range, newText: c.insertText } } : { insertText: c.insertText }),
        ...(c.filterText ? { filterText: c.filterText } : {}),
        ...(c.preselect ? { preselect: true } : {}),
      }));
    }),
  );
}

/** `.nianbao.json` with `rules.<id>` set to "off" (merged with what is there), or null when that is not valid JSON. */
export function configText(current: string | null, rule: string): string | null {
  if (current === null || current.trim() === '') return JSON.stringify({ rules: { [rule]: 'off' } }, null, 2) + '\n';
  let data: Record<string, unknown>;
  try {
    const parsed = JSON.parse(current.charCodeAt(0) === 0xfeff ? current.slice(1) : current) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    data = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const rules = typeof data.rules === 'object' && data.rules && !Array.isArray(data.rules) ? (data.rules as Record<string, unknown>) : {};
  data.rules = { ...rules, [rule]: 'off' };
  return JSON.stringify(data, null, 2) + '\n';
}

/** Sets `rules.<id>` to "off" in `.nianbao.json` on disk (clients other than Nianbao's), creating the file when there is none. */
export function configEdit(file: string, current: string | null, rule: string): WorkspaceEdit | null {
  const text = configText(current, rule);
  if (text === null) return null;
  if (current === null) {
    return { documentChanges: [{ kind: 'create', uri: file, options: { ignoreIfExists: true } }, { textDocument: { uri: file, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }] };
  }
  const lines = current.split(/\r\n|\r|\n/);
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  return { changes: { [file]: [{ range: { start: { line: 0, character: 0 }, end }, newText: text }] } };
}
