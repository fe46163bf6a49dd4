// Smoke test in a real VS Code (code-server + headless Chromium, see test/e2e/harness.ts):
// packages and installs the extension, opens a workspace of real reports, opens a report whose table 3
// has been made inconsistent, and checks what a person would see: the language mode switches to
// "Nianbao 年报", the table-3 problems are listed in the Problems panel and squiggled in the editor,
// and the Outline shows the report's structure. Saves screenshots to test-results/e2e/ and the README
// screenshot to docs/images/screenshot.png.
//
//   node --import tsx test/e2e/smoke.ts            (NIANBAO_E2E_SKIP_PACKAGE=1 reuses .cache/nianbao.vsix)
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, launchBrowser, log, packageExtension, pollUntil, RESULTS, ROOT, setupCodeServer, VSIX, Workbench } from './harness';

const LANGUAGE_LABEL = 'Nianbao 年报';
/** What a Chinese user runs VS Code in: the extension's messages, outline and status bar follow it. */
const DISPLAY_LANGUAGE = process.env.NIANBAO_E2E_LANGUAGE || 'zh-cn';
const README_SCREENSHOT = join(ROOT, 'docs', 'images', 'screenshot.png');
const BROKEN_ROW = '一、本年新收政府信息公开申请数量';

/** A copy of examples/ plus broken.txt: haiyuan-xian-2024 with the first number of the new-requests row 0 -> 3. */
function makeWorkspace(): string {
  // The folder's name shows in the explorer and the title bar (and so in the README screenshot).
  const ws = join(mkdtempSync(join(tmpdir(), 'nianbao-e2e-ws-')), '政府信息公开年报');
  mkdirSync(ws);
  const examples = join(ROOT, 'examples');
  for (const name of readdirSync(examples).filter((n) => n.endsWith('.txt'))) copyFileSync(join(examples, name), join(ws, name));
  const lines = readFileSync(join(examples, 'haiyuan-xian-2024.txt'), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith(BROKEN_ROW));
  if (i < 0) throw new Error(`no row starting ${BROKEN_ROW} in haiyuan-xian-2024.txt`);
  const broken = lines[i].replace(/^(\S+\t+)0(?=\t)/, '$13');
  if (broken === lines[i]) throw new Error(`the row ${BROKEN_ROW} does not start with a 0: ${JSON.stringify(lines[i])}`);
  lines[i] = broken;
  writeFileSync(join(ws, 'broken.txt'), lines.join('\n'));
  return ws;
}

async function main(): Promise<void> {
  const started = Date.now();
  setupCodeServer();
  if (process.env.NIANBAO_E2E_SKIP_PACKAGE && existsSync(VSIX)) log(`reusing ${VSIX}`);
  else { log('building and packaging the extension'); packageExtension(); }

  rmSync(RESULTS, { recursive: true, force: true });
  const workspace = makeWorkspace();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  let readme: string | undefined; // the screenshot for the README
  try {
    server = await CodeServer.start({ workspace, extensions: [VSIX] });
    browser = await launchBrowser();
    wb = await Workbench.open(browser, server.url, { displayLanguage: DISPLAY_LANGUAGE });
    await wb.waitForExplorerItem('broken.txt');
    log('workbench is up');
    await wb.screenshot('01-workbench');

    await wb.quickOpen('broken.txt');
    log('broken.txt is open; waiting for the language switch');
    await wb.waitForLanguage(LANGUAGE_LABEL);
    log(`language mode: ${LANGUAGE_LABEL}`);

    const rows = await wb.openProblems();
    // broken.txt's new-requests row no longer adds up: at least table3-row-total must be reported.
    const table3 = rows.filter({ hasText: 'table3-row-total' });
    await table3.first().waitFor();
    const problems = await rows.allInnerTexts();
    log(`Problems panel (${problems.length} rows):\n  ${problems.map((t) => t.replace(/\s+/g, ' ')).join('\n  ')}`);
    await wb.screenshot('02-problems');

    // Reveal the first table-3 problem in the editor: its squiggle is drawn only when the line is visible.
    await table3.first().click();
    await pollUntil('a squiggle in the editor', async () => (await wb!.squiggles().count()) > 0);
    log(`squiggles rendered: ${await wb.squiggles().count()}`);
    // Collapse the selection the click made so that the squiggle is not hidden under it.
    await wb.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
    await wb.page.keyboard.press('Escape');
    await pollUntil('the selection to collapse', async () => !/selected/.test(await wb!.page.locator('[id="status.editor.selection"]').innerText()));
    await wb.screenshot('03-squiggles-problems');

    // The Outline view (document symbols from the server), with the explorer's file list collapsed so that
    // it gets the room.
    try {
      await wb.runCommand('Explorer: Focus on Outline View');
      const outlineRows = wb.page.locator('.outline-pane .monaco-list-row');
      await outlineRows.first().waitFor({ timeout: 15_000 });
      const folders = wb.page.locator('.pane-header[aria-label*="Explorer Section"][aria-expanded="true"]');
      if (await folders.count()) await folders.first().click();
      await wb.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
      log(`outline: ${(await outlineRows.allInnerTexts()).map((t) => t.trim()).join(' | ')}`);
      await wb.screenshot('04-outline');
    } catch (err) {
      log(`outline not shown (not a failure of the smoke test): ${String(err)}`);
    }

    // Hovering the squiggle shows the message in place.
    // (The mouse, not locator.hover(): that scrolls the squiggle under the sticky-scroll headers.)
    const box = await wb.squiggles().first().boundingBox();
    if (!box) throw new Error('the squiggle has no bounding box');
    await wb.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 3);
    const hover = wb.page.locator('.monaco-hover:visible', { hasText: 'table3' });
    await hover.first().waitFor();
    readme = await wb.screenshot('05-hover');

    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
    copyFileSync(readme ?? join(RESULTS, '03-squiggles-problems.png'), README_SCREENSHOT);
    log(`README screenshot: ${README_SCREENSHOT}`);
    log(`smoke test passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (err) {
    if (wb) await wb.screenshot('failure').catch(() => undefined);
    throw err;
  } finally {
    server?.saveLogs();
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(dirname(workspace), { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
