// What the end-to-end scenarios work on, shared by the real-editor suite (test/e2e/editor.e2e.ts, through
// the screen) and the VS Code API suite (test/electron/suite/, through `vscode.*`). Plain Node: no
// browser, no VS Code API here.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The label of table 三's first row, whose 总计 the scenarios break, fix and hover. */
export const NEW_REQUESTS_ROW = '一、本年新收政府信息公开申请数量';

/** The shared seeds with problems, and the correct one (repo copies in examples/). */
export const SEEDS_WITH_PROBLEMS = ['xibao-2023.txt', 'pingluo-2024.txt'] as const;
export const CORRECT_SEED = 'haiyuan-xian-2024.txt';
export const examplePath = (root: string, name: string): string => join(root, 'examples', name);

/**
 * A correct report whose table 三 has numbers other than 0 (the new-requests row: 5 1 0 0 0 0 | 6), for the
 * scenarios that break and explain a total. (In the shared seeds every table-三 number is 0, or the 总计
 * column is missing.)
 */
export const BALANCED_REPORT = 'hekou-2024.txt';
export const balancedReportPath = (root: string): string => join(root, 'test', 'fixtures', 'cross-year', BALANCED_REPORT);

/** A Markdown draft whose section 三 is empty (a heading and a blank line): the insert-table scenario. */
export const DRAFT = 'draft-2024.md';
export const draftPath = (root: string): string => join(root, 'test', 'e2e', 'fixtures', DRAFT);

/** The language mode a plain-text report switches to, as the status bar shows it. */
export const LANGUAGE_LABEL = 'Nianbao 年报';

export interface Cell {
  /** 1-based. */
  line: number;
  /** 1-based, in characters (UTF-16 code units), as Ctrl+G and the Problems panel count. */
  column: number;
  text: string;
}

/** The `n`-th (0-based; -1 for the last) number cell of the tab-separated line starting with `label`. */
export function cellPosition(text: string, label: string, n: number): Cell {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(label));
  if (i < 0) throw new Error(`no line starting ${label}`);
  const cells = [...lines[i].matchAll(/(?<=\t)\d+(?=\t|\r?$)/g)];
  const cell = n < 0 ? cells[cells.length + n] : cells[n];
  if (cell?.index === undefined) throw new Error(`no number ${n} in ${JSON.stringify(lines[i])}`);
  return { line: i + 1, column: cell.index + 1, text: cell[0] };
}

/** The numbers of a table line after its row label (tabs, spaces, pipes aside). */
export function numbersOf(line: string, label: string): number[] {
  return line.replace(/\u00a0/g, ' ').slice(line.indexOf(label) + label.length).split(/[\s|]+/).filter((c) => /^\d+$/.test(c)).map(Number);
}

/** `text` with `cell` replaced by `value`. */
export function replaceAt(text: string, cell: Cell, value: string): string {
  return text.split('\n').map((l, i) => (i === cell.line - 1 ? l.slice(0, cell.column - 1) + value + l.slice(cell.column - 1 + cell.text.length) : l)).join('\n');
}

/** The new-requests row of `text`: its 总计 cell, its seven numbers and the sum of the six applicant columns. */
export function newRequestsRow(text: string): { total: Cell; numbers: number[]; sum: number } {
  const total = cellPosition(text, NEW_REQUESTS_ROW, -1);
  const numbers = numbersOf(text.split('\n')[total.line - 1], NEW_REQUESTS_ROW);
  return { total, numbers, sum: numbers.slice(0, 6).reduce((x, y) => x + y, 0) };
}

/** What the hover on a table-三 row's 总计 explains (before `✓` or `（现为 N）`). */
export function totalExplanation(numbers: number[]): string {
  const parts = numbers.slice(0, 6);
  return `应等于自然人至其他六列之和：${parts.join(' + ')} = ${parts.reduce((x, y) => x + y, 0)}`;
}

/** The title of the quick fix that sets a table-三 row's 总计 to the sum. */
export const setTotalFixTitle = (sum: number): string => `将“总计”改为 ${sum}（各列之和）`;

/** The code lens above a table whose identities all hold. */
export const BALANCED_LENS = '勾稽关系：平衡';

/** `.nianbao.json` of the API suite's workspace as it is on disk (the disable-rule scenario edits it unsaved first). */
export const DISABLE_RULE_CONFIG_ON_DISK = '{\n  "deadline": "01-31"\n}\n';

/**
 * Fills `ws` with what the VS Code API suite (test/electron/suite/) opens: a folder per scenario, and
 * `"nianbao.locale": "zh-cn"` so that the messages are Chinese whatever VS Code's display language.
 */
export function makeApiWorkspace(root: string, ws: string): void {
  const put = (folder: string, name: string, from: string): void => {
    mkdirSync(join(ws, folder), { recursive: true });
    copyFileSync(from, join(ws, folder, name));
  };
  for (const seed of SEEDS_WITH_PROBLEMS) put(`seed-${seed.replace(/\.txt$/, '')}`, seed, examplePath(root, seed));
  put('correct-report', CORRECT_SEED, examplePath(root, CORRECT_SEED));
  put('break-total', BALANCED_REPORT, balancedReportPath(root));
  put('hover-total', BALANCED_REPORT, balancedReportPath(root));
  put('insert-table', DRAFT, draftPath(root));
  put('disable-rule', SEEDS_WITH_PROBLEMS[0], examplePath(root, SEEDS_WITH_PROBLEMS[0]));
  writeFileSync(join(ws, '.nianbao.json'), DISABLE_RULE_CONFIG_ON_DISK);
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'nianbao.locale': 'zh-cn' }, null, 2));
}
