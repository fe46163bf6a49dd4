// Which files a `nianbao check` looks at: the paths named, and the report files found in folders, less what
// `.nianbaoignore` (in the current directory, gitignore syntax) and `--ignore` patterns leave out.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isReportPath } from '../../core/src/index';

export const IGNORE_FILE = '.nianbaoignore';
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

export class UsageError extends Error {}

export interface Target {
  path: string;
  /** Named on the command line (not found in a folder). */
  explicit: boolean;
}

/** The ignore rules: `.nianbaoignore` in `cwd` when there is one, then the `--ignore` patterns. */
export function ignoreRules(cwd: string, patterns: readonly string[]): Ignore {
  const ig = ignore();
  const file = join(cwd, IGNORE_FILE);
  if (existsSync(file)) ig.add(readFileSync(file, 'utf8'));
  ig.add([...patterns]);
  return ig;
}

/** Whether a file found in a folder is left out (paths outside `cwd` are matched relative to the folder named). */
function ignored(ig: Ignore, cwd: string, root: string, path: string, dir: boolean): boolean {
  let rel = relative(cwd, path);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) rel = relative(root, path);
  if (!rel || rel.startsWith('..')) return false;
  rel = rel.split(sep).join('/');
  return ig.ignores(dir ? `${rel}/` : rel);
}

/** The files to check, in the order named; a folder's report files sorted by name, depth first. */
export function collectTargets(paths: readonly string[], ig: Ignore, cwd: string): Target[] {
  const out: Target[] = [];
  const walk = (dir: string, root: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
      const child = join(dir, name);
      let st;
      try {
        st = statSync(child);
      } catch {
        continue; // vanished, or a broken link
      }
      if (ignored(ig, cwd, root, child, st.isDirectory())) continue;
      if (st.isDirectory()) walk(child, root);
      else if (isReportPath(name)) out.push({ path: child, explicit: false });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new UsageError(String((e as Error).message));
    }
    if (st.isDirectory()) walk(p, p);
    else out.push({ path: p, explicit: true });
  }
  return out;
}
