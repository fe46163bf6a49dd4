// The rule pages (docs/rules/<id>.md, shipped with the extension) shown rendered and read-only in one webview
// titled in the user's language, never as an editable file inside the extension's folder. Every problem's rule
// code (Problems panel, hover) links here: the server's link to the .md file is turned into a command link.
import * as vscode from 'vscode';
import { escapeHtml } from './html';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The page listing every rule (docs/rules/README.md). */
export const RULE_LIST = 'README';

/** `command:nianbao.showRule?["<id>"]`: what a rule code opens. */
export function ruleLink(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:nianbao.showRule?${encodeURIComponent(JSON.stringify([id]))}`);
}

/** Nianbao's problems with their rule code linked to the rendered page (the server links the raw .md file). */
export function linkRulePages(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    if (d.source !== 'nianbao' || typeof d.code !== 'object' || !RULE_ID.test(String(d.code.value))) continue;
    d.code = { value: d.code.value, target: ruleLink(String(d.code.value)) };
  }
  return diagnostics;
}

export class RulePages implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Shows the page of rule `id` (or the rule list) in the rule-page webview, beside the report. */
  async show(id: string = RULE_LIST): Promise<void> {
    if (id !== RULE_LIST && !RULE_ID.test(id)) return;
    const file = vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${id}.md`);
    let markdown: string;
    try {
      markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('There is no page for the rule {0}.', id));
      return;
    }
    // The built-in Markdown extension renders; without it, its preview of the file (read-only too).
    const body = await Promise.resolve(vscode.commands.executeCommand<string>('markdown.api.render', markdown)).catch(() => undefined);
    if (typeof body !== 'string') {
      await vscode.commands.executeCommand('markdown.showPreview', file);
      return;
    }
    const title = id === RULE_LIST ? vscode.l10n.t('Nianbao: all rules') : vscode.l10n.t('Rule: {0}', id);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('nianbao.rulePage', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: false,
        enableFindWidget: true,
        // Links between the pages open the other page here.
        enableCommandUris: ['nianbao.showRule'],
        localResourceRoots: [],
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'docs', 'images', 'icon.png');
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal(undefined, false);
    }
    this.panel.title = title;
    this.panel.webview.html = page(title, linkPages(body), this.panel.webview.cspSource);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** `href="other-rule.md"` (and README.md) → the command that shows that page here. */
function linkPages(html: string): string {
  return html.replace(/href="([a-z0-9-]+|README)\.md(#[^"]*)?"/gi, (all, id: string) =>
    id === RULE_LIST || RULE_ID.test(id) ? `href="${ruleLink(id).toString()}"` : all);
}

function page(title: string, body: string, cspSource: string): string {
  const escaped = escapeHtml(title);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} https: data:; style-src 'unsafe-inline';">
<title>${escaped}</title>
<style>
body { font-family: var(--vscode-markdown-font-family, var(--vscode-font-family)); font-size: 14px; line-height: 1.7; max-width: 60em; padding: 0 24px 40px; }
h1, h2 { border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: .3em; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px 12px; overflow-x: auto; }
pre code { padding: 0; background: none; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 4px 8px; text-align: left; vertical-align: top; }
a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>
${body}
</body>
</html>`;
}
