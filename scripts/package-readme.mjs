// The README that goes into nianbao.vsix (`vsce package --readme-path dist/README.md`), with its images inlined.
// VS Code shows an installed extension's README in a webview whose Content-Security-Policy allows images only
// from `https:` and `data:` (extensionEditor.ts: `img-src https: data:`), and its sanitizer drops every other
// scheme: a relative path (`docs/images/screenshot.png`) is a broken image there, whatever the package holds.
// The project has no public repository for `vsce --baseImagesUrl` to point at, and an https image would not
// load offline anyway, so each local PNG/JPEG image becomes a `data:` URI (vsce refuses only SVG data URIs).
// README.md in the repository keeps the relative path (GitHub and editors show it).
//   node scripts/package-readme.mjs            writes dist/README.md from README.md
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const PACKAGE_README = 'dist/README.md';
const TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif' };

/** `markdown` with every relative image `![alt](path.png)` inlined; `read(path)` gives the bytes of a path. */
export function inlineImages(markdown, read) {
  return markdown.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (all, alt, src) => {
    const ext = /\.([a-z]+)$/i.exec(src)?.[1]?.toLowerCase();
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('#') || !ext || !TYPES[ext]) return all;
    return `![${alt}](data:${TYPES[ext]};base64,${read(src).toString('base64')})`;
  });
}

function main() {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const out = join(ROOT, PACKAGE_README);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, inlineImages(text, (src) => readFileSync(join(ROOT, src))));
  console.log(`wrote ${PACKAGE_README}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
