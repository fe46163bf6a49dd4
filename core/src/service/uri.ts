// URIs as the editor and the file system write them. Strings only: no Node built-ins.
import { memoByString } from '../text/memo';

/**
 * A key under which two spellings of one URI compare equal: VS Code sends `file:///c%3A/x/%E5%B9%B4.txt`
 * where Node writes `file:///C:/x/年.txt`.
 */
export const uriKey: (uri: string) => string = memoByString(computeKey, 10_000);

function computeKey(uri: string): string {
  let s = uri;
  try {
    s = decodeURIComponent(uri);
  } catch {
    // keep it as it is
  }
  return s.replace(/^file:\/\/\/([A-Za-z]):/, (_, d: string) => `file:///${d.toLowerCase()}:`).replace(/\/+$/, '');
}

/** True when `uri` is `folder` itself or inside it. */
export function isUnder(uri: string, folder: string): boolean {
  const u = uriKey(uri);
  const f = uriKey(folder);
  return u === f || u.startsWith(f + '/');
}

/** The path of `uri` relative to `folder` (decoded), or null when it is not inside. */
export function relativeTo(uri: string, folder: string): string | null {
  const u = uriKey(uri);
  const f = uriKey(folder);
  return u.startsWith(f + '/') ? u.slice(f.length + 1) : null;
}

/** `…/a/b/x.txt` → `…/a/b`. */
export function parentUri(uri: string): string {
  return uri.replace(/\/+$/, '').replace(/\/[^/]*$/, '');
}

/** The decoded last segment: `…/%E5%B9%B4.txt` → `年.txt`. */
export function uriBaseName(uri: string): string {
  const last = uri.replace(/\/+$/, '').replace(/^.*\//, '');
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The folders from `folder` down to the one holding `uri`, outermost first (empty when `uri` is not inside). */
export function foldersDownTo(folder: string, uri: string): string[] {
  const out: string[] = [];
  for (let dir = parentUri(uri); isUnder(dir, folder); dir = parentUri(dir)) {
    out.unshift(dir);
    if (uriKey(dir) === uriKey(folder)) break;
  }
  return out;
}

export function joinUri(folder: string, name: string): string {
  return folder.replace(/\/+$/, '') + '/' + name;
}

/** A path inside a workspace folder that the index skips (`node_modules`, `.git` and other dot folders). */
export function isSkippedPath(relative: string): boolean {
  const parts = relative.split('/');
  return parts.slice(0, -1).some((p) => p === 'node_modules' || p.startsWith('.'));
}
