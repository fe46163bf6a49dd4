// The command line where the user is (desktop only): the packaged extension carries the CLI (dist/cli.js); a
// task `nianbao: 检查工作区中的全部年报` runs it with problem matchers that fill the Problems panel from its
// `path:line:col  错误  message  rule` lines, and the command 在终端中使用命令行检查 opens a terminal where
// `nianbao` works (a small launcher in the extension's storage, put first on that terminal's PATH).
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import * as vscode from 'vscode';

const TASK_TYPE = 'nianbao';
const MATCHERS = ['$nianbao-error', '$nianbao-warning', '$nianbao-info'];

interface NianbaoTaskDefinition extends vscode.TaskDefinition {
  paths?: string[];
  args?: string[];
}

/** `zh-cn` unless the user asked for English (the setting, or VS Code's display language). */
function cliLocale(): string {
  const setting = vscode.workspace.getConfiguration('nianbao').get<string>('locale', 'auto');
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return vscode.env.language.toLowerCase().startsWith('en') ? 'en' : 'zh-cn';
}

/** Runs the bundled CLI with the Node inside VS Code (Electron as Node), so nothing needs installing. */
function cliExecution(cli: string, args: string[], cwd: string): vscode.ProcessExecution {
  return new vscode.ProcessExecution(process.execPath, [cli, ...args], { cwd, env: { ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
}

function taskFor(cli: string, folder: vscode.WorkspaceFolder, definition: NianbaoTaskDefinition): vscode.Task {
  const args = ['check', ...(definition.paths?.length ? definition.paths : ['.']), '--locale', cliLocale(), ...(definition.args ?? [])];
  const task = new vscode.Task(definition, folder, vscode.l10n.t('Check all annual reports in the workspace'), 'nianbao', cliExecution(cli, args, folder.uri.fsPath), MATCHERS);
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

/** A `nianbao` launcher (sh and cmd) that runs the bundled CLI with VS Code's own Node. */
function writeLauncher(dir: string, cli: string): void {
  mkdirSync(dir, { recursive: true });
  const node = process.execPath;
  writeFileSync(join(dir, 'nianbao'), `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec "${node}" "${cli}" "$@"\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'nianbao.cmd'), `@echo off\r\nset ELECTRON_RUN_AS_NODE=1\r\n"${node}" "${cli}" %*\r\n`);
}

export function registerCli(context: vscode.ExtensionContext): void {
  const cli = context.asAbsolutePath(join('dist', 'cli.js'));
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((f) => taskFor(cli, f, { type: TASK_TYPE })),
      resolveTask(task) {
        const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
        return folder ? taskFor(cli, folder, task.definition as NianbaoTaskDefinition) : undefined;
      },
    }),
    vscode.commands.registerCommand('nianbao.cliInTerminal', async () => {
      const dir = join(context.globalStorageUri.fsPath, 'bin');
      try {
        writeLauncher(dir, cli);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not prepare the nianbao command: {0}', e instanceof Error ? e.message : String(e)));
        return;
      }
      const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      const terminal = vscode.window.createTerminal({
        name: vscode.l10n.t('Nianbao command line'),
        ...(cwd ? { cwd } : {}),
        env: { PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` },
        iconPath: new vscode.ThemeIcon('checklist'),
      });
      terminal.show();
      terminal.sendText(`nianbao check --help`, true);
      // Typed, not run: the user sees the command and presses Enter.
      terminal.sendText(`nianbao check . --locale ${cliLocale()}`, false);
      const runTask = vscode.l10n.t('Run as a Task');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('In this terminal, `nianbao check .` checks every report of the folder (press Enter to run it); `--format html --output 总览.html` writes an overview to send, `--fix` corrects what can be corrected safely. The same check runs as the task “nianbao: Check all annual reports in the workspace”, whose problems go to the Problems panel.'),
        runTask,
      );
      if (answer === runTask) await vscode.commands.executeCommand('workbench.action.tasks.runTask', { type: TASK_TYPE, task: vscode.l10n.t('Check all annual reports in the workspace') });
    }),
  );
}
