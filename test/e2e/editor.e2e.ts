// End-to-end tests in a real VS Code: the packaged extension (nianbao.vsix) installed into code-server
// (VS Code 1.100.3), driven in headless Chromium through playwright-core (see test/e2e/harness.ts and
// shared/spec/real-editor-testing.md). Every assertion is on what the screen shows (Problems panel rows,
// squiggles, the editor's lines, the Outline, the hover widget), plus the document as saved to disk.
// Each scenario gets its own workspace folder and window; one code-server and one browser serve a file's
// scenarios (test/e2e/suite.ts). Screenshots go to test-results/e2e/<scenario>.png.
//
//   npm run test:e2e         (packages first when nianbao.vsix is missing or older than the sources)
//   NIANBAO_E2E_README_SCREENSHOT=1 npm run test:e2e    also refreshes docs/images/screenshot.png
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { API_SUITE_MARKER, log, pollUntil, ROOT, TIMEOUT_MS, Workbench } from './harness';
import {
  BALANCED_LENS, BALANCED_REPORT, cellPosition, CORRECT_SEED, DRAFT, draftPath, LANGUAGE_LABEL,
  makeApiWorkspace, NEW_REQUESTS_ROW, newRequestsRow, numbersOf, replaceAt, SEEDS_WITH_PROBLEMS, setTotalFixTitle, totalExplanation,
} from './scenarios';
import {
  balancedReport, cliProblems, e2eSuite, example, expectNoProblems, expectProblems, gbkBytes, save, scenario, SCENARIO_TIMEOUT_MS, suiteState, waitForLenses,
} from './suite';

e2eSuite('Nianbao in a real VS Code (code-server + Chromium)', () => {
  for (const seed of SEEDS_WITH_PROBLEMS) {
    const name = `seed-${seed.replace(/\.txt$/, '')}`;
    test(`${name}: opening a shared seed switches it to Nianbao, outlines the six sections and lists exactly the CLI's problems`, { timeout: SCENARIO_TIMEOUT_MS }, async () => {
      await scenario(name, { [seed]: example(seed) }, async (wb, folder) => {
        const expected = cliProblems(join(folder, seed));
        assert.ok(expected.length > 0, `${seed} should have problems`);
        await wb.quickOpen(seed);
        await wb.waitForLanguage(LANGUAGE_LABEL);

        const shown = await expectProblems(wb, expected, seed);
        assert.ok(shown.every((p) => p.source === 'nianbao'), 'every problem comes from nianbao');

        // The Outline: the title, then the sections 一 to 六 in order.
        const outline = await wb.openOutline();
        const sections = await pollUntil('the six sections in the Outline', async () => {
          const labels = (await outline.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? '')));
          const modules = labels.filter((l) => l.endsWith('(module)')).map((l) => l.replace(/ \(module\)$/, ''));
          return modules.length >= 6 ? modules : undefined;
        });
        log(`Outline sections: ${sections.join(' | ')}`);
        assert.deepEqual(sections.map((s) => s[0]), ['一', '二', '三', '四', '五', '六']);
        assert.ok(sections.every((s) => s[1] === '、'), `section headings: ${sections.join(', ')}`);

        // The first problem is underlined where it is.
        await wb.goTo(shown[0].line, shown[0].column);
        await pollUntil('a squiggle in the editor', async () => (await wb.squiggles().count()) > 0);
        await wb.page.keyboard.press('Escape');
        await wb.screenshot(name);
      });
    });
  }

  test('correct-report: a correct report shows no problem and balanced tables', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = CORRECT_SEED;
    await scenario('correct-report', { [file]: example(file) }, async (wb, folder) => {
      assert.deepEqual(cliProblems(join(folder, file)), []);
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      const lenses = await waitForLenses(wb);
      log(`code lenses: ${lenses.join(' | ')}`);
      assert.ok(lenses.length >= 2 && lenses.every((l) => l === BALANCED_LENS), `code lenses: ${lenses.join(' | ')}`);
      await expectNoProblems(wb);
      await wb.goTo(cellPosition(example(file), NEW_REQUESTS_ROW, 0).line);
      assert.equal(await wb.squiggles().count(), 0, 'no squiggle in the editor');
      await wb.screenshot('correct-report');
    });
  });

  test('break-total: a total broken by typing is reported within a second; its quick fix (Ctrl+.) puts the sum back in the cell', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = BALANCED_REPORT;
    const original = balancedReport();
    await scenario('break-total', { [file]: original }, async (wb, folder) => {
      assert.deepEqual(cliProblems(join(folder, file)), [], `${file} is a correct report`);
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await waitForLenses(wb);
      await expectNoProblems(wb, 0);

      // Type a wrong number over the 总计 of the new-requests row.
      const { total, numbers, sum } = newRequestsRow(original);
      assert.equal(numbers[6], sum, 'the row adds up before the test breaks it');
      const wrong = String(sum + 2);
      const rowCode = wb.page.locator('.markers-panel .marker-code', { hasText: 'table3-row-total' });
      await wb.goTo(total.line, total.column);
      for (let i = 0; i < total.text.length; i++) await wb.page.keyboard.press('Shift+ArrowRight');
      const typedAt = Date.now();
      await wb.page.keyboard.type(wrong);
      await rowCode.first().waitFor();
      const latency = Date.now() - typedAt;
      log(`table3-row-total shown ${latency} ms after the keystroke`);
      assert.ok(latency < 1000, `the problem appeared after ${latency} ms (must be within a second)`);

      // Exactly what the CLI finds in the same text.
      const brokenText = replaceAt(original, total, wrong);
      const scratch = join(suiteState().workRoot, 'break-total-cli');
      mkdirSync(scratch, { recursive: true });
      writeFileSync(join(scratch, file), brokenText);
      const broken = await expectProblems(wb, cliProblems(join(scratch, file)), 'the broken total');
      const rowProblem = broken.find((p) => p.code === 'table3-row-total');
      assert.ok(rowProblem, 'table3-row-total is listed');
      assert.deepEqual([rowProblem.line, rowProblem.column], [total.line, total.column], 'table3-row-total points at the row\'s 总计 cell');
      assert.deepEqual(numbersOf(await wb.viewLine(NEW_REQUESTS_ROW).innerText(), NEW_REQUESTS_ROW), [...numbers.slice(0, 6), Number(wrong)]);
      await pollUntil('a squiggle in the editor', async () => (await wb.squiggles().count()) > 0);
      await wb.screenshot('break-total-1-broken');

      // Ctrl+. on the 总计 cell: the preferred quick fix sets it to the sum.
      await wb.goTo(total.line, total.column);
      await wb.page.keyboard.press('Control+.');
      const actions = wb.page.locator('.action-widget .monaco-list-row.action');
      await actions.first().waitFor();
      const fix = actions.filter({ hasText: setTotalFixTitle(sum) });
      await fix.waitFor();
      log(`quick fixes: ${(await actions.allInnerTexts()).join(' | ')}`);
      assert.match((await fix.getAttribute('class')) ?? '', /\bfocused\b/, 'the fix is the preferred (first) one');
      await wb.screenshot('break-total-2-quick-fix');
      await wb.page.keyboard.press('Enter'); // applies the focused fix, as a person does
      await rowCode.first().waitFor({ state: 'detached' });
      await expectNoProblems(wb);
      assert.deepEqual(numbersOf(await wb.viewLine(NEW_REQUESTS_ROW).innerText(), NEW_REQUESTS_ROW), numbers);

      // The document: saved, it holds the sum in the 总计 cell again and nothing else changed.
      await save(wb);
      assert.equal(readFileSync(join(folder, file), 'utf8'), original, 'the saved document is the original, 总计 = the sum');
      await wb.screenshot('break-total');
    });
  });

  test('blank-cells: a table 三 with five columns left blank (as a real report had it) is one warning; its fix writes 0 in every cell', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = 'blank-columns-2024.txt';
    const original = readFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'table-cell-blank', 'fail-blank-columns.txt'), 'utf8');
    await scenario('blank-cells', { [file]: original }, async (wb, folder) => {
      const expected = cliProblems(join(folder, file));
      assert.deepEqual(expected.map((p) => p.code), ['table-cell-blank'], 'one warning for the table, nothing else');
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      const [problem] = await expectProblems(wb, expected, file);
      assert.match(problem.message, /表三有 125 个单元格没有填数字/);
      await wb.goTo(problem.line, problem.column);
      await wb.screenshot('blank-cells-1-warning');
      await wb.page.keyboard.press('Control+.');
      const actions = wb.page.locator('.action-widget .monaco-list-row.action');
      const fix = actions.filter({ hasText: '将这 125 个单元格都填为 0' });
      await fix.waitFor();
      assert.match((await fix.getAttribute('class')) ?? '', /\bfocused\b/, 'the fix is the preferred (first) one');
      await wb.page.keyboard.press('Enter');
      await expectNoProblems(wb);
      await save(wb);
      const saved = readFileSync(join(folder, file), 'utf8');
      // Only the blank cells changed: every line keeps its cells, each blank one now 0.
      const before = original.split('\n');
      const after = saved.split('\n');
      assert.equal(after.length, before.length);
      for (let i = 0; i < before.length; i++) {
        if (before[i] === after[i]) continue;
        assert.deepEqual(after[i].split('\t').map((c, k) => (before[i].split('\t')[k] === '' ? '' : c)), before[i].split('\t'), `line ${i + 1}: only blank cells changed`);
      }
      assert.ok(!/\t\t/.test(saved.split('\n').filter((l) => l.startsWith('一、本年新收')).join('')), 'no blank cell left in the first row');
      await wb.screenshot('blank-cells');
    });
  });

  test('insert-table: "插入表三" in the empty section 三 of a Markdown draft inserts the table, which raises no problem', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = DRAFT;
    const draft = readFileSync(draftPath(ROOT), 'utf8');
    await scenario('insert-table', { [file]: draft }, async (wb, folder) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage('Markdown'); // a Markdown report stays Markdown
      const before = await expectProblems(wb, cliProblems(join(folder, file)), 'the draft');
      assert.deepEqual(before.map((p) => p.code).sort(), ['section-empty', 'table-missing']);

      const lines = draft.split('\n');
      const heading = lines.findIndex((l) => l.startsWith('## 三、'));
      assert.equal(lines[heading + 1], '', 'an empty line follows the heading of 三');
      await wb.goTo(heading + 2);
      await wb.runCommand('插入表三', '年报: 插入表三');

      await expectNoProblems(wb);
      // On screen: the table under the heading of 三.
      await wb.goTo(heading + 1);
      await pollUntil('the table under 三 in the editor', async () => /\|\s*一、本年新收政府信息公开申请数量\s*\|/.test(await wb.visibleText()));

      await save(wb);
      const saved = readFileSync(join(folder, file), 'utf8').split('\n');
      const start = saved.findIndex((l) => l.startsWith('## 三、'));
      const end = saved.findIndex((l) => l.startsWith('## 四、'));
      const table = saved.slice(start + 1, end).filter((l) => l.startsWith('|'));
      assert.ok(table.length >= 25, `a table of ${table.length} rows under 三:\n${saved.slice(start, end).join('\n')}`);
      assert.ok(table.some((l) => l.includes('一、本年新收政府信息公开申请数量')) && table.some((l) => /（七）\s*总计|\(七\)\s*总计/.test(l)));
      assert.deepEqual(cliProblems(join(folder, file)), [], 'nianbao check finds nothing in the saved draft');
      await wb.screenshot('insert-table');
    });
  });

  test('hover-total: hovering a table-三 总计 cell explains what it should be', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = BALANCED_REPORT;
    const original = balancedReport();
    await scenario('hover-total', { [file]: original }, async (wb) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await waitForLenses(wb);
      const { total, numbers, sum } = newRequestsRow(original);
      const explanation = totalExplanation(numbers);

      // The row adds up.
      await wb.goTo(total.line, total.column);
      let hover = await wb.hoverAtCursor();
      await pollUntil('the explanation in the hover', async () => (await hover.innerText()).includes('应等于'));
      let text = await hover.innerText();
      log(`hover: ${text.replace(/\n+/g, ' / ')}`);
      assert.ok(text.includes(`表三 · ${NEW_REQUESTS_ROW} · 总计`), text);
      assert.ok(text.includes(`${explanation} ✓`), `expected "${explanation} ✓" in the hover:\n${text}`);
      await wb.screenshot('hover-total-1-balanced');

      // The same cell with a wrong number typed in: the explanation gives the sum it should be.
      await wb.page.mouse.move(5, 5);
      await wb.page.keyboard.press('Escape');
      await wb.goTo(total.line, total.column);
      for (let i = 0; i < total.text.length; i++) await wb.page.keyboard.press('Shift+ArrowRight');
      const wrong = sum + 2;
      await wb.page.keyboard.type(String(wrong));
      await wb.openProblems();
      await wb.page.locator('.markers-panel .marker-code', { hasText: 'table3-row-total' }).first().waitFor();
      await wb.goTo(total.line, total.column);
      hover = await wb.hoverAtCursor();
      await pollUntil('the new explanation in the hover', async () => (await hover.innerText()).includes(`（现为 ${wrong}）`));
      text = await hover.innerText();
      log(`hover: ${text.replace(/\n+/g, ' / ')}`);
      assert.ok(text.includes(`${explanation}（现为 ${wrong}）`), `expected "${explanation}（现为 ${wrong}）" in the hover:\n${text}`);
      assert.ok(text.includes('table3-row-total'), 'the hover also shows the problem');
      const shot = await wb.screenshot('hover-total');
      if (process.env.NIANBAO_E2E_README_SCREENSHOT) {
        mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
        copyFileSync(shot, join(ROOT, 'docs', 'images', 'screenshot.png'));
        log('docs/images/screenshot.png updated');
      }
    });
  });

  test('pdf-report: a PDF opens in the read-only report view and its problems, with their pages, are in the Problems panel', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = '海原县西安镇2024年政府信息公开工作年度报告.pdf';
    const pdf = readFileSync(join(ROOT, 'test', 'fixtures', 'formats', 'pdf', 'xian-ruled.pdf'));
    await scenario('pdf-report', { [file]: pdf }, async (wb, folder) => {
      const expected = cliProblems(join(folder, file), true);
      assert.deepEqual(expected.map((p) => p.code).sort(), ['fee-statement-missing', 'table3-balance', 'table3-balance']);
      // The Problems panel first: once the view (a webview) has the focus, it takes the keyboard shortcuts.
      await wb.openProblems();
      await wb.quickOpen(file);
      await expectProblems(wb, expected, file);
      // The view itself (a webview): the report's title, its problems, the table cell marked.
      const view = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await view.locator('h1', { hasText: '海原县西安镇人民政府2024年政府信息公开工作年度报告' }).waitFor({ timeout: TIMEOUT_MS });
      assert.equal(await view.locator('.problems li').count(), expected.length);
      assert.ok((await view.locator('td.error').count()) >= 1, 'the cell of the broken balance is marked');
      await view.locator('.problems li.error').first().click();
      await wb.screenshot('pdf-report');
      // 转换为可编辑草稿: a Markdown draft beside the PDF, opened, and checked like any report.
      await view.locator('button#convert').click();
      const draft = join(folder, file.replace(/\.pdf$/, '.md'));
      await pollUntil('the draft beside the PDF', () => existsSync(draft));
      assert.match(readFileSync(draft, 'utf8'), /<td rowspan="22">三、本年度办理结果<\/td>/);
      await pollUntil('the draft open in an editor', async () => (await wb.page.locator('.tabs-container .tab.active').innerText()).includes('.md'));
      await wb.screenshot('pdf-report-draft');
    });
  });

  test('gbk-report: a report saved in GBK gets one message offering "Reopen with Encoding"; reopened as GB18030 it is checked like its UTF-8 copy', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const seed = SEEDS_WITH_PROBLEMS[0];
    const file = 'gbk-' + seed;
    const text = example(seed);
    await scenario('gbk-report', { [file]: gbkBytes(text) }, async (wb, folder) => {
      writeFileSync(join(folder, '..', seed), text);
      const expected = cliProblems(join(folder, '..', seed));
      await wb.quickOpen(file);
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'GB18030' });
      await toast.waitFor({ timeout: TIMEOUT_MS });
      await wb.screenshot('gbk-report-1-message');
      await toast.locator('.monaco-button', { hasText: '通过编码重新打开' }).click();
      const input = wb.page.locator('.quick-input-widget input');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reopen with Encoding' }).first().click();
      await input.fill('gb18030');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'GB18030' }).first().waitFor();
      await wb.page.keyboard.press('Enter');
      await expectProblems(wb, expected, `${file} reopened as GB18030`);
      await wb.screenshot('gbk-report');
    });
  });

  test('workspace-check: 检查工作区中的全部年报 lists the problems of every closed report (text, PDF, a subfolder with its own settings) and the reports in the 年报 view', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const pdf = '来件-某县2024年报.pdf';
    const files: Record<string, string | Buffer> = {
      'pingluo-2024.txt': example('pingluo-2024.txt'),
      [CORRECT_SEED]: example(CORRECT_SEED),
      [pdf]: readFileSync(join(ROOT, 'test', 'fixtures', 'formats', 'pdf', 'xian-ruled.pdf')),
    };
    await scenario('workspace-check', files, async (wb, folder) => {
      // A township's folder whose .nianbao.json turns one of its report's warnings off.
      mkdirSync(join(folder, '乡镇'));
      writeFileSync(join(folder, '乡镇', 'xibao-2023.txt'), example('xibao-2023.txt'));
      writeFileSync(join(folder, '乡镇', '.nianbao.json'), JSON.stringify({ rules: { 'template-outdated': 'off' } }, null, 2));
      const expected = [
        ...cliProblems(join(folder, 'pingluo-2024.txt')),
        ...cliProblems(join(folder, CORRECT_SEED)),
        ...cliProblems(join(folder, pdf), true),
        ...cliProblems(join(folder, '乡镇', 'xibao-2023.txt')),
      ];
      assert.ok(!expected.some((p) => p.code === 'template-outdated'), 'the subfolder’s .nianbao.json is read by the CLI too');
      // Before: no file is open, so nothing is listed (what a reviewer saw until now).
      await expectNoProblems(wb, 500);
      await wb.screenshot('workspace-check-1-before');
      await wb.runCommand('检查工作区中的全部年报', '检查工作区');
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: '份年报' });
      await toast.waitFor({ timeout: TIMEOUT_MS });
      assert.match(await toast.innerText(), /已检查 4 份年报：3 份有错误/);
      await wb.screenshot('workspace-check-2-done');
      // Its button opens the Problems panel (and closes the message, which would cover the list).
      await toast.locator('.monaco-button', { hasText: '查看问题' }).click();
      await toast.waitFor({ state: 'hidden' });
      await expectProblems(wb, expected, 'the closed reports of the workspace');
      // The 年报 view in the Explorer: every report with its year, form and counts.
      await wb.page.keyboard.press('Control+Shift+E');
      const header = wb.page.locator('.pane-header').filter({ has: wb.page.locator('h3.title', { hasText: /^年报$/ }) });
      await header.waitFor();
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const rows = wb.page.locator('.pane', { has: header }).locator('.pane-body .monaco-list-row');
      await pollUntil('the four reports in the 年报 view', async () => (await rows.count()) === 4);
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      log(`年报 view:\n${texts.join('\n')}`);
      assert.ok(texts.some((t) => t.includes(pdf) && t.includes('2024 年度') && t.includes('PDF') && t.includes('2 个错误')), texts.join('\n'));
      assert.ok(texts.some((t) => t.includes(CORRECT_SEED) && t.includes('无问题')), texts.join('\n'));
      await wb.screenshot('workspace-check');
    });
  });

  test('cli-task: 在终端中使用命令行检查 opens a terminal with the nianbao command; its task fills the Problems panel through the problem matchers', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const files = { 'pingluo-2024.txt': example('pingluo-2024.txt'), 'xibao-2023.txt': example('xibao-2023.txt') };
    await scenario('cli-task', files, async (wb, folder) => {
      const expected = [...cliProblems(join(folder, 'pingluo-2024.txt')), ...cliProblems(join(folder, 'xibao-2023.txt'))];
      await wb.openProblems();
      await wb.runCommand('在终端中使用命令行检查', '命令行检查');
      await wb.page.locator('.terminal-tab, .single-terminal-tab, .terminal-tabs-entry', { hasText: 'Nianbao 命令行' }).first().waitFor();
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'nianbao check .' });
      await toast.waitFor();
      await wb.screenshot('cli-task-1-terminal');
      // The task runs the CLI bundled in the extension; the problem matchers read its lines.
      await toast.locator('.monaco-button', { hasText: '作为任务运行' }).click();
      // The task system reads the lines back from the terminal: where a line wrapped at a double-width character,
      // VS Code joins the two halves with a space. Compared without spaces.
      await expectProblems(wb, expected, 'the nianbao task', (p) => ({ ...p, message: p.message.replace(/\s+/g, '') }));
      await wb.screenshot('cli-task');
    });
  });

  test('api-suite: the test:electron scenarios through the VS Code API pass in code-server\'s extension host', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const { server, browser, workRoot } = suiteState();
    const folder = join(workRoot, 'api-suite');
    mkdirSync(folder, { recursive: true });
    makeApiWorkspace(ROOT, folder);
    const report = join(workRoot, 'api-suite.log');
    writeFileSync(join(folder, API_SUITE_MARKER), report);
    const wb = await Workbench.open(browser, `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`);
    try {
      const text = await pollUntil('the API suite to finish', () => existsSync(report) && /^RESULT /m.test(readFileSync(report, 'utf8')) && readFileSync(report, 'utf8'), SCENARIO_TIMEOUT_MS - 10_000, 250);
      log(`API suite (test/electron/suite) in code-server:\n${text.trim()}`);
      await wb.screenshot('api-suite');
      assert.match(text, /^RESULT PASS$/m, text);
      assert.match(text, /^7 passed, 0 failed$/m, text);
    } catch (err) {
      await wb.screenshot('api-suite-failure').catch(() => undefined);
      throw err;
    } finally {
      await wb.close().catch(() => undefined);
    }
  });
});
