// Which files a `nianbao check` looks at: the paths named, and the report files found in folders, less what
// `.nianbaoignore` (in the current directory, gitignore syntax) and `--ignore` patterns leave out.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { cliMessage, isReportPath, type Locale } from '../../core/src/index';

export const IGNORE_FILE = '.nianbaoignore';
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

export class UsageError extends Error {}

export interface Target {
  path: string;
  /** Named on the command line (not found in a folder). */
  explicit: boolean;
  /** Not read, and why (a broken link, a FIFO or device, a folder that cannot be listed...). */
  bad?: { reason: BadEntry; error?: string };
  /** Its size in bytes when listed. */
  size?: number;
}

export type BadEntry = 'brokenLink' | 'linkLoop' | 'linkOutside' | 'notAFile' | 'unlistable';

/** Thrown by readBounded: not a regular file, or larger than allowed. */
export class BoundedReadError extends Error {
  constructor(readonly kind: 'notAFile' | 'tooLarge') {
    super(kind);
  }
}

/**
 * readRegular (server/src/node-fs.ts) for the small files read while the command line starts (settings,
 * ignore files), synchronously: a FIFO or device is refused without blocking, at most `max + 1` bytes are read.
 */
export function readBounded(path: string, max: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new BoundedReadError('notAFile');
    if (st.size > max) throw new BoundedReadError('tooLarge');
    const buf = Buffer.allocUnsafe(Math.min(max + 1, st.size + 1));
    let n = 0;
    for (let got; n < buf.length && (got = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += got;
    if (n > max) throw new BoundedReadError('tooLarge');
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Why a small file could not be read, in the user's language. */
export function readFailure(locale: Locale, e: unknown, limitMb = 1): string {
  return e instanceof BoundedReadError ? cliMessage(locale, `unreadable.${e.kind}`, { limit: limitMb }) : (e as Error).message;
}

/** A small text file (`.nianbaoignore`, `.nianbao.json`) when it exists; a FIFO or device in its place is refused. */
export function readSmallText(path: string, max = 1024 * 1024): string | null {
  try {
    lstatSync(path);
  } catch {
    return null;
  }
  return readBounded(path, max).toString('utf8');
}

/** The ignore rules: `.nianbaoignore` in `cwd` when there is one, then the `--ignore` patterns. */
export function ignoreRules(cwd: string, patterns: readonly string[], locale: Locale = 'zh-cn'): Ignore {
  const ig = ignore();
  let text: string | null;
  try {
    text = readSmallText(join(cwd, IGNORE_FILE));
  } catch (e) {
    throw new UsageError(cliMessage(locale, 'cannotRead', { path: IGNORE_FILE, reason: readFailure(locale, e) }));
  }
  if (text !== null) ig.add(text);
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

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * The files to check, in the order named; a folder's report files sorted by name, depth first. Links are followed
 * only to files and folders inside the folder named (each folder once); an entry that cannot be read is a target
 * with `bad` set, so that it is reported and the others are still checked.
 */
export function collectTargets(paths: readonly string[], ig: Ignore, cwd: string): Target[] {
  const out: Target[] = [];
  const walk = (dir: string, root: string, rootReal: string, seen: Set<string>) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      out.push({ path: dir, explicit: false, bad: { reason: 'unlistable', error: (e as Error).message } });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
      const child = join(dir, name);
      let st;
      let link = false;
      try {
        st = lstatSync(child);
        if (st.isSymbolicLink()) {
          link = true;
          st = statSync(child);
        }
      } catch (e) {
        const code = errorCode(e);
        if (code === 'ENOENT' && !link) continue; // vanished meanwhile
        if (isReportPath(name) || link) out.push({ path: child, explicit: false, bad: { reason: code === 'ELOOP' ? 'linkLoop' : 'brokenLink' } });
        continue;
      }
      if (ignored(ig, cwd, root, child, st.isDirectory())) continue;
      // Where a link or a folder really is: a link must stay inside the folder named, a folder is walked once.
      let real = '';
      if (link || st.isDirectory()) {
        try {
          real = realpathSync(child);
        } catch {
          if (link) out.push({ path: child, explicit: false, bad: { reason: 'brokenLink' } });
          continue;
        }
      }
      if (link) {
        const rel = relative(rootReal, real);
        if (rel.startsWith('..') || isAbsolute(rel)) {
          if (st.isDirectory() || isReportPath(name)) out.push({ path: child, explicit: false, bad: { reason: 'linkOutside' } });
          continue;
        }
      }
      if (st.isDirectory()) {
        if (seen.has(real)) {
          if (link) out.push({ path: child, explicit: false, bad: { reason: 'linkLoop' } });
          continue;
        }
        seen.add(real);
        walk(child, root, rootReal, seen);
      } else if (isReportPath(name)) out.push({ path: child, explicit: false, ...(st.isFile() ? { size: st.size } : { bad: { reason: 'notAFile' as const } }) });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = errorCode(e);
      if (code === 'ELOOP' || (code === 'ENOENT' && isLink(p))) {
        out.push({ path: p, explicit: true, bad: { reason: code === 'ELOOP' ? 'linkLoop' : 'brokenLink' } });
        continue;
      }
      throw new UsageError(String((e as Error).message));
    }
    if (st.isDirectory()) {
      const real = realpathSync(p);
      walk(p, p, real, new Set([real]));
    } else out.push({ path: p, explicit: true, ...(st.isFile() ? { size: st.size } : { bad: { reason: 'notAFile' as const } }) });
  }
  return out;
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
