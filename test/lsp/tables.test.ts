// Tables people can read, over the protocol (dist/server.js over stdio): textDocument/inlayHint shows table rows
// aligned in any editor (on by default; the VS Code client too), nianbao/tableLayout gives the same spaces on request
// (with a tab size: for a client that draws them itself), nianbao.tables.align false turns both off, and nianbao/tablePreview gives tables 二/三/四 with their identities.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InlayHintRequest, type InlayHint } from 'vscode-languageserver-protocol/node';
import { displayWidth } from '../../core/src/editor/width';
import { fixtureText, LspClient, numberCells, uriFor } from './harness';

const TEXT = fixtureText('cross-year/hekou-2024.txt');
const LINES = TEXT.split('\n');
const NEW_ROW = '一、本年新收政府信息公开申请数量';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: LINES.length, character: 0 } };

/** The columns where the number cells of table 三's data rows start once the hints are shown as text. */
function numberColumns(hints: InlayHint[], tabSize: number): number[][] {
  const from = LINES.findIndex((l) => l.startsWith(NEW_ROW));
  const to = LINES.findIndex((l) => l.startsWith('四、结转下年度继续办理'));
  const out: number[][] = [];
  for (let line = from; line <= to; line++) {
    const text = LINES[line];
    const here = hints.filter((h) => h.position.line === line);
    let col = 0;
    const starts: number[] = [];
    let cellStart = 0;
    for (let i = 0; i <= text.length; i++) {
      for (const h of here) if (h.position.character === i) col += displayWidth(h.label as string);
      if (i === 0 || text[i - 1] === '\t') cellStart = col;
      if (i === text.length || text[i] === '\t') {
        const cell = text.slice(text.lastIndexOf('\t', i - 1) + 1, i);
        if (/^\d+$/.test(cell)) starts.push(cellStart);
        if (i === text.length) break;
        col += tabSize - (col % tabSize);
      } else col += displayWidth(text[i]);
    }
    if (starts.length === 7) out.push(starts);
  }
  return out;
}

describe('tables over LSP', () => {
  /** nianbao.tables; undefined: the settings are not given (their defaults). */
  let tables: { align?: unknown; alignWide?: unknown } | undefined = { alignWide: true };
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({
      configuration: (item) => (item.section === 'nianbao' ? { debounceMs: 0, ...(tables === undefined ? {} : { tables }) } : null),
      capabilities: { workspace: { configuration: true } },
    });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  test('inlay hints (with alignWide): spaces before the tabs; with them the numbers of table 三 line up for tab sizes 2, 4 and 8', async () => {
    assert.ok(client.initializeResult.capabilities.inlayHintProvider, 'the server offers inlay hints');
    const uri = uriFor('tables/hekou-2024.txt');
    await client.open(uri, 'plaintext', TEXT, 1);
    await client.nextDiagnostics(uri, 1);
    const hints = (await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE })) ?? [];
    assert.ok(hints.length > 100, `${hints.length} hints`);
    for (const h of hints) assert.match(h.label as string, /^ +$/);
    for (const tabSize of [2, 4, 8]) {
      const rows = numberColumns(hints, tabSize);
      assert.ok(rows.length >= 20, `${rows.length} full rows of table 三`);
      for (let k = 0; k < 7; k++) assert.equal(new Set(rows.map((r) => r[k])).size, 1, `column ${k} starts at ${rows.map((r) => r[k]).join(', ')} (tab size ${tabSize})`);
    }
    // Only the requested lines.
    const line = LINES.findIndex((l) => l.startsWith(NEW_ROW));
    const some = (await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } } })) ?? [];
    assert.ok(some.length > 0 && some.every((h) => h.position.line === line));
  });

  test('nianbao/editorTabSize: hints laid out for the editor\'s tab size, narrower, still lined up', async () => {
    const uri = uriFor('tables/tab4.txt');
    await client.open(uri, 'plaintext', TEXT, 1);
    await client.nextDiagnostics(uri, 1);
    const ask = async () => (await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE })) ?? [];
    const eight = numberColumns(await ask(), 8);
    await client.conn.sendNotification('nianbao/editorTabSize', { uri, tabSize: 4 });
    const hints = await (async () => {
      for (let i = 0; i < 50; i++) {
        const h = await ask();
        if (numberColumns(h, 4)[0]?.[6] !== eight[0][6]) return h;
        await new Promise((r) => setTimeout(r, 20));
      }
      return null;
    })();
    assert.ok(hints, 'the hints change once the tab size is said');
    const rows = numberColumns(hints, 4);
    assert.ok(rows.length >= 20);
    for (let k = 0; k < 7; k++) assert.equal(new Set(rows.map((r) => r[k])).size, 1, `column ${k} at ${rows.map((r) => r[k]).join(', ')} (tab size 4)`);
    assert.ok(rows[0][6] < eight[0][6], `总计 at column ${rows[0][6]} for tab size 4, ${eight[0][6]} for stops of 8`);
    // A tab size out of range is ignored.
    await client.conn.sendNotification('nianbao/editorTabSize', { uri, tabSize: 0 });
    assert.deepEqual(numberColumns(await ask(), 4), rows);
  });

  test('nianbao/tableLayout: the spaces for a tab size, with the width of each tab; whole tables', async () => {
    const uri = uriFor('tables/hekou-2024.txt');
    const line = LINES.findIndex((l) => l.startsWith(NEW_ROW));
    const answer = await client.conn.sendRequest<{ version: number; pads: { line: number; character: number; width: number; tab?: number }[] }>('nianbao/tableLayout', { uri, range: { start: { line, character: 0 }, end: { line, character: 0 } }, tabSize: 4 });
    assert.equal(answer.version, 1);
    const lines = new Set(answer.pads.map((p) => p.line));
    assert.ok(lines.size > 20, 'every row of table 三, not only the line asked for');
    for (const p of answer.pads) if (p.tab !== undefined) assert.ok(LINES[p.line][p.character] === '\t' && p.tab >= 1 && p.tab <= 4);
    // Without a tab size: the inlay hints' spaces, for every row of the tables in the range (the VS Code client
    // spaces the Chinese characters of those lines).
    const hintsLayout = await client.conn.sendRequest<{ pads: { line: number; character: number; width: number; tab?: number }[] }>('nianbao/tableLayout', { uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } });
    const hints = (await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE })) ?? [];
    const t3 = new Set(hintsLayout.pads.map((p) => p.line));
    assert.deepEqual(
      hintsLayout.pads.map((p) => [p.line, p.character, ' '.repeat(p.width)]),
      hints.filter((h) => t3.has(h.position.line)).map((h) => [h.position.line, h.position.character, h.label]),
    );
    assert.ok(hintsLayout.pads.every((p) => p.tab === undefined));
  });

  test('nianbao/tablePreview: tables 二, 三 and 四, a total that does not add up is marked, with the sum', async () => {
    const uri = uriFor('tables/preview.txt');
    await client.open(uri, 'plaintext', TEXT, 1);
    await client.nextDiagnostics(uri, 1);
    type Preview = { tables: { kind: string; rows: { text: string; status?: string; tip?: string; range?: { start: { line: number } } }[][] }[] };
    const totalOf = (p: Preview, line: number) => p.tables.find((t) => t.kind === 't3')!.rows.flat().filter((c) => c.range?.start.line === line).pop()!;
    const before = await client.conn.sendRequest<Preview>('nianbao/tablePreview', { uri });
    assert.deepEqual(before.tables.map((t) => t.kind), ['t2', 't3', 't4']);
    const total = numberCells(TEXT, NEW_ROW)[6];
    const ok = totalOf(before, total.range.start.line);
    assert.equal(ok.status, 'ok');
    assert.match(ok.tip ?? '', /5 \+ 1 \+ 0 \+ 0 \+ 0 \+ 0 = 6 ✓/);
    await client.edit(uri, 2, total.range, '9');
    await client.nextDiagnostics(uri, 2);
    const bad = totalOf(await client.conn.sendRequest<Preview>('nianbao/tablePreview', { uri }), total.range.start.line);
    assert.equal(bad.text, '9');
    assert.equal(bad.status, 'bad');
    assert.match(bad.tip ?? '', /现为 9/);
  });

  test('by default only the tables that fit in 100 columns aligned (表二), not 表三 and 表四 (over 160)', async () => {
    tables = undefined;
    await client.changeConfiguration();
    const uri = uriFor('tables/hekou-2024.txt');
    const t3 = LINES.findIndex((l) => l.startsWith(NEW_ROW));
    const t2 = LINES.findIndex((l) => l.startsWith('规章'));
    assert.ok(t2 > 0 && t3 > t2);
    const hinted = async () => {
      for (let i = 0; i < 50; i++) {
        const h = (await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE })) ?? [];
        if (!h.some((x) => x.position.line === t3)) return h;
        await new Promise((r) => setTimeout(r, 50));
      }
      return null;
    };
    const hints = await hinted();
    assert.ok(hints, 'table 三 has no hints once the settings are read');
    assert.ok(hints.some((h) => h.position.line === t2), 'table 二 is aligned');
    assert.ok(hints.every((h) => h.position.line < t3 - 5), `hints on lines ${[...new Set(hints.map((h) => h.position.line))].join(', ')}`);
    const answer = await client.conn.sendRequest<{ pads: { line: number }[] }>('nianbao/tableLayout', { uri, range: { start: { line: t3, character: 0 }, end: { line: t3, character: 0 } } });
    assert.deepEqual(answer.pads, [], 'no layout for table 三 either');
    tables = { alignWide: true };
    await client.changeConfiguration();
  });

  test('nianbao.tables.align false: no hints, no spaces', async () => {
    tables = { align: false, alignWide: true };
    await client.changeConfiguration();
    const uri = uriFor('tables/hekou-2024.txt');
    const none = await (async () => {
      for (let i = 0; i < 50; i++) {
        const h = (await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE })) ?? [];
        if (h.length === 0) return h;
        await new Promise((r) => setTimeout(r, 50));
      }
      return null;
    })();
    assert.deepEqual(none, [], 'the hints are gone once the setting is read');
    const answer = await client.conn.sendRequest<{ pads: unknown[] }>('nianbao/tableLayout', { uri, range: WHOLE, tabSize: 4 });
    assert.deepEqual(answer.pads, []);
    tables = { alignWide: true };
    await client.changeConfiguration();
  });
});

describe("tables over LSP, a client that draws the spaces itself (initializationOptions.tableLayout 'decorations')", () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({
      initializationOptions: { tableLayout: 'decorations' },
      configuration: (item) => (item.section === 'nianbao' ? { debounceMs: 0, tables: { align: true, alignWide: true } } : null),
      capabilities: { workspace: { configuration: true } },
    });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  test('a client that draws the spaces itself gets no inlay hints, and the layout on request', async () => {
    const uri = uriFor('tables/vscode.txt');
    await client.open(uri, 'plaintext', TEXT, 1);
    await client.nextDiagnostics(uri, 1);
    assert.deepEqual(await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE }), []);
    const answer = await client.conn.sendRequest<{ pads: unknown[] }>('nianbao/tableLayout', { uri, range: WHOLE, tabSize: 4 });
    assert.ok(answer.pads.length > 100);
  });
});
