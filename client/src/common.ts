// What the desktop (Node) and the web (browser) clients share: the document selector, the status bar, the
// language switching and the commands. Each entry only says how to start the server (extension.ts: a Node
// process over IPC; browser.ts: a web worker) and imports its LanguageClient from the matching module; this
// file depends only on the platform-neutral API of vscode-languageclient.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLineStartSuggest } from './suggest';
import { outlineMiddleware } from './outline';
import { REPORT_VIEW, ReportViewProvider } from './report-view';
import { linkRulePages, RULE_LIST, RulePages } from './rules';
import { countsOf, showStatusMenu, statusText, statusTooltip, type ReportKind } from './status';
import { basenameOf } from './uri';
import { registerTables } from './tables';
import { registerWorkspaceCheck } from './workspace';
// The editor languages and file endings of reports, generated from the core's input formats (npm run gen).
import FORMATS from './formats.json';
import {
  ExecuteCommandRequest,
  NotificationType,
  RevealOutputChannelOn,
  type BaseLanguageClient,
  type DocumentSelector,
  type LanguageClientOptions,
} from 'vscode-languageclient';

const LANGUAGE_ID = 'nianbao';
/** Languages a report can be written in; the status bar item shows only for these. */
const REPORT_LANGUAGES = new Set(FORMATS.languageIds);

/** Sent by the server whenever it (re)classifies a document. */
interface DocumentKindParams extends ReportKind {
  uri: string;
  isReport: boolean;
}
const DocumentKindNotification = new NotificationType<DocumentKindParams>('nianbao/documentKind');

/** The Node LanguageClient has `restart()` (it waits for a debug port to be freed); the browser one has not. */
type PlatformClient = BaseLanguageClient & { restart?(): Promise<void> };

export interface ClientSetup {
  /** Makes the platform's LanguageClient with the shared options; `id` and `name` are passed through. */
  createClient(id: string, name: string, clientOptions: LanguageClientOptions): PlatformClient;
  /**
   * Whether the server reads files (`.nianbao.json`, last year's report): then the client watches them and
   * forwards their changes. The web-worker server has no file system.
   */
  watchFiles: boolean;
  /** URI schemes of the documents to check (the web also has `vscode-vfs` for repositories opened on vscode.dev). */
  schemes: string[];
  /** Where the rule pages are, so every diagnostic links to its page (the Node server finds them itself). */
  docsBase?: string;
}

let client: BaseLanguageClient | undefined;

export async function activateClient(context: vscode.ExtensionContext, setup: ClientSetup): Promise<void> {
  const output = vscode.window.createOutputChannel('Nianbao', { log: true });
  context.subscriptions.push(output);

  const documentSelector: DocumentSelector = [];
  for (const language of FORMATS.languageIds) {
    for (const scheme of setup.schemes) documentSelector.push({ language, scheme });
  }

  // The server re-reads `.nianbao.json`, `.nianbaoignore` and the reports on disk (the previous year's report,
  // and after a workspace check every report) when these change; it never runs anything from the workspace.
  const watchers = setup.watchFiles
    ? [
        vscode.workspace.createFileSystemWatcher('**/{.nianbao.json,.nianbaoignore}'),
        vscode.workspace.createFileSystemWatcher(`**/*.{${[...FORMATS.extensions, ...FORMATS.binaryExtensions].map((e) => e.slice(1)).join(',')}}`),
      ]
    : [];
  context.subscriptions.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { configurationSection: 'nianbao', ...(watchers.length ? { fileEvents: watchers } : {}) },
    initializationOptions: { locale: vscode.env.language, clientCommands: ['nianbao.disableRuleInWorkspace'], ...(setup.docsBase ? { docsBase: setup.docsBase } : {}) },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: 'nianbao',
    middleware: {
      // One outline for a Markdown report (outline.ts).
      ...outlineMiddleware,
      // A rule code opens the rule's page rendered (rules.ts), not the raw .md file the server links.
      handleDiagnostics: (uri, diagnostics, next) => next(uri, linkRulePages(diagnostics)),
    },
  };
  const rulePages = new RulePages(context.extensionUri);
  context.subscriptions.push(rulePages);

  // The id 'nianbao' makes the client honour the `nianbao.trace.server` setting.
  const languageClient = setup.createClient('nianbao', 'Nianbao', clientOptions);
  client = languageClient;

  const kinds = new Map<string, DocumentKindParams>();
  const tables = registerTables(context, languageClient, { isReport: (doc) => REPORT_LANGUAGES.has(doc.languageId) && !!kinds.get(doc.uri.toString())?.isReport });
  /** Documents already switched to the Nianbao language: never switch one twice. */
  const switched = new Set<string>();

  const status = vscode.window.createStatusBarItem('nianbao.status', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('Nianbao annual report');
  status.command = 'nianbao.showStatus';
  context.subscriptions.push(status);

  /** The active editor's report and what the server said about it. */
  const activeReport = (): { doc: vscode.TextDocument; kind: DocumentKindParams } | undefined => {
    const doc = vscode.window.activeTextEditor?.document;
    const kind = doc && REPORT_LANGUAGES.has(doc.languageId) ? kinds.get(doc.uri.toString()) : undefined;
    return doc && kind?.isReport ? { doc, kind } : undefined;
  };
  const updateStatus = (): void => {
    const active = activeReport();
    if (!active) {
      status.hide();
      return;
    }
    status.text = statusText(active.kind);
    status.tooltip = statusTooltip(active.kind, countsOf(active.doc.uri));
    status.show();
  };

  const maybeSwitchLanguage = async (doc: vscode.TextDocument): Promise<void> => {
    const key = doc.uri.toString();
    if (doc.languageId !== 'plaintext' || switched.has(key)) return;
    if (!vscode.workspace.getConfiguration('nianbao', doc).get<boolean>('autoSwitchLanguage', true)) return;
    switched.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    } catch (err) {
      output.appendLine(vscode.l10n.t('Could not switch {0} to the Nianbao language: {1}', key, errorMessage(err)));
    }
  };

  languageClient.onNotification(DocumentKindNotification, (params) => {
    const key = languageClient.protocol2CodeConverter.asUri(params.uri).toString();
    if (params.isReport) kinds.set(key, params);
    else kinds.delete(key);
    updateStatus();
    tables.kindsChanged();
    if (!params.isReport) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (doc) void maybeSwitchLanguage(doc);
  });

  registerLineStartSuggest(context, (uri) => kinds.get(uri.toString())?.isReport === true);

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => void warnIfMisdecoded(doc)),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidOpenTextDocument(updateStatus),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = activeReport();
      if (active && e.uris.some((u) => u.toString() === active.doc.uri.toString())) updateStatus();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      // Changing a document's language closes and reopens it under the same URI; keep what we know
      // while an editor tab still shows it, so a document is switched once and the status stays.
      if (!isShownInTab(doc.uri)) {
        const key = doc.uri.toString();
        kinds.delete(key);
        switched.delete(key);
      }
      updateStatus();
    }),
    vscode.commands.registerCommand('nianbao.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('nianbao.showStatus', async () => {
      const active = activeReport();
      if (active) await showStatusMenu(active.doc, active.kind);
      else void vscode.window.showInformationMessage(vscode.l10n.t('Open a report first.'));
    }),
    vscode.commands.registerCommand('nianbao.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:nianbao.nianbao')),
    vscode.commands.registerCommand('nianbao.showRules', () => rulePages.show(RULE_LIST)),
    vscode.commands.registerCommand('nianbao.showRule', (id?: unknown) => rulePages.show(typeof id === 'string' ? id : RULE_LIST)),
    vscode.commands.registerCommand('nianbao.fixAll', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !REPORT_LANGUAGES.has(doc.languageId)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a report first.'));
        return;
      }
      const answer = await languageClient.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.fixAll', arguments: [languageClient.code2ProtocolConverter.asUri(doc.uri)] });
      const message = (answer as { message?: unknown } | null)?.message;
      void vscode.window.showInformationMessage(typeof message === 'string' ? message : vscode.l10n.t('This document is not checked as an annual report.'));
    }),
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      try {
        if (!languageClient.isRunning()) await languageClient.start();
        else if (languageClient.restart) await languageClient.restart();
        else {
          await languageClient.stop();
          await languageClient.start();
        }
        output.appendLine(vscode.l10n.t('Nianbao language server restarted.'));
      } catch (err) {
        const message = vscode.l10n.t('Nianbao: the language server could not be restarted: {0}', errorMessage(err));
        output.appendLine(message);
        void vscode.window.showErrorMessage(message);
      }
    }),
  );

  registerCommands(context, languageClient);
  registerWorkspaceCheck(context, languageClient, output, setup.watchFiles);
  for (const doc of vscode.workspace.textDocuments) void warnIfMisdecoded(doc);

  // PDF and Word files: the read-only report view, and the command that turns one into a Markdown draft.
  let markReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const reportView = new ReportViewProvider(languageClient, ready);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(REPORT_VIEW, reportView, { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: false }),
    vscode.commands.registerCommand('nianbao.convertToDraft', (uri?: vscode.Uri) => reportView.convertToDraft(uri)),
  );

  try {
    await languageClient.start();
  } catch (err) {
    const message = vscode.l10n.t('Nianbao: the language server could not be started: {0}', errorMessage(err));
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
  } finally {
    markReady();
  }
  updateStatus();
}

/** Documents already warned about their encoding (one message per document). */
const encodingWarned = new Set<string>();

/**
 * A report from Chinese Windows saved in GBK and opened as UTF-8 shows as mojibake (replacement characters):
 * one message says so and offers VS Code's "Reopen with Encoding", where GB18030 reads it right.
 */
async function warnIfMisdecoded(doc: vscode.TextDocument): Promise<void> {
  if (!REPORT_LANGUAGES.has(doc.languageId) || doc.uri.scheme === 'git') return;
  const key = doc.uri.toString();
  if (encodingWarned.has(key)) return;
  const text = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 2000), 0));
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  if (bad < 8 || bad < text.length / 200) return;
  encodingWarned.add(key);
  const reopen = vscode.l10n.t('Reopen with Encoding…');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} does not read as UTF-8 ({1} characters could not be decoded): it is probably saved in GBK. Choose "Reopen with Encoding", then "Simplified Chinese (GB18030)".', basenameOf(doc.uri), bad),
    reopen,
  );
  if (answer !== reopen) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
}

export async function deactivateClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.needsStop()) await c.stop();
}

function isShownInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (input instanceof vscode.TabInputText && input.uri.toString() === key) return true;
      if (input instanceof vscode.TabInputTextDiff && (input.original.toString() === key || input.modified.toString() === key)) return true;
    }
  }
  return false;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
