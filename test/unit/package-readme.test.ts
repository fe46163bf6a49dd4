// The README packaged into nianbao.vsix (scripts/package-readme.mjs): VS Code's extension page loads images
// only from https: and data: URIs, so the screenshot is inlined; the text is README.md's, Chinese first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers';

async function script(): Promise<{ inlineImages(markdown: string, read: (src: string) => Buffer): string }> {
  return import(pathToFileURL(join(ROOT, 'scripts', 'package-readme.mjs')).href);
}

describe('the packaged README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('README.md is Chinese first (what it checks, install, use), English below, developers pointed to CONTRIBUTING.md', () => {
    const at = (s: string) => readme.indexOf(s);
    assert.ok(readme.startsWith('# 年报检查 Nianbao\n'));
    for (const s of ['## 检查什么', '## 安装', '## 使用', '## 开发者', '## English']) assert.ok(at(s) > 0, s);
    assert.ok(at('## 检查什么') < at('## 安装') && at('## 安装') < at('## 使用') && at('## 使用') < at('## English'));
    assert.ok(at('npm ci && npm start') > 0 && at('npm ci && npm test') > 0, 'the two commands stay in the README');
    assert.ok(at('CONTRIBUTING.md') > 0);
    assert.match(readme, /!\[[^\]]+\]\(docs\/images\/screenshot\.png\)/);
  });

  it('inlines the screenshot as a PNG data: URI and changes nothing else', async () => {
    const { inlineImages } = await script();
    const png = readFileSync(join(ROOT, 'docs', 'images', 'screenshot.png'));
    const out = inlineImages(readme, (src) => readFileSync(join(ROOT, src)));
    assert.ok(out.includes(`](data:image/png;base64,${png.toString('base64')})`));
    assert.doesNotMatch(out, /!\[[^\]]*\]\((?!data:|https:)/, 'no image left that the extension page cannot load');
    assert.equal(out.replace(/\(data:image\/png;base64,[A-Za-z0-9+/=]+\)/g, '(docs/images/screenshot.png)'), readme);
  });

  it('leaves links, https images and SVGs alone', async () => {
    const { inlineImages } = await script();
    const md = '[rules](docs/rules/README.md) ![a](https://example.org/a.png) ![b](b.svg) ![c](#c)';
    assert.equal(inlineImages(md, () => assert.fail('nothing to read')), md);
  });
});
