// The web extension (package.json `browser`: dist/web/client.js starting dist/web/server.js in a web worker), as
// vscode.dev runs it: code-server told to run Nianbao in the browser's web-worker extension host
// (`remote.extensionKind` "web"). What the desktop suites check through the Node build, here through the web one.
//
//   npm run package && node --import tsx --test --test-reporter=spec test/e2e/web.e2e.ts
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { log, pollUntil } from './harness';
import { LANGUAGE_LABEL, SEEDS_WITH_PROBLEMS } from './scenarios';
import { cliProblems, e2eSuite, example, expectProblems, scenario, SCENARIO_TIMEOUT_MS } from './suite';

e2eSuite(
  'The web extension in a real VS Code (code-server, web-worker extension host)',
  () => {
    test('web-seed: a seed is switched to Nianbao and lists exactly the CLI\'s problems, from the web build', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
      const seed = SEEDS_WITH_PROBLEMS[0];
      await scenario('web-seed', { [seed]: example(seed) }, async (wb, folder) => {
        const expected = cliProblems(join(folder, seed));
        assert.ok(expected.length > 0);
        wb.page.on('console', (m) => {
          if (m.type() === 'error' && /nianbao/i.test(m.text())) log(`console error: ${m.text().slice(0, 300)}`);
        });
        await wb.quickOpen(seed);
        await wb.waitForLanguage(LANGUAGE_LABEL);
        await expectProblems(wb, expected, seed);
        // 表二 aligned by the web worker's inlay hints.
        const line = example(seed).split('\n').findIndex((l) => l.startsWith('规章\t')) + 1;
        assert.ok(line > 0);
        await wb.goTo(line, 1);
        await pollUntil('the inlay hints of 表二', async () => ((await wb.page.locator('.view-lines span[class*="dyn-rule"]').count()) > 0 ? true : undefined));
        await wb.page.keyboard.press('Escape');
        await wb.screenshot('web-seed');
        // It is the web build: what needs the disk says so.
        await wb.runCommand('在终端中使用命令行检查', '年报: 在终端中使用命令行检查');
        await wb.page.locator('.notifications-toasts .notification-toast', { hasText: '浏览器中不可用' }).waitFor();
        await wb.screenshot('web-seed-1-no-disk');
      });
    });

    test('web-surface: the status menu, 表格预览 and fix-all from the web build', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
      const file = 'pingluo-2024.txt';
      await scenario('web-surface', { [file]: example(file) }, async (wb, folder) => {
        const expected = cliProblems(join(folder, file));
        await wb.quickOpen(file);
        await wb.waitForLanguage(LANGUAGE_LABEL);
        await expectProblems(wb, expected, file);
        // The status item's menu: the counts.
        await wb.page.locator('.statusbar-item', { hasText: '年报 2024' }).click();
        const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
        const labels = await pollUntil('the status menu', async () => {
          const l = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
          return l.length >= 4 ? l.join('\n') : undefined;
        });
        assert.match(labels, new RegExp(`${expected.filter((p) => p.severity === 'warning').length} 个警告`));
        await wb.page.keyboard.press('Escape');
        // 表格预览: tables 二/三/四 as grids in a webview.
        await wb.runCommand('表格预览', '年报: 表格预览');
        const titles = await pollUntil('表格预览 with its tables', async () => {
          for (const frame of wb.page.frames()) {
            if (frame === wb.page.mainFrame()) continue;
            const t = await frame.locator('h2').allInnerTexts().catch(() => []);
            if (t.length >= 3) return t;
          }
          return undefined;
        });
        assert.deepEqual(titles.map((t) => t[0]), ['二', '三', '四']);
        await wb.screenshot('web-surface-1-preview');
        // Fix-all: the edit comes back through the web client and the message counts it.
        await wb.quickOpen(file);
        await wb.runCommand('修复所有可自动修复的问题');
        const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /已修复 \d+ 个问题/ });
        await toast.first().waitFor();
        const m = /其余 (\d+) 个需要人工核对/.exec(await toast.first().innerText());
        assert.ok(m);
        await pollUntil(`${m[1]} problem(s) left`, async () => (await wb.problemCount()) === Number(m[1]));
        await wb.screenshot('web-surface');
      });
    });
  },
  { settings: { 'remote.extensionKind': { 'nianbao.nianbao': ['web'] } } },
);
