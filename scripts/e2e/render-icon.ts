// Renders docs/images/icon.svg to docs/images/icon.png (128×128, transparent corners) with headless Debian
// Chromium, so that the 年报 glyphs come from the Noto CJK font installed by setup-code-server.sh.
//   node --import tsx scripts/e2e/render-icon.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from '../../test/e2e/harness';

async function main(): Promise<void> {
  const svg = readFileSync(join(ROOT, 'docs', 'images', 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.evaluate('document.fonts.ready');
    const out = join(ROOT, 'docs', 'images', 'icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
