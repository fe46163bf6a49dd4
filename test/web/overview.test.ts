// `nianbao check --format html`: the overview page a reviewer opens, for real in headless Chromium — it renders,
// asks for nothing over the network, lists every file, sorts, and keeps its charts; a screenshot is saved to
// test-results/overview.png. Skipped (with a message) only when /usr/bin/chromium is not installed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const CLI_JS = join(ROOT, 'dist', 'cli.js');

/** A reviewer's folder: the three seeds, a Word report, a saved web page and an old .doc. */
function batch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-overview-'));
  for (const f of ['haiyuan-xian-2024.txt', 'pingluo-2024.txt', 'xibao-2023.txt']) copyFileSync(join(ROOT, 'examples', f), join(dir, f));
  copyFileSync(join(ROOT, 'test/fixtures/formats/docx/xian-merged.docx'), join(dir, '西安镇2024年报.docx'));
  copyFileSync(join(ROOT, 'test/fixtures/formats/html/xian-page.html'), join(dir, '西安镇2024年报网页.html'));
  writeFileSync(join(dir, '某镇2024年报.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
  return dir;
}

function overview(dir: string, locale: string): string {
  const out = join(dir, `overview-${locale}.html`);
  const r = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'html', '--output', out, '--locale', locale, '.'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 2, `exit 2 (one file could not be read): ${r.stderr}`);
  assert.equal(r.stdout, '', 'with --output nothing goes to stdout');
  return out;
}

if (!existsSync(CHROMIUM)) {
  test('the HTML overview in headless Chromium', { skip: `${CHROMIUM} is not installed, so the HTML overview is not opened in a browser (apt-get install chromium)` }, () => {});
} else {
  describe('the HTML overview in headless Chromium', { timeout: 120_000 }, () => {
    let browser: Browser | undefined;
    let page: Page | undefined;
    let dir = '';
    const requests: string[] = [];
    const errors: string[] = [];

    before(async () => {
      assert.ok(existsSync(CLI_JS), `${CLI_JS} is missing: run \`npm run build\` first`);
      dir = batch();
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
      page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      // Every request other than the page itself is recorded and refused: the page must work offline.
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:') && url.endsWith('.html')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
    });

    after(async () => {
      await browser?.close();
    });

    test('renders offline, lists every file with its status, and sorts by a column', async () => {
      const file = overview(dir, 'zh-cn');
      const html = readFileSync(file, 'utf8');
      assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=["']https?:/i, 'no external resources');
      await page!.goto(pathToFileURL(file).href);
      assert.equal(await page!.title(), '政府信息公开工作年度报告检查结果');
      const rows = page!.locator('#reports tbody tr');
      assert.equal(await rows.count(), 6, 'six files in the table');
      const names = await page!.locator('#reports tbody tr td:first-child').allTextContents();
      assert.deepEqual([...names].sort(), ['haiyuan-xian-2024.txt', 'pingluo-2024.txt', 'xibao-2023.txt', '某镇2024年报.doc', '西安镇2024年报.docx', '西安镇2024年报网页.html'].sort());
      // Sorted by errors first: 西堡镇 (12) on top.
      assert.equal(names[0], 'xibao-2023.txt');
      assert.match(await rows.filter({ hasText: '某镇2024年报.doc' }).innerText(), /无法读取/);
      // Charts drawn, one section per file, findings with the cell at fault.
      assert.ok((await page!.locator('svg.chart').count()) >= 3, 'charts of status, rules and the bodies’ figures');
      assert.equal(await page!.locator('section.report').count(), 6);
      const xibao = page!.locator('section.report', { hasText: 'xibao-2023.txt' });
      assert.match(await xibao.locator('.feedback').innerText(), /西堡镇：经检查，贵单位 2023 年政府信息公开工作年度报告有以下 16 处问题/);
      assert.ok((await xibao.locator('.excerpt mark').count()) >= 12);
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      await page!.screenshot({ path: join(ROOT, 'test-results', 'overview.png'), fullPage: false });
      // Click 年度 twice: descending years.
      await page!.locator('#reports th', { hasText: '年度' }).click();
      await page!.locator('#reports th', { hasText: '年度' }).click();
      const years = (await page!.locator('#reports tbody tr td:nth-child(3)').allTextContents()).filter(Boolean).map(Number);
      assert.deepEqual(years, [...years].sort((a, b) => b - a));
      assert.deepEqual(requests, [], 'no request left the page');
      assert.deepEqual(errors, []);
    });

    test('speaks English with --locale en', async () => {
      const file = overview(dir, 'en');
      await page!.goto(pathToFileURL(file).href);
      assert.equal(await page!.title(), 'Annual disclosure reports: check results');
      assert.match(await page!.locator('#reports thead').innerText(), /errors/);
      assert.deepEqual(requests, []);
    });
  });
}
