// End-to-end (issue 15, points 5, 6, 7 and 13): what the table code lens says over a table with problems and
// how wide a one-cell squiggle is; Format Document on a Markdown 表三 and on a plain-text report; the quick-fix
// menu's order and 在工作区中关闭规则 writing `.nianbao.json`; a half-typed `.nianbao.json`; the Outline of a
// Markdown report. Run: npm run package && node --import tsx --test --test-reporter=spec test/e2e/lens.e2e.ts
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText, displayWidth, tableLenses } from '../../core/src/index';
import { log, pollUntil, ROOT, TIMEOUT_MS, type Workbench } from './harness';
import { LANGUAGE_LABEL } from './scenarios';
import { balancedReport, cliProblems, e2eSuite, expectProblems, save, scenario, SCENARIO_TIMEOUT_MS, waitForLenses } from './suite';

const fixture = (path: string) => readFileSync(join(ROOT, 'test', 'fixtures', path), 'utf8');
const MD_REPORT = () => fixture('md/000.md');

/** The squiggles drawn on the cursor's line, as boxes. */
async function squigglesOnCursorLine(wb: Workbench): Promise<{ x: number; width: number }[]> {
  const cursor = await wb.cursorBox();
  const boxes = await wb.squiggles().evaluateAll((els) => els.map((el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
  return boxes.filter((b) => b.y < cursor.y + cursor.height && b.y + b.height > cursor.y);
}

/** Format Document from the command palette (not "Format Document With…"). */
async function formatDocument(wb: Workbench): Promise<void> {
  await wb.focusEditor();
  const input = wb.page.locator('.quick-input-widget input');
  await wb.page.keyboard.press('Control+Shift+P');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Format Document');
  const entry = wb.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Format Document' }).filter({ hasNotText: 'With' }).first();
  await entry.waitFor();
  await entry.click();
  await input.waitFor({ state: 'hidden' });
}

/** The quick-fix menu's action titles, top to bottom. */
async function quickFixTitles(wb: Workbench): Promise<string[]> {
  const rows = wb.page.locator('.action-widget .monaco-list-row.action');
  await rows.first().waitFor();
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

e2eSuite('Nianbao lenses, formatting, quick fixes and the Outline (code-server + Chromium)', () => {
  test('lens-problems: the code lens over a table with a missing row and a blank cell says so, a click goes to the first problem; a blank cell is underlined over its whole width', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = 'hekou-2024.txt';
    const lines = balancedReport().split('\n');
    lines.splice(lines.findIndex((l) => l.startsWith('\t\t8.属于行政查询事项')), 1);
    const blankAt = lines.findIndex((l) => l.startsWith('\t\t2.重复申请'));
    lines[blankAt] = lines[blankAt].replace('\t0\t', '\t\t');
    const text = lines.join('\n');
    const expected = tableLenses(checkText(text, 'text').report, checkText(text, 'text').diagnostics, 'zh-cn').map((l) => l.title);
    assert.equal(expected[0], '表格有误：缺 1 行，1 格未填数');
    await scenario('lens-problems', { [file]: text }, async (wb, folder) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      const problems = await expectProblems(wb, cliProblems(join(folder, file)), file);
      assert.deepEqual(problems.map((p) => p.code).sort(), ['table-cell-blank', 'table-row-missing']);
      const tableAt = lines.findIndex((l) => l.includes('勾稽关系为'));
      await wb.goTo(tableAt + 12);
      const lenses = await waitForLenses(wb);
      log(`code lenses: ${lenses.join(' | ')}`);
      assert.deepEqual(lenses, expected);
      assert.ok(!lenses[0].includes('平衡'), 'not "balanced" over a table with problems');

      // A click on the lens (brought on screen): the cursor goes to the table's first problem.
      await wb.goTo(tableAt - 1);
      const lens = wb.codeLenses().locator('a', { hasText: '表格有误' }).first();
      await lens.waitFor();
      await wb.screenshot('lens-problems-1-lens');
      await lens.click();
      const first = problems.sort((a, b) => a.line - b.line || a.column - b.column)[0];
      await pollUntil(`the cursor on line ${first.line}`, async () => (await wb.page.locator('[id="status.editor.selection"]').innerText()).trim().startsWith(`Ln ${first.line},`));
      await wb.screenshot('lens-problems');

      // The blank cell: its squiggle covers the cell (the tab after it), several characters wide.
      await wb.goTo(blankAt + 1, 3);
      const x3 = (await wb.cursorBox()).x;
      await wb.goTo(blankAt + 1, 4);
      const charWidth = (await wb.cursorBox()).x - x3;
      const blank = problems.find((p) => p.code === 'table-cell-blank')!;
      assert.equal(blank.line, blankAt + 1, 'the blank cell is on that line');
      await wb.goTo(blank.line, blank.column);
      const boxes = await pollUntil('the squiggle of the blank cell', async () => { const b = await squigglesOnCursorLine(wb); return b.length ? b : undefined; });
      const widest = Math.max(...boxes.map((b) => b.width));
      log(`blank-cell squiggle ${widest.toFixed(1)} px wide; a character is ${charWidth.toFixed(1)} px`);
      assert.ok(widest >= 1.9 * charWidth, `the squiggle is ${widest} px, a character ${charWidth} px`);
      await wb.page.keyboard.press('Escape');
      await wb.screenshot('lens-blank-cell-squiggle');
    });
  });

  test('format-md-table3: Format Document on a Markdown 表三 aligns the rows; the 勾稽关系 note does not widen its column', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = 'xian-2024.md';
    await scenario('format-md-table3', { [file]: MD_REPORT() }, async (wb, folder) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage('Markdown');
      await waitForLenses(wb);
      await formatDocument(wb);
      await wb.page.locator('.tabs-container .tab.active.dirty').waitFor();
      await save(wb);
      const saved = readFileSync(join(folder, file), 'utf8');
      assert.notEqual(saved, MD_REPORT(), 'formatted');
      assert.equal(saved.replace(/[ -]/g, ''), MD_REPORT().replace(/[ -]/g, ''), 'only spaces (and dashes of delimiter rows) changed');
      const rows = saved.split('\n');
      const head = rows.findIndex((l) => l.includes('勾稽关系为'));
      const body = rows.slice(head + 2, head + 27).filter((l) => l.startsWith('|'));
      const pipe = (l: string) => displayWidth(l.slice(0, l.indexOf('|', 1)));
      assert.equal(new Set(body.map(pipe)).size, 1, body.join('\n'));
      assert.ok(pipe(body[0]) < pipe(rows[head]), 'the first column is narrower than the note');
      // A wide table reads unwrapped (Markdown wraps long lines by default): Alt+Z, as a person does.
      await wb.runCommand('View: Toggle Word Wrap');
      await wb.goTo(head - 1);
      await pollUntil('表三 on screen', async () => (await wb.visibleText()).includes('一、本年新收政府信息公开申请数量'));
      await wb.screenshot('format-md-table3');
    });
  });

  test('format-txt: Format Document on a plain-text report changes nothing and says why, in Chinese', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = 'hekou-2024.txt';
    await scenario('format-txt', { [file]: balancedReport() }, async (wb, folder) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await waitForLenses(wb);
      await formatDocument(wb);
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: '不能用空格对齐' });
      await toast.waitFor({ timeout: TIMEOUT_MS });
      log(`message: ${await toast.innerText()}`);
      assert.equal(await wb.page.locator('.tabs-container .tab.active.dirty').count(), 0, 'the document is unchanged');
      assert.equal(readFileSync(join(folder, file), 'utf8'), balancedReport());
      await wb.screenshot('format-txt');
    });
  });

  test('quick-fix-order: Ctrl+. lists the fix first, then "fix all of this rule", then the disable actions; 在工作区中关闭规则 writes and saves a new .nianbao.json', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = 'xian-2024.txt';
    const rule = 'year-mismatch';
    await scenario('quick-fix-order', { [file]: fixture('rules/year-mismatch/fail-leftover-years.txt') }, async (wb, folder) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      const problems = await expectProblems(wb, cliProblems(join(folder, file)), file);
      const p = problems.find((x) => x.code === rule)!;
      await wb.goTo(p.line, p.column);
      await wb.page.keyboard.press('Control+.');
      const titles = await quickFixTitles(wb);
      log(`quick fixes: ${titles.join(' | ')}`);
      const kind = (t: string) => (/禁用|关闭规则/.test(t) ? 'disable' : new RegExp(`所有 ${rule}`).test(t) ? 'fixAll' : 'fix');
      const kinds = titles.map(kind);
      assert.equal(kinds[0], 'fix', titles.join(' | '));
      assert.deepEqual([...new Set(kinds)], ['fix', 'fixAll', 'disable'], titles.join(' | '));
      assert.match((await wb.page.locator('.action-widget .monaco-list-row.action').first().getAttribute('class')) ?? '', /\bfocused\b/, 'the fix is focused');
      await wb.screenshot('quick-fix-order');

      assert.ok(!existsSync(join(folder, '.nianbao.json')));
      // Down to it with the keyboard, then Enter (the menu's pointer block swallows a synthetic click).
      const off = wb.page.locator('.action-widget .monaco-list-row.action.focused', { hasText: `在工作区中关闭规则 ${rule}` });
      for (let i = 0; i < titles.length && !(await off.count()); i++) await wb.page.keyboard.press('ArrowDown');
      await off.waitFor();
      await wb.page.keyboard.press('Enter');
      const config = await pollUntil('.nianbao.json written', async () => (existsSync(join(folder, '.nianbao.json')) ? readFileSync(join(folder, '.nianbao.json'), 'utf8') : undefined));
      assert.deepEqual(JSON.parse(config), { rules: { [rule]: 'off' } });
      await wb.openProblems();
      await wb.page.locator('.markers-panel .marker-code', { hasText: rule }).first().waitFor({ state: 'detached' });
      assert.equal(await wb.page.locator('.tabs-container .tab.dirty').count(), 0, 'nothing left unsaved');
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: rule }).waitFor();
      await wb.screenshot('disable-rule-new-file');
    });
  });

  test('config-half-typed: a .nianbao.json being typed raises nothing; saved half-typed, one message in Chinese says where it breaks', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = 'hekou-2024.txt';
    await scenario('config-half-typed', { [file]: balancedReport(), '.nianbao.json': '' }, async (wb) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await waitForLenses(wb);
      await wb.quickOpen('.nianbao.json');
      await wb.focusEditor();
      await wb.page.keyboard.type('{\n"rules": {\n"table3-balance": "off"\n"date-late');
      const nianbaoToast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Nianbao' });
      // Typing (unsaved): nothing said, for a while.
      const until = Date.now() + 2000;
      while (Date.now() < until) {
        assert.equal(await nianbaoToast.count(), 0, 'no message while the file is being typed');
        await wb.page.waitForTimeout(200);
      }
      await wb.screenshot('config-half-typed-1-typing');
      await save(wb);
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: '不是有效的 JSON' });
      await toast.waitFor({ timeout: TIMEOUT_MS });
      const message = await toast.innerText();
      log(`message: ${message}`);
      assert.match(message, /第 4 行第 \d+ 列附近有误/);
      await wb.screenshot('config-half-typed');
    });
  });

  test('outline-md: the Outline of a Markdown report lists the six sections once (one outline, not two)', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = 'xian-2024.md';
    await scenario('outline-md', { [file]: MD_REPORT() }, async (wb) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage('Markdown');
      await waitForLenses(wb);
      const outline = await wb.openOutline();
      // The Markdown outline nests the sections under the title: open it (a click on its arrow).
      const top = await pollUntil('the Outline', async () => { const all = await outline.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? '')); return all.length ? all : undefined; });
      log(`Outline, collapsed: ${top.join(' | ')}`);
      const collapsed = wb.page.locator('.outline-pane .monaco-list-row .monaco-tl-twistie.collapsible.collapsed');
      while (await collapsed.count()) {
        await collapsed.first().click();
        await wb.page.waitForTimeout(100);
      }
      const SECTIONS = ['一、', '二、', '三、', '四、', '五、', '六、'];
      const section = (s: string) => new RegExp(`^(?:#+\\s*)?${s}`);
      const labels = await pollUntil('the six sections in the Outline', async () => {
        const all = await outline.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
        return SECTIONS.every((s) => all.some((l) => section(s).test(l))) ? all : undefined;
      });
      log(`Outline: ${labels.join(' | ')}`);
      for (const s of SECTIONS) assert.equal(labels.filter((l) => section(s).test(l)).length, 1, `${s} once: ${labels.join(' | ')}`);
      // One provider: no group rows (VS Code shows a group per provider when two give symbols).
      assert.ok(!labels.some((l) => /Markdown|Nianbao|nianbao/.test(l) && !/年度报告/.test(l)), labels.join(' | '));
      await wb.screenshot('outline-md');
    });
  });
});
