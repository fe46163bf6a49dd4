// The editor configurations of docs/editors.md, as the tests run them: each block that the page marks with
// `<!-- editors-test: TAG -->` on the line before its fence is read from the page itself, so that what is
// tested is what a reader copies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const EDITORS_MD = join(ROOT, 'docs', 'editors.md');
export const CLI_JS = join(ROOT, 'dist', 'cli.js');

export interface DocBlock {
  tag: string;
  lang: string;
  code: string;
}

/** Every marked block of docs/editors.md, in page order. */
export function docBlocks(): DocBlock[] {
  const text = readFileSync(EDITORS_MD, 'utf8');
  const re = /<!-- editors-test: ([\w.-]+) -->\r?\n```(\w+)\r?\n([\s\S]*?)\r?\n```[ \t]*(?:\r?\n|$)/g;
  const out: DocBlock[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ tag: m[1], lang: m[2], code: `${m[3]}\n` });
  return out;
}

/** The marked block `tag`; fails when the page no longer has it. */
export function docBlock(tag: string): DocBlock {
  const found = docBlocks().filter((b) => b.tag === tag);
  if (found.length !== 1) throw new Error(`docs/editors.md: expected one block marked <!-- editors-test: ${tag} -->, found ${found.length}`);
  return found[0];
}

/** `code` with `from` replaced by `to`, where `from` must occur exactly once. */
export function replaceOnce(code: string, from: string, to: string): string {
  const at = code.indexOf(from);
  if (at < 0 || code.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one \`${from}\` in the configuration block`);
  return code.slice(0, at) + to + code.slice(at + from.length);
}
