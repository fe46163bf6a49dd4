// *新建年度报告* in a real VS Code: in a workspace holding last year's report of the same 机关, the command asks
// for the year, the 机关, the form and where to save; the report is created as a .txt file whose table 三 row
// 二、上年结转 is last year's 四、结转下年度继续办理, and a message names the file it came from.
//
//   npm run package && node --import tsx --test --test-reporter=spec test/e2e/newreport.e2e.ts
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { log, pollUntil, ROOT } from './harness';
import { numbersOf } from './scenarios';
import { cliProblems, e2eSuite, expectProblems, scenario, SCENARIO_TIMEOUT_MS } from './suite';

const AGENCY = '青川县河口镇人民政府';
const CARRY_IN = '二、上年结转政府信息公开申请数量';
const CARRY_OUT = '四、结转下年度继续办理';
const lineOf = (text: string, label: string): string => text.split('\n').find((l) => l.startsWith(label)) ?? '';

/** The year the command offers first (the year just ended) and last year's report for it (hekou-2023 moved to its year). */
function lastYearsReport(): { year: number; text: string } {
  const year = new Date().getFullYear() - 1;
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'cross-year', 'hekou-2023.txt'), 'utf8')
    .replace(/2024 年 1 月/g, `${year} 年 1 月`)
    .replace(/2023/g, String(year - 1));
  return { year, text };
}

e2eSuite('新建年度报告 in a real VS Code', () => {
  test('new-report: year, 机关, 纯文本, saved as .txt with last year’s 结转 as its 上年结转', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const { year, text: previous } = lastYearsReport();
    const prevName = `河口镇-${year - 1}.txt`;
    await scenario('new-report', { [prevName]: previous }, async (wb, folder) => {
      const input = wb.page.locator('.quick-input-widget input');
      const row = (text: string) => wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
      await wb.runCommand('新建年度报告', '新建年度报告');

      // The year: the year just ended comes first.
      await row(String(year)).click();
      // The 机关.
      await wb.page.locator('.quick-input-widget', { hasText: '机关名称' }).waitFor();
      await input.fill(AGENCY);
      await pollUntil('the 机关 typed', async () => (await input.inputValue()) === AGENCY);
      await wb.page.keyboard.press('Enter');
      // The form.
      await row('纯文本').click();
      // Where to save: the name proposed in the workspace folder, as a .txt file.
      const name = `${AGENCY}${year}年政府信息公开工作年度报告.txt`;
      await pollUntil('the save dialog proposing the report’s name', async () => (await input.inputValue()).endsWith(name));
      log(`save dialog: ${await input.inputValue()}`);
      await wb.screenshot('new-report-save-dialog');
      await wb.page.keyboard.press('Enter');

      const file = join(folder, name);
      await wb.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor();
      assert.ok(existsSync(file), `${file} was created`);
      assert.deepEqual(readdirSync(folder).filter((f) => /\.nianbao$/.test(f)), [], 'no .nianbao file');
      const made = readFileSync(file, 'utf8');
      const carried = numbersOf(lineOf(made, CARRY_IN), CARRY_IN);
      assert.deepEqual(carried, numbersOf(lineOf(previous, CARRY_OUT), CARRY_OUT), `${CARRY_IN} = last year’s ${CARRY_OUT}`);
      assert.ok(carried.some((n) => n > 0), 'last year carried something over');
      assert.match(made, new RegExp(`^${AGENCY} ${year} 年政府信息公开工作年度报告`));
      assert.match(made, new RegExp(`\\n${AGENCY}\\n\\n${year + 1} 年 1 月 20 日\\n`));

      // The message names the file the figures came from.
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: '已从上年度报告' });
      await toast.waitFor();
      // Expanded, as a person reading it would (the whole message on several lines).
      await toast.hover();
      const expand = toast.locator('.codicon-notifications-expand');
      if (await expand.count()) await expand.first().click();
      const said = (await toast.innerText()).replace(/\s+/g, ' ');
      log(`message: ${said}`);
      assert.ok(said.includes(prevName), said);

      // The editor shows the carried row.
      await wb.goTo(made.split('\n').findIndex((l) => l.startsWith(CARRY_IN)) + 1);
      await wb.viewLine(CARRY_IN).waitFor();
      await wb.screenshot('new-report');
    });
  });

  test('snippet-markdown: typing 落款 in a Markdown report offers the closing with its 机关 and the year after the report’s', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const md = readFileSync(join(ROOT, 'test', 'fixtures', 'md', '000.md'), 'utf8').trimEnd() + '\n\n';
    const name = '海原县西安镇-2024.md';
    await scenario('snippet-markdown', { [name]: md }, async (wb) => {
      await wb.quickOpen(name);
      // Once the server has found it is a report, its status item is shown.
      await wb.page.locator('.statusbar-item[id$="nianbao.status"]').waitFor();
      const lines = md.split('\n').length;
      await wb.goTo(lines);
      // No Ctrl+Space (Markdown has quick suggestions off): 落款 typed as with a Chinese input method, which
      // shows the pinyin while composing and then puts in the word.
      const cdp = await wb.page.context().newCDPSession(wb.page);
      await cdp.send('Input.imeSetComposition', { text: 'luokuan', selectionStart: 7, selectionEnd: 7 });
      await cdp.send('Input.insertText', { text: '落款' });
      const suggest = wb.page.locator('.editor-widget.suggest-widget.visible');
      const rows = suggest.locator('.monaco-list-row');
      await rows.filter({ hasText: '落款（机关和日期）' }).first().waitFor();
      const labels = (await rows.allInnerTexts()).map((t) => t.split('\n')[0].trim());
      log(`suggestions: ${labels.join(' | ')}`);
      assert.equal(labels.filter((l) => l.startsWith('落款')).length, 1, 'the closing is offered once (no static snippet beside it)');
      await wb.screenshot('snippet-markdown-suggest');
      await wb.page.keyboard.press('Enter');
      await pollUntil('the closing inserted', async () => /海原县西安镇人民政府\s*2025 年 1 月 20 日/.test((await wb.visibleText()).replace(/\s+/g, ' ')));
      await wb.page.keyboard.press('Escape');
      await wb.screenshot('snippet-markdown');
    });
  });

  test('placeholder-left: a （机关名称） and an XX left in a report are listed as warnings, exactly as the CLI finds them', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const name = 'fail-template-left.txt';
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'placeholder-left', name), 'utf8');
    await scenario('placeholder-left', { [name]: text }, async (wb, folder) => {
      const expected = cliProblems(join(folder, name));
      const left = expected.filter((p) => p.code === 'placeholder-left');
      assert.equal(left.length, 4, 'the CLI finds the four placeholders');
      await wb.quickOpen(name);
      const shown = await expectProblems(wb, expected, name);
      assert.ok(shown.filter((p) => p.code === 'placeholder-left').every((p) => p.severity === 'warning'));
      await wb.goTo(left[0].line, left[0].column);
      await pollUntil('a squiggle under the placeholder', async () => (await wb.squiggles().count()) > 0);
      await wb.screenshot('placeholder-left');
    });
  });
});
