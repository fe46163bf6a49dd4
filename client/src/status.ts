// The status item of a report (`$(checklist) 年报 2024 · 2021 格式`), its tooltip, and the menu it opens: this
// report's year, format and problem counts, and what can be done next.
import * as vscode from 'vscode';
import { basenameOf } from './uri';

/** What the server says about a document it classified as a report. */
export interface ReportKind {
  year: number | null;
  template: '2021' | '2019' | 'legacy' | null;
}

/** Nianbao's problems of a document, by severity, as the Problems panel has them. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function countsOf(uri: vscode.Uri): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== 'nianbao') continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
    else if (d.severity === vscode.DiagnosticSeverity.Information) c.infos++;
    else c.hints++;
  }
  return c;
}

/** `$(checklist) 年报 2024 · 2021 格式` (English: `$(checklist) Annual report 2024 · 2021 format`). */
export function statusText(kind: ReportKind): string {
  let text = `$(checklist) ${vscode.l10n.t('Annual report')}`;
  if (kind.year !== null) text += ` ${kind.year}`;
  const template = templateLabel(kind.template);
  if (template) text += ` · ${template}`;
  return text;
}

export function statusTooltip(kind: ReportKind, counts: Counts): string {
  return [
    vscode.l10n.t('Nianbao checks this document as a government information disclosure annual report.'),
    yearLine(kind),
    formatLine(kind),
    countsLine(counts),
    vscode.l10n.t('Click for what can be done next.'),
  ].join('\n');
}

function yearLine(kind: ReportKind): string {
  return kind.year !== null ? vscode.l10n.t('Report year: {0}', kind.year) : vscode.l10n.t('Report year: not found');
}

function formatLine(kind: ReportKind): string {
  const template = templateLabel(kind.template);
  return template ? vscode.l10n.t('Template: {0}', template) : vscode.l10n.t('Template: not recognised');
}

/** `2 个错误，1 个警告，0 个信息` (hints only when there are some). */
export function countsLine(c: Counts): string {
  const parts = [vscode.l10n.t('{0} error(s)', c.errors), vscode.l10n.t('{0} warning(s)', c.warnings), vscode.l10n.t('{0} info', c.infos)];
  if (c.hints) parts.push(vscode.l10n.t('{0} hint(s)', c.hints));
  return parts.join(vscode.l10n.t(', '));
}

export function templateLabel(template: ReportKind['template']): string | undefined {
  switch (template) {
    case '2021':
    case '2019':
      return vscode.l10n.t('{0} format', template);
    case 'legacy':
      return vscode.l10n.t('legacy format');
    default:
      return undefined;
  }
}

interface MenuItem extends vscode.QuickPickItem {
  run?: () => Thenable<unknown>;
}

/** The status item's menu for the report `doc`. */
export async function showStatusMenu(doc: vscode.TextDocument, kind: ReportKind): Promise<void> {
  const counts = countsOf(doc.uri);
  const total = counts.errors + counts.warnings + counts.infos + counts.hints;
  const command = (id: string) => () => vscode.commands.executeCommand(id);
  const items: MenuItem[] = [
    { label: `$(calendar) ${yearLine(kind)}`, description: formatLine(kind) },
    {
      label: `$(error) ${countsLine(counts)}`,
      description: total ? vscode.l10n.t('show them in the Problems panel') : vscode.l10n.t('no problems found'),
      run: command('workbench.actions.view.problems'),
    },
    { label: vscode.l10n.t('Actions'), kind: vscode.QuickPickItemKind.Separator },
    { label: `$(wrench) ${vscode.l10n.t('Fix All Auto-Fixable Problems')}`, run: command('nianbao.fixAll') },
    ...(vscode.workspace.workspaceFolders?.length ? [{ label: `$(checklist) ${vscode.l10n.t('Check All Annual Reports in the Workspace')}`, run: command('nianbao.checkWorkspace') }] : []),
    { label: `$(settings-gear) ${vscode.l10n.t('Open Settings')}`, description: vscode.l10n.t('Nianbao settings'), run: command('nianbao.openSettings') },
    { label: `$(book) ${vscode.l10n.t('Open the Rule List')}`, description: vscode.l10n.t('what each check means, with examples'), run: command('nianbao.showRules') },
    { label: `$(output) ${vscode.l10n.t('Show Output')}`, description: vscode.l10n.t('the log of the checker'), run: command('nianbao.showOutput') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Annual report check: {0}', basenameOf(doc.uri)), placeHolder: statusText(kind).replace(/^\$\([a-z-]+\)\s*/, '') });
  await picked?.run?.();
}
