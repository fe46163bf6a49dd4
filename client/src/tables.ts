// Tables people can read: tab tables shown aligned without changing the text (the server's inlay hints, which VS
// Code counts when it wraps lines, so a wide table wraps and nothing is hidden past the editor's edge; here the
// Chinese characters on the tables' lines are spaced to exactly two columns, as the layout and the wrapping count
// them), and 表格预览, a side view of tables 二/三/四 as grids with their identities.
import * as vscode from 'vscode';
import { escapeHtml, nonce } from './html';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** What VS Code counts as two columns (its isFullWidthCharacter), and characters outside the BMP. */
const WIDE = /[\u2e80-\ud7af\uf900-\ufaff\uff01-\uff5e]+|(?:[\ud840-\ud8bf][\udc00-\udfff])+/g;

interface PreviewCell {
  text: string;
  head?: boolean;
  colspan?: number;
  rowspan?: number;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  status?: 'ok' | 'bad';
  tip?: string;
}
interface PreviewTable {
  kind: string;
  title: string;
  rows: PreviewCell[][];
}

export interface TableHost {
  isReport(doc: vscode.TextDocument): boolean;
}

/** Aligned: the setting on, and the editor showing inlay hints (without them the spaced characters would be all). */
const alignOn = (doc: vscode.TextDocument) => {
  const hints = vscode.workspace.getConfiguration('editor.inlayHints', doc).get<string>('enabled', 'on');
  return vscode.workspace.getConfiguration('nianbao', doc).get<boolean>('tables.align', true) && (hints === 'on' || hints === 'onUnlessPressed');
};

export function registerTables(context: vscode.ExtensionContext, client: BaseLanguageClient, host: TableHost): { kindsChanged(): void } {
  // ---- two columns for every wide character on the lines of tab tables -------------------------------
  let spacing: vscode.TextEditorDecorationType | undefined;
  const decorationType = (): vscode.TextEditorDecorationType => {
    if (!spacing) {
      const ls = vscode.workspace.getConfiguration('editor').get<number>('letterSpacing', 0) || 0;
      // A CJK glyph is 1em wide; two columns of the editor's font are 2ch (plus its letter spacing).
      spacing = vscode.window.createTextEditorDecorationType({ letterSpacing: `calc(2ch - 1em${ls ? ` + ${2 * ls}px` : ''})` });
    }
    return spacing;
  };
  const pending = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
  const drawn = new Map<vscode.TextEditor, string>();
  /** The tab size last told the server, per document. */
  const sentTabSize = new Map<string, number>();
  const decorateNow = async (editor: vscode.TextEditor): Promise<void> => {
    const doc = editor.document;
    const on = host.isReport(doc) && alignOn(doc) && doc.languageId !== 'markdown';
    if (!spacing && !on) return;
    let from = doc.lineCount;
    let to = -1;
    if (on) {
      for (const visible of editor.visibleRanges) {
        from = Math.min(from, Math.max(0, visible.start.line - 20));
        to = Math.max(to, Math.min(doc.lineCount - 1, visible.end.line + 20));
      }
    }
    type Answer = { version: number | null; pads: { line: number }[] } | null;
    let answer: Answer = null;
    if (on && to >= from) {
      const version = doc.version;
      // The server lays the hints out for this editor's tab size (narrower than for any tab size up to 8).
      const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : undefined;
      const key = doc.uri.toString();
      if (tabSize !== undefined && sentTabSize.get(key) !== tabSize) {
        sentTabSize.set(key, tabSize);
        void client.sendNotification('nianbao/editorTabSize', { uri: client.code2ProtocolConverter.asUri(doc.uri), tabSize }).catch(() => undefined);
      }
      try {
        // The lines of the tables in view (the hints' layout: no tab size).
        answer = await client.sendRequest<Answer>('nianbao/tableLayout', { uri: client.code2ProtocolConverter.asUri(doc.uri), range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } } });
      } catch {
        answer = null;
      }
      // A newer change asks again.
      if (doc.version !== version || (answer?.version !== null && answer?.version !== undefined && answer.version !== version)) return;
    }
    // Wide characters on the tab lines of the tables shown aligned.
    const wide: vscode.Range[] = [];
    const lines = (answer?.pads ?? []).map((p) => p.line);
    if (on && lines.length) {
      const first = Math.min(...lines);
      const last = Math.max(...lines);
      for (let line = first; line <= last; line++) {
        const text = doc.lineAt(line).text;
        if (!text.includes('\t')) continue;
        for (const m of text.matchAll(WIDE)) wide.push(new vscode.Range(line, m.index, line, m.index + m[0].length));
      }
    }
    // Unchanged (scrolling within the same tables): nothing to redraw.
    const shown = JSON.stringify(wide);
    if (drawn.get(editor) === shown) return;
    drawn.set(editor, shown);
    editor.setDecorations(decorationType(), wide);
  };
  const decorate = (editor: vscode.TextEditor): void => {
    clearTimeout(pending.get(editor));
    pending.set(editor, setTimeout(() => {
      pending.delete(editor);
      void decorateNow(editor);
    }, 30));
  };
  const decorateAll = () => vscode.window.visibleTextEditors.forEach(decorate);

  // ---- 表格预览 ----------------------------------------------------------------------------------------
  let panel: vscode.WebviewPanel | undefined;
  let source: vscode.TextDocument | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refresh = async (): Promise<void> => {
    if (!panel || !source) return;
    const doc = source;
    let answer: { tables: PreviewTable[] } | null;
    try {
      answer = await client.sendRequest<{ tables: PreviewTable[] } | null>('nianbao/tablePreview', { uri: client.code2ProtocolConverter.asUri(doc.uri) });
    } catch {
      answer = null;
    }
    if (panel && source === doc) void panel.webview.postMessage({ kind: 'tables', file: doc.uri.path.split('/').pop(), tables: answer?.tables ?? [] });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  };

  const show = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (editor && host.isReport(editor.document)) source = editor.document;
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside, true);
      later();
      return;
    }
    panel = vscode.window.createWebviewPanel('nianbao.tablePreview', vscode.l10n.t('Table preview'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
    panel.webview.html = previewHtml();
    panel.onDidDispose(() => {
      panel = undefined;
    });
    panel.webview.onDidReceiveMessage(async (m: { kind: string; range?: PreviewCell['range'] }) => {
      if (m.kind === 'ready') void refresh();
      if (m.kind !== 'select' || !m.range || !source) return;
      const r = new vscode.Range(m.range.start.line, m.range.start.character, m.range.end.line, m.range.end.character);
      const shown = vscode.window.visibleTextEditors.find((e) => e.document === source);
      const editor = await vscode.window.showTextDocument(source, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection: r, preserveFocus: false });
      editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.showTablePreview', show),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const e of drawn.keys()) if (!editors.includes(e)) drawn.delete(e);
      decorateAll();
    }),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => decorate(e.textEditor)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) decorate(editor);
      if (e.document === source) later();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      void vscode.commands.executeCommand('setContext', 'nianbao.activeIsReport', !!editor && host.isReport(editor.document));
      if (panel && editor && host.isReport(editor.document) && editor.document !== source) {
        source = editor.document;
        later();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('editor.letterSpacing')) {
        spacing?.dispose();
        spacing = undefined;
      }
      drawn.clear();
      if (e.affectsConfiguration('nianbao.tables') || e.affectsConfiguration('editor.letterSpacing') || e.affectsConfiguration('editor.inlayHints')) decorateAll();
    }),
    vscode.window.onDidChangeTextEditorOptions((e) => decorate(e.textEditor)),
    client.onDidChangeState(() => sentTabSize.clear()), // a restarted server knows no tab size
    vscode.workspace.onDidCloseTextDocument((doc) => sentTabSize.delete(doc.uri.toString())),
    { dispose: () => spacing?.dispose() },
  );
  decorateAll();
  return {
    kindsChanged() {
      decorateAll();
      const doc = vscode.window.activeTextEditor?.document;
      void vscode.commands.executeCommand('setContext', 'nianbao.activeIsReport', !!doc && host.isReport(doc));
      if (panel && source) later();
    },
  };
}

/** The preview page: no network, no resources; the tables arrive by message and are drawn by the script. */
function previewHtml(): string {
  const n = nonce();
  const t = {
    empty: vscode.l10n.t('No tables 二, 三 or 四 in this report yet.'),
    ok: vscode.l10n.t('balanced'),
    bad: vscode.l10n.t('does not balance'),
    hint: vscode.l10n.t('Green: the total balances. Red: it does not. Click a cell to go to it in the report.'),
  };
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${n}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 8px 16px; }
  h2 { font-size: 1.1em; font-weight: 600; margin: 18px 0 6px; }
  .file, .hint { color: var(--vscode-descriptionForeground); margin: 0 0 4px; }
  table { border-collapse: collapse; margin-bottom: 8px; }
  th, td { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); padding: 3px 6px; }
  th { font-weight: normal; background: var(--vscode-editorWidget-background); text-align: left; vertical-align: middle; }
  td { text-align: right; min-width: 2.5em; font-variant-numeric: tabular-nums; cursor: pointer; }
  td:hover { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
  td.ok { background: color-mix(in srgb, var(--vscode-testing-iconPassed, #73c991) 22%, transparent); }
  td.bad { background: color-mix(in srgb, var(--vscode-testing-iconFailed, #f14c4c) 35%, transparent); font-weight: 600; }
  td.empty { cursor: default; }
</style>
</head>
<body>
<p class="file" id="file"></p>
<p class="hint">${escapeHtml(t.hint)}</p>
<div id="tables"></div>
<script nonce="${n}">
  const vscode = acquireVsCodeApi();
  const T = ${JSON.stringify(t).replace(/</g, '\\u003c')};
  const root = document.getElementById('tables');
  function render(msg) {
    document.getElementById('file').textContent = msg.file || '';
    root.textContent = '';
    if (!msg.tables.length) { const p = document.createElement('p'); p.textContent = T.empty; root.appendChild(p); return; }
    for (const t of msg.tables) {
      const h = document.createElement('h2'); h.textContent = t.title; root.appendChild(h);
      const table = document.createElement('table'); table.dataset.kind = t.kind;
      for (const row of t.rows) {
        const tr = document.createElement('tr');
        for (const c of row) {
          const el = document.createElement(c.head ? 'th' : 'td');
          el.textContent = c.text;
          if (c.colspan) el.colSpan = c.colspan;
          if (c.rowspan) el.rowSpan = c.rowspan;
          const tip = [c.tip, c.status === 'ok' ? '✓ ' + T.ok : c.status === 'bad' ? '✗ ' + T.bad : ''].filter(Boolean).join('\\n');
          if (tip) el.title = tip;
          if (c.status) el.classList.add(c.status);
          if (!c.head && !c.range) el.classList.add('empty');
          if (c.range) { el.dataset.line = String(c.range.start.line); el.addEventListener('click', () => vscode.postMessage({ kind: 'select', range: c.range })); }
          tr.appendChild(el);
        }
        table.appendChild(tr);
      }
      root.appendChild(table);
    }
  }
  window.addEventListener('message', (e) => { if (e.data && e.data.kind === 'tables') render(e.data); });
  vscode.postMessage({ kind: 'ready' });
</script>
</body>
</html>`;
}
