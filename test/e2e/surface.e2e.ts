// What a first-time user sees of the extension itself (issue 15, points 1–3 and 8–10): its page in the
// Extensions view (the screenshot loads), the command palette under 年报, the status item's menu, the message
// of 修复所有可自动修复的问题, the Settings UI and a rule page opened from the Problems panel.
//   node --import tsx --test --test-reporter=spec test/e2e/surface.e2e.ts
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { log, pollUntil, type Workbench } from './harness';
import { LANGUAGE_LABEL } from './scenarios';
import { cliProblems, e2eSuite, example, expectProblems, scenario, SCENARIO_TIMEOUT_MS } from './suite';

const REPORT = 'xibao-2023.txt';
/** A report with one problem a safe fix removes and one a person has to look at. */
const FIXABLE = 'pingluo-2024.txt';

/** The frame of a webview (its inner `active-frame`) whose document has `selector`. */
async function webviewFrame(page: Page, selector: string): Promise<Frame> {
  return pollUntil(`a webview showing ${selector}`, async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    return undefined;
  });
}

/** The labels of the command palette's rows after typing `query` (typed again until some row is there). */
async function paletteRows(wb: Workbench, query: string, atLeast: number): Promise<string[]> {
  const input = wb.page.locator('.quick-input-widget input');
  await wb.page.keyboard.press('Control+Shift+P');
  await input.waitFor({ state: 'visible' });
  return pollUntil(`${atLeast} commands for "${query}"`, async () => {
    await input.fill(`>${query}`);
    await wb.page.waitForTimeout(300);
    const labels = await wb.page.locator('.quick-input-widget .monaco-list-row').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    return labels.length >= atLeast ? labels : undefined;
  });
}

e2eSuite('What a user sees of Nianbao: its page, commands, status, settings and rule pages', () => {
  test('extension-page: the Details page of the installed extension is Chinese first and its screenshot loads', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    await scenario('extension-page', { [REPORT]: example(REPORT) }, async (wb) => {
      await wb.page.keyboard.press('Control+Shift+X');
      const search = wb.page.locator('.extensions-viewlet .suggest-input-container textarea, .extensions-viewlet .monaco-inputbox textarea').first();
      await search.waitFor();
      await search.fill('@installed 年报');
      const entry = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Nianbao' }).first();
      await entry.waitFor();
      await entry.click();
      await wb.page.locator('.extension-editor .header .name', { hasText: '年报检查' }).waitFor();
      const frame = await webviewFrame(wb.page, 'img');
      const img = frame.locator('img').first();
      const width = await pollUntil('the README screenshot to load', async () => (await img.evaluate((el) => { const i = el as unknown as { complete: boolean; naturalWidth: number }; return i.complete ? i.naturalWidth : 0; })) || undefined);
      log(`README image: ${width} px wide`);
      assert.ok(width > 0);
      const heading = (await frame.locator('h1').first().innerText()).trim();
      assert.match(heading, /年报检查/);
      const text = await frame.locator('body').innerText();
      assert.ok(text.indexOf('安装') >= 0 && text.indexOf('安装') < text.search(/Install/), 'the Chinese part comes first');
      await wb.screenshot('extension-page');
    });
  });

  test('palette: typing 年报 in the command palette lists the extension\'s commands, in Chinese', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    await scenario('palette', { [REPORT]: example(REPORT) }, async (wb) => {
      await wb.quickOpen(REPORT);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      const rows = await paletteRows(wb, '年报', 8);
      log(`palette: ${rows.join(' | ')}`);
      for (const title of ['检查工作区中的全部年报', '新建年度报告', '修复所有可自动修复的问题', '插入表三', '显示输出']) {
        assert.ok(rows.some((r) => r.startsWith('年报: ') && r.includes(title)), `年报: ${title} is listed`);
      }
      await wb.screenshot('palette');
      await wb.page.keyboard.press('Escape');
    });
  });

  test('status-menu: clicking the status item shows the report\'s year, format and counts, with what can be done next', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    await scenario('status-menu', { [REPORT]: example(REPORT) }, async (wb, folder) => {
      const expected = cliProblems(join(folder, REPORT));
      await wb.quickOpen(REPORT);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await expectProblems(wb, expected, REPORT);
      const errors = expected.filter((p) => p.severity === 'error').length;
      const warnings = expected.filter((p) => p.severity === 'warning').length;
      const item = wb.page.locator('.statusbar-item', { hasText: '年报 2023' });
      await item.waitFor();
      await item.click();
      const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
      await rows.first().waitFor();
      const labels = await pollUntil('the status menu', async () => {
        const l = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
        return l.length >= 4 ? l : undefined;
      });
      log(`status menu: ${labels.join(' | ')}`);
      const all = labels.join('\n');
      assert.match(all, /2023/);
      assert.match(all, /2019 版格式|2021 版格式/);
      assert.match(all, new RegExp(`${errors} 个错误`));
      assert.match(all, new RegExp(`${warnings} 个警告`));
      for (const action of ['检查工作区中的全部年报', '打开设置', '打开规则列表', '显示输出']) assert.ok(all.includes(action), `${action} is offered`);
      await wb.screenshot('status-menu');
      await wb.page.keyboard.press('Escape');
    });
  });

  test('fix-all: 修复所有可自动修复的问题 says how many it fixed and how many need a person', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    await scenario('fix-all', { [FIXABLE]: example(FIXABLE) }, async (wb, folder) => {
      await wb.quickOpen(FIXABLE);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await expectProblems(wb, cliProblems(join(folder, FIXABLE)), FIXABLE);
      await wb.runCommand('修复所有可自动修复的问题');
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /已修复 \d+ 个问题|没有可以安全自动修复的问题/ });
      await toast.first().waitFor();
      const message = (await toast.first().innerText()).trim();
      log(`message: ${message}`);
      const m = /已修复 (\d+) 个问题；其余 (\d+) 个需要人工核对/.exec(message);
      assert.ok(m, message);
      assert.ok(Number(m[1]) > 0);
      // What is left is in the Problems panel: exactly the number the message says.
      await pollUntil(`${m[2]} problem(s) left in the Problems panel`, async () => (await wb.problemCount()) === Number(m[2]));
      await wb.screenshot('fix-all');
    });
  });

  test('settings: the Settings UI shows Nianbao\'s settings in Chinese groups, names and severity labels', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    await scenario('settings', { [REPORT]: example(REPORT) }, async (wb) => {
      await wb.runCommand('Preferences: Open User Settings', 'Preferences: Open User Settings');
      const search = wb.page.locator('.settings-editor .suggest-input-container .monaco-editor textarea, .settings-editor .search-container textarea').first();
      await search.waitFor();
      await wb.page.keyboard.type('@ext:nianbao.nianbao');
      const rows = wb.page.locator('.settings-editor .setting-item-contents');
      await rows.first().waitFor();
      await pollUntil('检查延迟 among the settings', async () => (await wb.page.locator('.settings-editor').innerText()).includes('检查延迟（毫秒）'));
      const toc = await wb.page.locator('.settings-toc-container').innerText().catch(() => '');
      log(`settings table of contents: ${toc.replace(/\n/g, ' | ')}`);
      assert.match(toc, /规则/);
      // A rule's severity: Chinese labels in its drop-down.
      const rule = wb.page.locator('.settings-editor .setting-item-enum', { hasText: '表三' }).first();
      await rule.scrollIntoViewIfNeeded();
      const select = rule.locator('select, .monaco-select-box').first();
      const options = await select.evaluate((el) => [...((el as unknown as { options?: { text: string }[] }).options ?? [])].map((o) => o.text));
      log(`severity options: ${options.join(' | ')}`);
      for (const label of ['错误', '警告', '信息', '提示', '关闭']) assert.ok(options.some((o) => o.startsWith(label)), `${label} among ${options.join(', ')}`);
      await wb.screenshot('settings');
    });
  });

  test('rule-page: the rule code in the Problems panel opens the rule\'s page rendered, not as a raw file', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    await scenario('rule-page', { [REPORT]: example(REPORT) }, async (wb, folder) => {
      await wb.quickOpen(REPORT);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      const shown = await expectProblems(wb, cliProblems(join(folder, REPORT)), REPORT);
      const code = shown.find((p) => p.code === 'table-column-count')?.code ?? shown[0].code;
      const link = wb.page.locator('.markers-panel .marker-code a, .markers-panel .marker-code .monaco-link', { hasText: code }).first();
      await link.click();
      const frame = await webviewFrame(wb.page, 'h1');
      const title = (await frame.locator('h1').first().innerText()).trim();
      log(`rule page: ${title}`);
      assert.match(title, new RegExp(code));
      // A rendered page (a preview or webview), not a text editor on the .md file.
      assert.equal(await wb.page.locator('.editor-group-container.active .tabs-container .tab.active[aria-label*=".md"]').count(), 0, 'no .md text editor is active');
      const tab = (await wb.page.locator('.editor-group-container.active .tabs-container .tab.active').innerText()).trim();
      log(`rule page tab: ${tab}`);
      assert.match(tab, /规则|预览|Preview/);
      await wb.screenshot('rule-page');
    });
  });
});
