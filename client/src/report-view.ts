// The read-only report view of PDF and Word files (a custom editor): the client reads the file's bytes, the
// server reads the report out of them, checks it and publishes its problems (the Problems panel lists them
// under the file); this view shows the extracted report with those problems marked, and offers to convert it
// into a Markdown draft beside it. No reading or checking here.
import * as vscode from 'vscode';
import { escapeHtml, nonce } from './html';
import { basenameOf } from './uri';
import type { BaseLanguageClient } from 'vscode-languageclient';

export const REPORT_VIEW = 'nianbao.reportView';
const MAX_BYTES = 64 * 1024 * 1024;

interface ViewCell {
  text: string;
  start: number;
  end: number;
  colspan: number;
  rowspan: number;
}
type ViewLine =
  | { kind: 'text'; line: number; text: string; offset: number; heading: boolean }
  | { kind: 'row'; line: number; cells: ViewCell[] }
  | { kind: 'tableEnd' }
  | { kind: 'page'; page: number };

type OpenFileResult =
  | {
      ok: true;
      source: 'pdf' | 'docx' | 'text' | 'html';
      pages: number | null;
      report: { isReport: boolean; year: number | null; template: string | null; title: string | null } | null;
      lines: ViewLine[];
    }
  | { ok: false; reason: string; message: string };

const esc = escapeHtml;

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const SEVERITY_CLASS: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function severityName(s: vscode.DiagnosticSeverity): string {
  switch (s) {
    case vscode.DiagnosticSeverity.Error:
      return vscode.l10n.t('Error');
    case vscode.DiagnosticSeverity.Warning:
      return vscode.l10n.t('Warning');
    case vscode.DiagnosticSeverity.Information:
      return vscode.l10n.t('Info');
    default:
      return vscode.l10n.t('Hint');
  }
}

class ReportDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {}
  dispose(): void {
    this.onDispose();
  }
}

export class ReportViewProvider implements vscode.CustomReadonlyEditorProvider<ReportDocument> {
  constructor(
    private readonly client: BaseLanguageClient,
    private readonly ready: Promise<void>,
  ) {}

  private uriOf(uri: vscode.Uri): string {
    return this.client.code2ProtocolConverter.asUri(uri);
  }

  openCustomDocument(uri: vscode.Uri): ReportDocument {
    return new ReportDocument(uri, () => {
      if (this.client.isRunning()) void this.client.sendRequest('nianbao/closeFile', { uri: this.uriOf(uri) }).catch(() => undefined);
    });
  }

  async resolveCustomEditor(document: ReportDocument, panel: vscode.WebviewPanel): Promise<void> {
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false };
    const uri = document.uri;
    let result: OpenFileResult | undefined;
    const render = () => {
      webview.html = result ? page(webview, uri, result, vscode.languages.getDiagnostics(uri)) : loading(webview, uri);
    };
    const load = async () => {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BYTES) {
          result = { ok: false, reason: 'tooLarge', message: vscode.l10n.t('the file is larger than {0} MB', MAX_BYTES / 1024 / 1024) };
        } else {
          const bytes = await vscode.workspace.fs.readFile(uri);
          await this.ready;
          result = await this.client.sendRequest<OpenFileResult>('nianbao/openFile', { uri: this.uriOf(uri), data: toBase64(bytes) });
        }
      } catch (err) {
        result = { ok: false, reason: 'error', message: err instanceof Error ? err.message : String(err) };
      }
      render();
    };
    render();
    void load();

    const key = uri.toString();
    const folder = vscode.Uri.joinPath(uri, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.slice(uri.path.lastIndexOf('/') + 1)));
    const subscriptions: vscode.Disposable[] = [
      watcher,
      watcher.onDidChange(() => void load()),
      watcher.onDidCreate(() => void load()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (result?.ok && e.uris.some((u) => u.toString() === key)) render();
      }),
      webview.onDidReceiveMessage((m: { type: string; href?: string }) => {
        if (m.type === 'convert') void vscode.commands.executeCommand('nianbao.convertToDraft', uri);
        else if (m.type === 'reload') void load();
        else if (m.type === 'rule' && m.href) void vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(m.href));
      }),
    ];
    panel.onDidDispose(() => subscriptions.forEach((s) => s.dispose()));
  }

  /** 转换为可编辑草稿: the report read out of a PDF or Word file, as a Markdown file beside it, opened. */
  async convertToDraft(target?: vscode.Uri): Promise<void> {
    const uri = target ?? activeReportView();
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a PDF or Word report first.'));
      return;
    }
    await this.ready;
    let draft = await this.client.sendRequest<string | null>('nianbao/draft', { uri: this.uriOf(uri) });
    if (draft === null) {
      // Not open in the report view: read it now.
      const bytes = await vscode.workspace.fs.readFile(uri);
      const opened = await this.client.sendRequest<OpenFileResult>('nianbao/openFile', { uri: this.uriOf(uri), data: toBase64(bytes) });
      draft = opened.ok ? await this.client.sendRequest<string | null>('nianbao/draft', { uri: this.uriOf(uri) }) : null;
      if (!opened.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Nianbao could not read {0}: {1}', basenameOf(uri), opened.message));
        return;
      }
    }
    if (draft === null) return;
    const target_ = vscode.Uri.joinPath(uri, '..', basenameOf(uri).replace(/\.[^.]+$/, '') + '.md');
    if (await exists(target_)) {
      const overwrite = vscode.l10n.t('Overwrite');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Overwrite it with a new draft?', basenameOf(target_)), { modal: true }, overwrite);
      if (answer !== overwrite) return;
    }
    await vscode.workspace.fs.writeFile(target_, new TextEncoder().encode(draft));
    await vscode.window.showTextDocument(target_);
  }
}


async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function activeReportView(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === REPORT_VIEW ? input.uri : undefined;
}

function shell(webview: vscode.Webview, body: string, script = ''): string {
  const n = nonce();
  return `<!DOCTYPE html><html lang="${esc(vscode.env.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${n}';">
<style>${CSS}</style></head><body>${body}<script nonce="${n}">${script}</script></body></html>`;
}

function loading(webview: vscode.Webview, uri: vscode.Uri): string {
  return shell(webview, `<header><h1>${esc(basenameOf(uri))}</h1><p class="meta">${esc(vscode.l10n.t('Reading the report…'))}</p></header>`);
}

function page(webview: vscode.Webview, uri: vscode.Uri, r: OpenFileResult, diagnostics: readonly vscode.Diagnostic[]): string {
  if (!r.ok) {
    const body = `<header><h1>${esc(basenameOf(uri))}</h1></header>
<div class="unread"><p class="big">${esc(vscode.l10n.t('Not read, not checked'))}</p><p>${esc(r.message)}</p>
<p class="meta">${esc(vscode.l10n.t('Nianbao does not call a report fine that it could not read.'))}</p><button id="reload">${esc(vscode.l10n.t('Read again'))}</button></div>`;
    return shell(webview, body, SCRIPT);
  }
  const sorted = [...diagnostics].sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line);
  const byLine = new Map<number, vscode.Diagnostic[]>();
  for (const d of diagnostics) byLine.set(d.range.start.line, [...(byLine.get(d.range.start.line) ?? []), d]);
  const counts = [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Hint].map(
    (s) => [s, diagnostics.filter((d) => d.severity === s).length] as const,
  );
  const summary = diagnostics.length
    ? counts
        .filter(([, n]) => n)
        .map(([s, n]) => `<span class="${SEVERITY_CLASS[s]}">${esc(vscode.l10n.t('{0} × {1}', severityName(s), n))}</span>`)
        .join(' ')
    : `<span class="ok">${esc(vscode.l10n.t('No problems found'))}</span>`;
  const source = r.source === 'pdf' ? (r.pages ? vscode.l10n.t('PDF, {0} pages', r.pages) : 'PDF') : r.source === 'docx' ? vscode.l10n.t('Word document') : r.source;
  const report = r.report?.isReport
    ? [r.report.year ? vscode.l10n.t('Report year: {0}', r.report.year) : vscode.l10n.t('Report year: not found'), r.report.template ? vscode.l10n.t('{0} format', r.report.template) : ''].filter(Boolean).join(' · ')
    : vscode.l10n.t('Not recognised as an annual report');
  const problems = sorted
    .map((d) => {
      const href = typeof d.code === 'object' && d.code.target ? d.code.target.toString() : '';
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
      return `<li class="${SEVERITY_CLASS[d.severity]}" data-line="${d.range.start.line}"><span class="sev">${esc(severityName(d.severity))}</span> <span class="msg">${esc(d.message)}</span> ${href ? `<a class="rule" data-href="${esc(href)}">${esc(code)}</a>` : `<span class="rule">${esc(code)}</span>`}</li>`;
    })
    .join('');
  const body = `<header><h1>${esc(r.report?.title ?? basenameOf(uri))}</h1>
<p class="meta">${esc(basenameOf(uri))} · ${esc(source)} · ${esc(report)}</p>
<p class="summary">${summary}</p>
<p class="actions"><button id="convert">${esc(vscode.l10n.t('Convert to an editable draft'))}</button> <span class="meta">${esc(vscode.l10n.t('This is the text read out of the file; it cannot be edited here.'))}</span></p></header>
${problems ? `<section class="problems"><h2>${esc(vscode.l10n.t('Problems'))}</h2><ol>${problems}</ol></section>` : ''}
<section class="doc">${documentHtml(r.lines, byLine)}</section>`;
  return shell(webview, body, SCRIPT);
}

function marked(text: string, from: number, to: number, cls: string, title: string): string {
  const a = Math.max(0, Math.min(text.length, from));
  const b = Math.max(a + 1, Math.min(text.length, to));
  if (a >= text.length) return `${esc(text)}<mark class="${cls}" title="${esc(title)}">&#8203;</mark>`;
  return `${esc(text.slice(0, a))}<mark class="${cls}" title="${esc(title)}">${esc(text.slice(a, b))}</mark>${esc(text.slice(b))}`;
}

function documentHtml(lines: ViewLine[], byLine: Map<number, vscode.Diagnostic[]>): string {
  let out = '';
  let table = false;
  for (const l of lines) {
    if (l.kind === 'page') {
      if (table) out += '</table>';
      table = false;
      out += `<div class="page">${esc(vscode.l10n.t('Page {0}', l.page))}</div>`;
      continue;
    }
    if (l.kind === 'tableEnd') {
      if (table) out += '</table>';
      table = false;
      continue;
    }
    const ds = byLine.get(l.line) ?? [];
    const worst = ds.length ? SEVERITY_CLASS[Math.min(...ds.map((d) => d.severity)) as vscode.DiagnosticSeverity] : '';
    const title = ds.map((d) => d.message).join('\n');
    if (l.kind === 'row') {
      if (!table) out += '<table>';
      table = true;
      const cells = l.cells
        .map((c) => {
          const hit = ds.filter((d) => (d.range.start.character >= c.start && d.range.start.character < Math.max(c.end, c.start + 1)) || (d.range.end.line > d.range.start.line && c === l.cells[0]));
          const cls = hit.length ? ` class="${SEVERITY_CLASS[Math.min(...hit.map((d) => d.severity)) as vscode.DiagnosticSeverity]}" title="${esc(hit.map((d) => d.message).join('\n'))}"` : '';
          return `<td${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${cls}>${esc(c.text)}</td>`;
        })
        .join('');
      out += `<tr id="L${l.line}">${cells}</tr>`;
      continue;
    }
    if (table) out += '</table>';
    table = false;
    let html = esc(l.text);
    const d = ds[0];
    if (d) {
      const to = d.range.end.line === d.range.start.line ? d.range.end.character - l.offset : l.text.length;
      html = marked(l.text, d.range.start.character - l.offset, to, worst, title);
    }
    out += l.heading ? `<h3 id="L${l.line}" class="line">${html}</h3>` : `<p id="L${l.line}" class="line">${html}</p>`;
  }
  if (table) out += '</table>';
  return out;
}

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.getElementById('convert')?.addEventListener('click', () => vscode.postMessage({ type: 'convert' }));
document.getElementById('reload')?.addEventListener('click', () => vscode.postMessage({ type: 'reload' }));
for (const li of document.querySelectorAll('.problems li')) {
  li.addEventListener('click', (e) => {
    const a = e.target.closest('a.rule');
    if (a) { vscode.postMessage({ type: 'rule', href: a.dataset.href }); return; }
    const el = document.getElementById('L' + li.dataset.line);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
  });
}`;

const CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 24px 48px; max-width: 980px; line-height: 1.7; }
header { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 12px 0 8px; border-bottom: 1px solid var(--vscode-panel-border); z-index: 1; }
h1 { font-size: 1.4em; margin: 0 0 4px; }
h2 { font-size: 1.1em; margin: 16px 0 6px; }
h3 { font-size: 1.05em; margin: 12px 0 4px; }
.meta { color: var(--vscode-descriptionForeground); margin: 2px 0; }
.summary span { margin-right: 12px; font-weight: 600; }
.summary .error, li.error .sev { color: var(--vscode-editorError-foreground); }
.summary .warning, li.warning .sev { color: var(--vscode-editorWarning-foreground); }
.summary .info, .summary .hint, li.info .sev, li.hint .sev { color: var(--vscode-editorInfo-foreground); }
.summary .ok { color: var(--vscode-testing-iconPassed, #388a34); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-hoverBackground); }
.problems ol { margin: 0; padding-left: 1.6em; }
.problems li { cursor: pointer; padding: 2px 0; }
.problems li:hover .msg { text-decoration: underline; }
.sev { font-weight: 600; }
.rule { color: var(--vscode-textLink-foreground); margin-left: 6px; font-size: 0.9em; }
.doc { font-family: var(--vscode-editor-font-family), "Noto Serif CJK SC", SimSun, serif; }
.doc p { margin: 2px 0; }
.page { color: var(--vscode-descriptionForeground); border-top: 1px dashed var(--vscode-panel-border); margin: 16px 0 8px; padding-top: 2px; font-size: 0.85em; text-align: right; }
table { border-collapse: collapse; margin: 8px 0; font-size: 0.92em; }
td { border: 1px solid var(--vscode-panel-border, #888); padding: 2px 6px; text-align: center; min-width: 1.5em; }
td.error, td.warning, td.info, td.hint { outline: 2px solid; outline-offset: -2px; }
td.error { outline-color: var(--vscode-editorError-foreground); background: color-mix(in srgb, var(--vscode-editorError-foreground) 15%, transparent); }
td.warning { outline-color: var(--vscode-editorWarning-foreground); background: color-mix(in srgb, var(--vscode-editorWarning-foreground) 15%, transparent); }
td.info, td.hint { outline-color: var(--vscode-editorInfo-foreground); }
mark { background: none; color: inherit; text-decoration: underline wavy; text-underline-offset: 3px; }
mark.error { text-decoration-color: var(--vscode-editorError-foreground); }
mark.warning { text-decoration-color: var(--vscode-editorWarning-foreground); }
mark.info, mark.hint { text-decoration-color: var(--vscode-editorInfo-foreground); }
.flash { animation: flash 1.2s; }
@keyframes flash { from { background: var(--vscode-editor-findMatchHighlightBackground); } to { background: transparent; } }
.unread { margin-top: 24px; }
.unread .big { font-size: 1.2em; font-weight: 600; color: var(--vscode-editorError-foreground); }
`;
