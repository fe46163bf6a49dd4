// The reviewer's desk in VS Code: the command 检查工作区中的全部年报 (the server checks every report file of the
// workspace, open or not, and keeps the closed files' problems current), the tree view 年报 listing the reports
// with their year, form and counts, and a badge on report files with errors in the Explorer.
import * as vscode from 'vscode';
import { basenameOf } from './uri';
import { NotificationType, type BaseLanguageClient } from 'vscode-languageclient';
// The protocol's shapes, from the server (types only: nothing of the server is bundled into the client).
import type { WorkspaceEntry, WorkspaceSummary } from '../../server/src/workspace-check';

const ReportsNotification = new NotificationType<{ reports: WorkspaceEntry[]; summary: WorkspaceSummary }>('nianbao/workspaceReports');
const ProgressNotification = new NotificationType<{ done: number; total: number; uri: string }>('nianbao/workspaceProgress');


function formatLabel(format: string): string {
  switch (format) {
    case 'markdown':
      return 'Markdown';
    case 'html':
      return vscode.l10n.t('web page');
    case 'pdf':
      return 'PDF';
    case 'docx':
    case 'doc':
    case 'wps':
      return 'Word';
    default:
      return vscode.l10n.t('text');
  }
}

/** `3 个错误，1 个警告` / `无问题`. */
function countsText(e: Pick<WorkspaceEntry, 'errors' | 'warnings' | 'infos'>): string {
  const parts: string[] = [];
  if (e.errors) parts.push(vscode.l10n.t('{0} error(s)', e.errors));
  if (e.warnings) parts.push(vscode.l10n.t('{0} warning(s)', e.warnings));
  if (e.infos) parts.push(vscode.l10n.t('{0} info', e.infos));
  return parts.length ? parts.join(vscode.l10n.t(', ')) : vscode.l10n.t('no problems');
}

class ReportsTree implements vscode.TreeDataProvider<WorkspaceEntry>, vscode.FileDecorationProvider {
  private entries: WorkspaceEntry[] = [];
  private readonly byUri = new Map<string, WorkspaceEntry>();
  private readonly treeChanged = new vscode.EventEmitter<WorkspaceEntry | undefined>();
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeTreeData = this.treeChanged.event;
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;

  constructor(private readonly client: BaseLanguageClient) {}

  get list(): readonly WorkspaceEntry[] {
    return this.entries;
  }

  set(reports: WorkspaceEntry[]): void {
    const changed = new Set<string>([...this.byUri.keys()]);
    this.byUri.clear();
    // Reports with the most errors first, then those with warnings; the files that could not be read at the end.
    this.entries = reports
      .filter((e) => e.isReport || e.unreadable)
      .sort((a, b) => Number(!!a.unreadable) - Number(!!b.unreadable) || b.errors - a.errors || b.warnings - a.warnings || a.uri.localeCompare(b.uri));
    for (const e of this.entries) {
      const key = this.uriOf(e).toString();
      this.byUri.set(key, e);
      changed.add(key);
    }
    this.treeChanged.fire(undefined);
    this.decorationsChanged.fire([...changed].map((k) => vscode.Uri.parse(k)));
  }

  uriOf(e: WorkspaceEntry): vscode.Uri {
    return this.client.protocol2CodeConverter.asUri(e.uri);
  }

  getChildren(element?: WorkspaceEntry): WorkspaceEntry[] {
    return element ? [] : this.entries;
  }

  getTreeItem(e: WorkspaceEntry): vscode.TreeItem {
    const uri = this.uriOf(e);
    const item = new vscode.TreeItem(basenameOf(uri), vscode.TreeItemCollapsibleState.None);
    item.resourceUri = uri;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const where = folder ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : uri.fsPath;
    const year = e.year !== null ? vscode.l10n.t('{0} report', e.year) : vscode.l10n.t('year not found');
    if (e.unreadable) {
      item.description = vscode.l10n.t('could not be read');
      item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.tooltip = new vscode.MarkdownString().appendText(`${where}\n${vscode.l10n.t('Could not be read: {0}', e.unreadable)}`);
    } else {
      item.description = `${year} · ${formatLabel(e.format)} · ${countsText(e)}`;
      item.iconPath = e.errors
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : e.warnings
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
      const tip = new vscode.MarkdownString();
      tip.appendMarkdown(`**${escapeMarkdown(e.title ?? basenameOf(uri))}**\n\n`);
      tip.appendText(`${where}\n${year} · ${formatLabel(e.format)}\n${countsText(e)}`);
      item.tooltip = tip;
    }
    item.contextValue = ['pdf', 'docx', 'doc', 'wps'].includes(e.format) ? 'report binary' : 'report';
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
    return item;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const e = this.byUri.get(uri.toString());
    if (!e || e.unreadable || (!e.errors && !e.warnings)) return undefined;
    const tooltip = `${vscode.l10n.t('Annual report')} ${e.year ?? ''}: ${countsText(e)}`;
    // VS Code's own problem decorations already colour the file and count its problems (closed files' too,
    // once checked): then only the tooltip is added, never a second badge beside VS Code's.
    if (vscode.workspace.getConfiguration('problems', uri).get<boolean>('decorations.enabled', true)) return new vscode.FileDecoration(undefined, tooltip);
    const n = e.errors || e.warnings;
    const d = new vscode.FileDecoration(n > 99 ? '99+' : String(n), tooltip, new vscode.ThemeColor(e.errors ? 'list.errorForeground' : 'list.warningForeground'));
    d.propagate = false;
    return d;
  }
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** `onDisk`: the server reads the workspace's files (the desktop); the web-worker server cannot. */
export function registerWorkspaceCheck(context: vscode.ExtensionContext, client: BaseLanguageClient, output: vscode.LogOutputChannel, onDisk: boolean): void {
  const tree = new ReportsTree(client);
  const view = vscode.window.createTreeView('nianbao.reports', { treeDataProvider: tree, showCollapseAll: false });
  const updateBadge = (s: WorkspaceSummary | undefined) => {
    view.badge = s && s.withErrors ? { value: s.withErrors, tooltip: vscode.l10n.t('{0} report(s) with errors', s.withErrors) } : undefined;
    view.message = s && !s.reports && !s.unreadable ? vscode.l10n.t('No annual report was found in the workspace.') : undefined;
  };
  let progressListener: ((p: { done: number; total: number; uri: string }) => void) | undefined;
  let running: Promise<void> | undefined;

  const checkWorkspace = async (): Promise<void> => {
    if (!onDisk) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This needs VS Code on a computer (not in the browser): the reports are read from disk.'));
      return;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder of reports first (File > Open Folder).'));
      return;
    }
    if (running) return running;
    running = (async () => {
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the annual reports of the workspace'), cancellable: true },
        async (progress, token) => {
          let last = 0;
          progressListener = (p) => {
            const pct = p.total ? (p.done / p.total) * 100 : 100;
            progress.report({ increment: pct - last, message: `${p.done}/${p.total} ${basenameOf(client.protocol2CodeConverter.asUri(p.uri))}` });
            last = pct;
          };
          try {
            return (await client.sendRequest('nianbao/checkWorkspace', {}, token)) as WorkspaceSummary | null;
          } finally {
            progressListener = undefined;
          }
        },
      );
      if (!summary) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The workspace check failed; see the Nianbao output.'));
        return;
      }
      const reports = (await client.sendRequest('nianbao/workspaceReports', {})) as { reports: WorkspaceEntry[]; summary: WorkspaceSummary } | null;
      if (reports) tree.set(reports.reports);
      updateBadge(summary);
      output.info(`workspace check: ${JSON.stringify(summary)}`);
      await announce(summary);
    })().finally(() => (running = undefined));
    return running;
  };

  const announce = async (s: WorkspaceSummary): Promise<void> => {
    if (!s.reports) {
      void vscode.window.showInformationMessage(
        s.unreadable ? vscode.l10n.t('No annual report could be read in the workspace ({0} file(s) could not be read).', s.unreadable) : vscode.l10n.t('No annual report was found in the workspace.'),
      );
      return;
    }
    const head = s.cancelled ? vscode.l10n.t('Check stopped.') + ' ' : '';
    const body = s.withErrors
      ? vscode.l10n.t('{0} report(s) checked: {1} with errors ({2} error(s), {3} warning(s)).', s.reports, s.withErrors, s.errors, s.warnings)
      : s.warnings
        ? vscode.l10n.t('{0} report(s) checked: no errors, {1} warning(s).', s.reports, s.warnings)
        : vscode.l10n.t('{0} report(s) checked: no problems found.', s.reports);
    const unread = s.unreadable ? ' ' + vscode.l10n.t('{0} file(s) could not be read.', s.unreadable) : '';
    const problems = vscode.l10n.t('Show Problems');
    const list = vscode.l10n.t('Show the List');
    const show = s.errors || s.warnings ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const answer = await show(head + body + unread, problems, list);
    if (answer === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (answer === list) await vscode.commands.executeCommand('nianbao.reports.focus');
  };

  context.subscriptions.push(
    view,
    vscode.window.registerFileDecorationProvider(tree),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('problems.decorations.enabled')) tree.set([...tree.list]);
    }),
    vscode.commands.registerCommand('nianbao.checkWorkspace', checkWorkspace),
    client.onNotification(ProgressNotification, (p) => progressListener?.(p)),
    client.onNotification(ReportsNotification, (p) => {
      tree.set(p.reports);
      updateBadge(p.summary);
    }),
  );
}
