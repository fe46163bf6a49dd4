// Tables people can read, in a real VS Code (code-server + Chromium, see suite.ts): a .txt report's tab tables
// shown aligned by default (the server's inlay hints, CJK spaced to two columns by the client; a narrow editor
// wraps the rows) and 表格预览 beside it.
//
//   npm run package && node --import tsx --test --test-reporter=spec test/e2e/tables.e2e.ts
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { log, pollUntil, type Workbench } from './harness';
import { BALANCED_REPORT, LANGUAGE_LABEL, newRequestsRow, NEW_REQUESTS_ROW } from './scenarios';
import { balancedReport, e2eSuite, scenario, SCENARIO_TIMEOUT_MS, waitForLenses } from './suite';

/** Table 三's data rows of `text`: 1-based line and the 1-based column of their first and last number cell. */
function table3Rows(text: string): { line: number; first: number; last: number }[] {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith(NEW_REQUESTS_ROW));
  const to = lines.findIndex((l) => l.startsWith('四、结转下年度继续办理'));
  const out: { line: number; first: number; last: number }[] = [];
  for (let i = from; i <= to; i++) {
    const cells = lines[i].replace(/\r$/, '').split('\t');
    const at: number[] = [];
    let offset = 0;
    for (const c of cells) {
      if (/^\d+$/.test(c)) at.push(offset);
      offset += c.length + 1;
    }
    if (at.length === 7) out.push({ line: i + 1, first: at[0] + 1, last: at[6] + 1 });
  }
  return out;
}

/** Where the cursor is drawn with it at line:column (1-based, characters), from the left of the lines (which scroll). */
async function cursorX(wb: Workbench, line: number, column: number): Promise<number> {
  await wb.goTo(line, column);
  const read = async () => {
    const cursor = await wb.cursorBox();
    const lines = await wb.page.locator('.editor-group-container.active .monaco-editor .lines-content').boundingBox();
    assert.ok(lines, 'the editor lines are on screen');
    return Math.round(cursor.x - lines.x);
  };
  // Once the view has scrolled to the cursor and stays put.
  let last = await read();
  return pollUntil(`the cursor at ${line}:${column} to stay put`, async () => {
    await wb.page.waitForTimeout(50);
    const x = await read();
    const same = x === last;
    last = x;
    return same ? x : undefined;
  });
}

/** The cursor's top at line:column (1-based), from the top of the lines (which scroll). */
async function cursorY(wb: Workbench, line: number, column: number): Promise<number> {
  await wb.goTo(line, column);
  await wb.page.waitForTimeout(100);
  const cursor = await wb.cursorBox();
  const lines = await wb.page.locator('.editor-group-container.active .monaco-editor .lines-content').boundingBox();
  assert.ok(lines, 'the editor lines are on screen');
  return Math.round(cursor.y - lines.y);
}

/** Spans of the editor's lines drawn with letter spacing (the Chinese characters of aligned tables). */
const spaced = (wb: Workbench) =>
  wb.page.locator('.editor-group-container.active .view-lines span span').evaluateAll((els) => els.filter((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { letterSpacing: string } }).getComputedStyle(el).letterSpacing !== 'normal').length);

const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

e2eSuite('Tables people can read (code-server + Chromium)', () => {
  test('tables-aligned: with alignWide the columns of table 三 of a .txt report line up on a wide screen, the text unchanged', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = BALANCED_REPORT;
    const text = balancedReport();
    // Aligned table 三 is about 185 columns for tab size 4 (nianbao.tables.alignWide): a 1920-pixel window without
    // the side bar holds it.
    await scenario('tables-aligned', { [file]: text, '.vscode/settings.json': JSON.stringify({ 'nianbao.tables.alignWide': true }, null, 2) }, async (wb) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await waitForLenses(wb);
      await wb.page.keyboard.press('Control+B'); // the side bar away: the table gets the width of the window
      const rows = table3Rows(text);
      assert.ok(rows.length >= 20, `table 三 has ${rows.length} full rows`);
      // The first number (自然人) and the last (总计) of every row: the same x on screen, within 2 pixels.
      const first = await pollUntil('the inlay hints to align the 自然人 column', async () => {
        const xs: number[] = [];
        for (const r of rows.slice(0, 3)) xs.push(await cursorX(wb, r.line, r.first));
        return spread(xs) <= 2 ? xs : undefined;
      });
      log(`自然人 x of the first rows: ${first.join(', ')}`);
      const firsts: number[] = [];
      const lasts: number[] = [];
      for (const r of rows) {
        firsts.push(await cursorX(wb, r.line, r.first));
        lasts.push(await cursorX(wb, r.line, r.last));
      }
      log(`自然人 column x: ${firsts.join(', ')}\n总计 column x: ${lasts.join(', ')}`);
      assert.ok(spread(firsts) <= 2, `the 自然人 cells start at x ${firsts.join(', ')}`);
      assert.ok(spread(lasts) <= 2, `the 总计 cells start at x ${lasts.join(', ')}`);
      assert.ok(Math.min(...lasts) > Math.max(...firsts) + 100, 'the 总计 column is right of the 自然人 column');
      // Nothing was written into the document: the editor is not dirty.
      assert.equal(await wb.page.locator('.tabs-container .tab.active.dirty').count(), 0, 'the document is unchanged');
      await wb.goTo(rows[0].line - 3, 1);
      await wb.page.keyboard.press('Escape');
      await wb.screenshot('tables-aligned');
    }, { width: 1920, height: 1000 });
  });

  test('tables-narrow: beside the side bar 表二 is aligned and 表三 stays as written (one line a row); alignWide wraps its rows, no number out of sight; align false turns it off', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = BALANCED_REPORT;
    const text = balancedReport();
    const hints = (wb: Workbench) => wb.page.locator('.view-lines span[class*="dyn-rule"]').count();
    await scenario('tables-narrow', { [file]: text, '.vscode/settings.json': '{}' }, async (wb, folder) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await waitForLenses(wb);
      const rows = table3Rows(text);
      const lines = text.split('\n');
      const t2 = ['规章', '行政规范性文件'].map((label) => {
        const i = lines.findIndex((l) => l.startsWith(label + '\t'));
        return { line: i + 1, first: lines[i].indexOf('\t') + 2 };
      });
      // By default: 表二 (60 columns aligned) lines up, 表三 (about 185) is the text as it is.
      await wb.goTo(t2[0].line, 1);
      const x2 = await pollUntil('表二 aligned', async () => {
        const xs = [await cursorX(wb, t2[0].line, t2[0].first), await cursorX(wb, t2[1].line, t2[1].first)];
        return spread(xs) <= 2 ? xs : undefined;
      });
      log(`表二 first numbers at x ${x2.join(', ')}`);
      assert.equal(await cursorY(wb, rows[0].line, rows[0].last), await cursorY(wb, rows[0].line, 1), '表三 unaligned: the row fits on one line');
      await wb.goTo(rows[0].line - 3, 1);
      await wb.page.keyboard.press('Escape');
      await wb.screenshot('tables-narrow-1-default');

      // nianbao.tables.alignWide: 表三 aligned too; its rows wrap, and every 总计 is left of the editor's right edge.
      writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'nianbao.tables.alignWide': true }, null, 2));
      await pollUntil('the row of 表三 to wrap', async () => ((await cursorY(wb, rows[0].line, rows[0].last)) > (await cursorY(wb, rows[0].line, 1)) ? true : undefined));
      const view = await wb.page.locator('.editor-group-container.active .monaco-editor .overflow-guard').boundingBox();
      assert.ok(view, 'the editor is on screen');
      for (const r of rows) {
        await wb.goTo(r.line, r.last);
        const total = await wb.cursorBox();
        assert.ok(total.x < view.x + view.width - 5, `line ${r.line}: the 总计 cell at x ${Math.round(total.x)}, the editor ends at ${Math.round(view.x + view.width)}`);
      }
      await wb.goTo(rows[0].line - 3, 1);
      await wb.page.keyboard.press('Escape');
      await wb.screenshot('tables-narrow-2-align-wide');

      // nianbao.tables.align false: no hints at all, and the Chinese characters no longer spaced.
      writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'nianbao.tables.align': false, 'nianbao.tables.alignWide': true }, null, 2));
      await pollUntil('the inlay hints to go', async () => ((await hints(wb)) === 0 ? true : undefined));
      assert.equal(await cursorY(wb, rows[0].line, rows[0].last), await cursorY(wb, rows[0].line, 1), 'unaligned, the row fits on one line');
      await pollUntil('no spaced characters', async () => ((await spaced(wb)) === 0 ? true : undefined));

      // The editor's inlay hints off: nothing aligned, so the characters are not spaced either.
      writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'editor.inlayHints.enabled': 'off' }, null, 2));
      await wb.goTo(t2[0].line, 1);
      await wb.page.waitForTimeout(1000);
      assert.equal(await hints(wb), 0);
      assert.equal(await spaced(wb), 0, 'no spaced characters without the hints');
      writeFileSync(join(folder, '.vscode', 'settings.json'), '{}');
      await pollUntil('表二 spaced again', async () => ((await spaced(wb)) > 0 ? true : undefined));
    });
  });

  test('table-preview: 表格预览 beside the report shows tables 二/三/四, turns a wrong total red and a click goes to the cell', { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    const file = BALANCED_REPORT;
    const text = balancedReport();
    await scenario('table-preview', { [file]: text }, async (wb) => {
      await wb.quickOpen(file);
      await wb.waitForLanguage(LANGUAGE_LABEL);
      await waitForLenses(wb);
      await wb.page.keyboard.press('Control+B');
      await wb.runCommand('表格预览', '年报: 表格预览');
      await wb.page.locator('.tabs-container .tab', { hasText: '表格预览' }).waitFor();
      const view = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const titles = view.locator('h2');
      await titles.first().waitFor();
      assert.deepEqual(await titles.allInnerTexts(), ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
      const t3 = view.locator('table[data-kind="t3"]');
      assert.match(await t3.locator('th').first().innerText(), /勾稽关系/);
      assert.equal(await t3.locator('th', { hasText: '法人或其他组织' }).getAttribute('colspan'), '5', 'the merged header cell spans five columns');

      // The new-requests row: its 总计 balances (green) and says its sum.
      const { total, numbers, sum } = newRequestsRow(text);
      const totalCell = t3.locator(`td[data-line="${total.line - 1}"]`).last();
      await pollUntil('the 总计 cell to be marked balanced', async () => ((await totalCell.getAttribute('class')) ?? '').includes('ok'));
      const tip = (await totalCell.getAttribute('title')) ?? '';
      assert.ok(tip.includes(`${numbers.slice(0, 6).join(' + ')} = ${sum} ✓`), `the tooltip says the sum: ${tip}`);
      await wb.screenshot('table-preview-1-balanced');

      // Type a wrong total in the report: the preview cell turns red.
      await wb.goTo(total.line, total.column);
      for (let i = 0; i < total.text.length; i++) await wb.page.keyboard.press('Shift+ArrowRight');
      await wb.page.keyboard.type(String(sum + 2));
      await pollUntil('the 总计 cell to turn red', async () => ((await totalCell.getAttribute('class')) ?? '').includes('bad'));
      assert.equal(await totalCell.innerText(), String(sum + 2));
      assert.match((await totalCell.getAttribute('title')) ?? '', new RegExp(`现为 ${sum + 2}`));
      await wb.screenshot('table-preview-2-broken');

      // A click on a cell of table 四 in the preview: the report's cursor goes to that cell.
      const t4cell = view.locator('table[data-kind="t4"] td').first();
      const line = Number(await t4cell.getAttribute('data-line'));
      await t4cell.click();
      await pollUntil(`the cursor on line ${line + 1}`, async () => (await wb.page.locator('[id="status.editor.selection"]').innerText()).trim().startsWith(`Ln ${line + 1},`));
      const selected = (await wb.page.locator('[id="status.editor.selection"]').innerText()).trim();
      log(`after the click: ${selected}`);
      assert.match(selected, /\(1 selected\)/, 'the cell is selected');
      await wb.screenshot('table-preview');
    });
  });
});
