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
      assert.ok(rows.filter((r) => r.startsWith('年报: ')).length >= 8, 'the extension\'s commands are listed under 年报');
      await wb.screenshot('palette');
      // (The list shows ten rows at a time: each of the others is found by its title after 年报.)
      const input = wb.page.locator('.quick-input-widget input');
      for (const title of ['检查工作区中的全部年报', '新建年度报告', '修复所有可自动修复的问题', '插入表三', '打开规则列表', '本报告的检查情况', '显示输出']) {
        await input.fill(`>年报: ${title}`);
        await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: `年报: ${title}` }).first().waitFor();
      }
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
      assert.match(all, /格式：20(19|21) 格式/);
      assert.match(all, new RegExp(`${errors} 个错误`));
      assert.match(all, new RegExp(`${warnings} 个警告`));
      for (const action of ['检查工作区中的全部年报', '打开设置', '打开规则列表', '显示输出']) assert.ok(all.includes(action), `${action} is offered`);
      await wb.screenshot('status-menu');
      // 打开规则列表: the list of every rule, rendered.
      await rows.filter({ hasText: '打开规则列表' }).first().click();
      const frame = await webviewFrame(wb.page, 'h1');
      assert.match(await frame.locator('h1').first().innerText(), /检查规则一览/);
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
      const editor = wb.page.locator('.settings-editor');
      await pollUntil('检查哪些文档 among the settings', async () => (await editor.innerText()).includes('检查哪些文档'));
      const toc = wb.page.locator('.settings-toc-container');
      const groups = await pollUntil('the three groups in the table of contents', async () => {
        const t = (await toc.innerText()).replace(/\n/g, ' | ');
        return t.includes('高级') ? t : undefined;
      });
      log(`settings table of contents: ${groups}`);
      for (const g of ['检查', '规则级别', '高级']) assert.ok(groups.includes(g), `the group ${g}`);
      // A rule's severity: its default shown, the Chinese labels in its drop-down.
      const rule = wb.page.locator('.settings-editor .setting-item-enum', { hasText: 'title-missing' }).first();
      const select = rule.locator('select').first();
      const options = await select.evaluate((el) => [...((el as unknown as { options?: { text: string }[] }).options ?? [])].map((o) => o.text));
      log(`severity options: ${options.join(' | ')}`);
      assert.deepEqual(options, ['错误', '警告', '信息', '提示', '关闭']);
      assert.equal(await select.evaluate((el) => (el as unknown as { value: string }).value), '警告', 'the default (警告) is shown');
      // Its drop-down open: the five words, the default marked, what each means.
      // The settings list is virtual and scrolls the row into view on the first click: click until it opens.
      const dropdown = wb.page.locator('.monaco-select-box-dropdown-container');
      // The list re-renders (and closes an open drop-down) while it settles: read the drop-down in the same try.
      const box = rule.locator('.monaco-select-box').first();
      await box.scrollIntoViewIfNeeded({ timeout: 3000 }).catch(() => undefined);
      await wb.page.waitForTimeout(500);
      const listed = await pollUntil('the severity drop-down to open', async () => {
        if (!(await dropdown.isVisible())) {
          await box.click({ timeout: 3000 });
          await wb.page.waitForTimeout(300);
        }
        const text = await dropdown.innerText({ timeout: 1000 }).catch(() => '');
        if (!text) return undefined;
        await wb.screenshot('settings');
        return text;
      });
      assert.match(listed, /信息/);
      await wb.page.keyboard.press('Escape');
      await dropdown.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
      // The advanced group: names a clerk reads, not "Debounce Ms" alone. A click on the table of contents while
      // the list is still settling can be lost: click until the group shows.
      const advanced = toc.locator('.monaco-list-row', { hasText: '高级' });
      await pollUntil('检查延迟 among the settings', async () => {
        if ((await editor.innerText()).includes('检查延迟（毫秒）')) return true;
        await advanced.click({ timeout: 3000 });
        await wb.page.waitForTimeout(300);
        return (await editor.innerText()).includes('检查延迟（毫秒）') || undefined;
      });
      await wb.screenshot('settings-advanced');
    });
  });

  test('rule-page: the rule code in the Problems panel or a hover opens the rule\'s page rendered, not as a raw file', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    await scenario('rule-page', { [REPORT]: example(REPORT) }, async (wb, folder) => {
      await wb.quickOpen(REPORT);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      const shown = await expectProblems(wb, cliProblems(join(folder, REPORT)), REPORT);
      const code = shown.find((p) => p.code === 'table-column-count')?.code ?? shown[0].code;
      // (Not the first row: the panel's sticky file header lies over it.)
      const link = wb.page.locator('.markers-panel a.monaco-link', { has: wb.page.locator('.marker-code', { hasText: code }) }).nth(2);
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
      // The rule code in a hover opens its page in the same view.
      const other = shown.find((p) => p.code !== code);
      assert.ok(other, 'a problem of another rule');
      await wb.goTo(other.line, other.column);
      const hover = await wb.hoverAtCursor();
      await hover.locator('a.code-link', { hasText: other.code }).click();
      await webviewFrame(wb.page, `h1:has-text("${other.code}")`);
      assert.match((await wb.page.locator('.tabs-container .tab.active', { hasText: '规则说明' }).innerText()).trim(), new RegExp(`规则说明：${other.code}`));
      await wb.page.mouse.move(1100, 450); // off the hover, which then closes
      await hover.waitFor({ state: 'hidden' }).catch(() => undefined);
      await wb.screenshot('rule-page-from-hover');
    });
  });
});
