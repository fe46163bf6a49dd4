// End-to-end tests of the language server: the bundled dist/server.js (and `dist/cli.js lsp --stdio`) run as
// child processes and are driven over stdio JSON-RPC, as an editor would. Run `npm run build` first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, DocumentSymbol, FoldingRange, Position, Range } from 'vscode-languageserver-protocol/node';
import { applyEdit, CJK, CLI_JS, fixtureText, LspClient, numberCells, requireBuild, seedText, SERVER_JS, uriFor } from './harness';

requireBuild(); // fails the whole file with "dist/server.js is missing: run `npm run build` …"

const SEED = seedText('000'); // correct 2024 report, 2021 template
const NEW_ROW = '一、本年新收政府信息公开申请数量';
const CARRY_ROW = '四、结转下年度继续办理';

/** A diagnostic's message, which this server always sends as a plain string. */
function msg(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string', 'message is a plain string');
  return d.message as string;
}

/** Only the fields a test compares: code, range, message, severity, source. */
const brief = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, severity: d.severity, source: d.source, message: d.message }));
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六'];

function before_(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}
function contains(outer: Range, inner: Range): boolean {
  return before_(outer.start, inner.start) && before_(inner.end, outer.end);
}

function assertDiagnosticShape(d: Diagnostic): void {
  assert.equal(d.source, 'nianbao');
  assert.equal(typeof d.code, 'string');
  assert.ok(msg(d).length > 0);
  assert.ok(d.codeDescription, `diagnostic ${d.code} has a codeDescription`);
  const href = d.codeDescription.href;
  assert.ok(href.startsWith('file://') && href.endsWith(`/docs/rules/${d.code}.md`), `codeDescription.href ${href}`);
  assert.ok(existsSync(fileURLToPath(href)), `rule page ${href} exists`);
}

/** Starts a server for one describe block and always stops it. */
function useServer(options: Parameters<typeof LspClient.start>[0] = {}): () => LspClient {
  let client: LspClient | undefined;
  before(async () => {
    client = await LspClient.start(options);
  });
  after(async () => {
    if (!client) return;
    const code = await client.shutdown();
    assert.equal(code, 0, `server exits with 0 after shutdown + exit (stderr: ${client.stderr.join('')})`);
  });
  return () => client!;
}

describe('dist/server.js --stdio', () => {
  const server = useServer();

  test('initialize advertises incremental sync, symbols and folding', () => {
    const r = server().initializeResult;
    assert.deepEqual(r.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(r.capabilities.documentSymbolProvider);
    assert.ok(r.capabilities.foldingRangeProvider);
    assert.equal(r.serverInfo?.name, 'nianbao');
  });

  test('1. a correct seed opened as plaintext: empty diagnostics; documentKind 2024 / 2021', async () => {
    const c = server();
    const uri = uriFor('t1/000.txt');
    await c.open(uri, 'plaintext', SEED, 1);
    const diags = await c.nextDiagnostics(uri, 1);
    assert.equal(diags.version, 1);
    assert.deepEqual(diags.diagnostics, []);
    const kind = await c.nextDocumentKind(uri);
    assert.deepEqual(kind, { uri, isReport: true, year: 2024, template: '2021' });
  });

  test('2. an incremental edit of one table-3 cell flags it, reverting clears it', async () => {
    const c = server();
    const uri = uriFor('t2/000.txt');
    await c.open(uri, 'plaintext', SEED, 1);
    assert.deepEqual((await c.nextDiagnostics(uri, 1)).diagnostics, []);

    const newRow = numberCells(SEED, NEW_ROW);
    const carry = numberCells(SEED, CARRY_ROW);
    assert.equal(newRow.length, 7, 'row 一 has six applicant columns and a total');
    const natural = newRow[0]; // 自然人
    assert.equal(natural.text, '0');

    // 0 → 3, as a range edit (not full text).
    await c.edit(uri, 2, natural.range, '3');
    const broken = await c.nextDiagnostics(uri, 2);
    assert.equal(broken.version, 2);
    broken.diagnostics.forEach(assertDiagnosticShape);
    const rowTotal = broken.diagnostics.find((d) => d.code === 'table3-row-total');
    const balance = broken.diagnostics.find((d) => d.code === 'table3-balance');
    assert.ok(rowTotal || balance, `expected table3-row-total or table3-balance, got ${JSON.stringify(codes(broken.diagnostics))}`);
    // The row total of row 一 (3 + 0 + … ≠ 0) is flagged on that row's 总计 cell …
    assert.ok(rowTotal, 'table3-row-total is reported');
    assert.deepEqual(rowTotal.range, newRow[6].shown);
    assert.equal(rowTotal.severity, 1);
    assert.match(msg(rowTotal), /\b3\b/);
    assert.match(msg(rowTotal), /\b0\b/);
    // … and the 自然人 column no longer balances (I 3 + II 0 ≠ III 0 + IV 0), flagged on row 四's 自然人 cell.
    assert.ok(balance, 'table3-balance is reported');
    assert.deepEqual(balance.range, carry[0].shown);
    assert.match(msg(balance), /\b3\b/);
    assert.match(msg(balance), /\b0\b/);
    assert.match(msg(balance), /自然人/);
    assert.deepEqual(codes(broken.diagnostics), ['table3-balance', 'table3-row-total']);

    // Revert with another range edit covering just the "3".
    await c.edit(uri, 3, { start: natural.range.start, end: { line: natural.range.start.line, character: natural.range.start.character + 1 } }, '0');
    const fixed = await c.nextDiagnostics(uri, 3);
    assert.equal(fixed.version, 3);
    assert.deepEqual(fixed.diagnostics, []);
  });

  test('2b. incremental sync: after many range edits the server sees the same text as a fresh open', async () => {
    const c = server();
    const uri = uriFor('t2b/000.txt');
    let text = SEED;
    let version = 1;
    await c.open(uri, 'plaintext', text, version);
    await c.nextDiagnostics(uri, version);

    const edits: { range: Range; text: string }[][] = [];
    const row = numberCells(SEED, NEW_ROW);
    // two changes in one notification, applied in order
    edits.push([{ range: row[0].range, text: '12' }, { range: { start: { line: row[1].line, character: row[1].range.start.character + 1 }, end: { line: row[1].line, character: row[1].range.end.character + 1 } }, text: '7' }]);
    // insert a line break before table 三 and remove it again, plus a multi-line insertion in section 一
    const t3line = SEED.split('\n').findIndex((l) => l.startsWith('三、'));
    edits.push([{ range: { start: { line: t3line, character: 0 }, end: { line: t3line, character: 0 } }, text: '插入的一段话。\n第二行\n' }]);
    edits.push([{ range: { start: { line: t3line, character: 0 }, end: { line: t3line + 2, character: 0 } }, text: '' }]);
    // a deletion spanning lines in section 五 (joins two paragraphs)
    const five = SEED.split('\n').findIndex((l) => l.startsWith('五、'));
    edits.push([{ range: { start: { line: five + 2, character: 3 }, end: { line: five + 4, character: 2 } }, text: '' }]);
    // a character past the end of the line means the end of the line
    edits.push([{ range: { start: { line: 0, character: 500 }, end: { line: 0, character: 500 } }, text: '附' }]);

    for (const changes of edits) {
      version++;
      for (const ch of changes) text = applyEdit(text, ch.range, ch.text);
      await c.change(uri, version, changes);
      await c.nextDiagnostics(uri, version);
    }
    const incremental = c.allDiagnostics(uri).at(-1)!;
    assert.equal(incremental.version, version);

    const fresh = uriFor('t2b/fresh.txt');
    await c.open(fresh, 'plaintext', text, 1);
    const full = await c.nextDiagnostics(fresh, 1);
    assert.ok(full.diagnostics.length > 0, 'the edited text has problems (row 一 no longer adds up)');
    assert.deepEqual(brief(incremental.diagnostics), brief(full.diagnostics));
    assert.deepEqual(await c.documentSymbols(uri), await c.documentSymbols(fresh));
    assert.deepEqual(await c.foldingRanges(uri), await c.foldingRanges(fresh));
  });

  test('3. documentSymbol: the title and the six sections with their sub-heads and tables; foldingRange per section', async () => {
    const c = server();
    const uri = uriFor('t3/000.txt');
    await c.open(uri, 'plaintext', SEED, 1);
    await c.nextDiagnostics(uri, 1);
    const symbols = (await c.documentSymbols(uri)) as DocumentSymbol[];
    assert.ok(Array.isArray(symbols) && symbols.length === 7, `title + 6 sections, got ${JSON.stringify(symbols?.map((s) => s.name))}`);
    const [title, ...sections] = symbols;
    assert.ok('selectionRange' in title, 'hierarchical DocumentSymbol[]');
    assert.match(title.name, /2024 年政府信息公开工作年度报告$/);
    assert.equal(title.detail, '2024');
    assert.deepEqual(sections.map((s) => s.name[0] + s.name[1]), SECTION_NUMERALS.map((n) => `${n}、`));
    const lines = SEED.split('\n');
    for (const s of sections) {
      assert.equal(lines[s.selectionRange.start.line].trim(), s.name, 'selectionRange is the heading line');
      for (const child of s.children ?? []) assert.ok(contains(s.range, child.range), `${child.name} lies inside ${s.name}`);
    }
    const kids = (i: number) => (sections[i].children ?? []).map((k) => k.name);
    assert.deepEqual(kids(0), ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障']);
    assert.deepEqual(kids(1), ['表二 主动公开政府信息情况']);
    assert.deepEqual(kids(2), ['表三 收到和处理政府信息公开申请情况']);
    assert.deepEqual(kids(3), ['表四 行政复议、行政诉讼情况']);
    assert.deepEqual(kids(4), []);
    assert.deepEqual(kids(5), ['（一）2024 年度政府信息公开工作落实情况', '（二）收取信息处理费用情况']);
    // table 三 spans its rows, from the header to row 四
    const t3 = sections[2].children![0];
    const carry = numberCells(SEED, CARRY_ROW);
    assert.ok(t3.range.end.line === carry[0].line, 'table 三 ends on row 四');
    assert.ok(numberCells(SEED, NEW_ROW)[0].line > t3.range.start.line);

    const folds = (await c.foldingRanges(uri)) as FoldingRange[];
    assert.ok(Array.isArray(folds));
    sections.forEach((s, i) => {
      const start = s.selectionRange.start.line;
      const nextHeading = i + 1 < sections.length ? sections[i + 1].selectionRange.start.line : lines.length;
      let lastText = nextHeading - 1;
      while (lastText > start && lines[lastText].trim() === '') lastText--;
      const f = folds.find((r) => r.startLine === start);
      assert.ok(f, `a folding range starts at section ${s.name}`);
      assert.ok(f.endLine >= lastText && f.endLine < nextHeading, `fold of ${s.name} (${f.startLine}-${f.endLine}) covers ${start}-${lastText} and stops before ${nextHeading}`);
    });
    const t3Fold = folds.find((r) => r.startLine === t3.range.start.line);
    assert.equal(t3Fold?.kind, 'region', 'table 三 folds as a region');
  });

  test('3b. every symbol range encloses its selectionRange (VS Code rejects the outline otherwise)', async () => {
    const c = server();
    const check = async (name: string, text: string) => {
      const uri = uriFor(`t3b/${name}.txt`);
      await c.open(uri, 'plaintext', text, 1);
      await c.nextDiagnostics(uri, 1);
      const walk = (ss: DocumentSymbol[]) => {
        for (const s of ss) {
          assert.ok(contains(s.range, s.selectionRange), `${name}: "${s.name}" range ${JSON.stringify(s.range)} encloses selectionRange ${JSON.stringify(s.selectionRange)}`);
          walk(s.children ?? []);
        }
      };
      walk((await c.documentSymbols(uri)) as DocumentSymbol[]);
      return (await c.documentSymbols(uri)) as DocumentSymbol[];
    };
    // The draft stops right after the heading of section 六 (a common state while typing).
    const lines = SEED.split('\n');
    const six = lines.findIndex((l) => l.startsWith('六、'));
    await check('ends-at-heading', lines.slice(0, six + 1).join('\n'));
    // The full seed: the last line (no trailing newline) belongs to section 六 and its sub-head （二）.
    const full = await check('full', SEED);
    const last = lines.length - 1;
    const lastLine: Range = { start: { line: last, character: 0 }, end: { line: last, character: lines[last].length } };
    assert.ok(contains(full[full.length - 1].range, lastLine), `section 六 encloses the last line ${JSON.stringify(full[full.length - 1].range)}`);
  });

  test('5. unknown documents: empty results, ignored changes, server keeps answering', async () => {
    const c = server();
    const ghost = uriFor('t5/never-opened.txt');
    assert.deepEqual(await c.documentSymbols(ghost), []);
    assert.deepEqual(await c.foldingRanges(ghost), []);
    await c.change(ghost, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '一、总体情况' }]);
    await c.change(ghost, 3, [{ text: SEED }]);

    const uri = uriFor('t5/000.txt');
    await c.open(uri, 'plaintext', SEED, 1);
    assert.deepEqual((await c.nextDiagnostics(uri, 1)).diagnostics, []);
    const symbols = (await c.documentSymbols(uri)) as DocumentSymbol[];
    assert.equal(symbols.length, 7);
    // Messages are handled in order: anything the ghost changes triggered would have arrived by now.
    assert.deepEqual(c.allDiagnostics(ghost), [], 'no diagnostics are published for a document that was never opened');
    assert.deepEqual(c.allDocumentKinds(ghost), []);
    assert.deepEqual(await c.documentSymbols(ghost), [], 'a change does not open a document');

    // Closing clears the diagnostics and forgets the document.
    await c.edit(uri, 2, numberCells(SEED, NEW_ROW)[0].range, '3');
    assert.ok((await c.nextDiagnostics(uri, 2)).diagnostics.length > 0);
    await c.close(uri);
    const cleared = await c.nextDiagnostics(uri);
    assert.deepEqual(cleared.diagnostics, []);
    assert.deepEqual(await c.documentSymbols(uri), []);
    assert.deepEqual(await c.foldingRanges(uri), []);
    assert.ok(c.running, `server still running (stderr: ${c.stderr.join('')})`);
  });

  test('6. Markdown: a README gets no diagnostics; the Markdown rendering of the seed is clean and outlined', async () => {
    const c = server();
    const readme = uriFor('t6/readme.md');
    await c.open(readme, 'markdown', fixtureText('not-reports/readme.md'), 1);
    assert.deepEqual((await c.nextDiagnostics(readme, 1)).diagnostics, []);
    assert.equal((await c.nextDocumentKind(readme)).isReport, false);
    assert.deepEqual(await c.documentSymbols(readme), []);

    const md = uriFor('t6/000.md');
    const mdText = fixtureText('md/000.md');
    await c.open(md, 'markdown', mdText, 1);
    assert.deepEqual((await c.nextDiagnostics(md, 1)).diagnostics, []);
    assert.deepEqual(await c.nextDocumentKind(md), { uri: md, isReport: true, year: 2024, template: '2021' });
    const symbols = (await c.documentSymbols(md)) as DocumentSymbol[];
    const sections = symbols.filter((s) => /^[一二三四五六]、/.test(s.name));
    assert.equal(sections.length, 6);
    assert.deepEqual(sections.map((s) => s.name[0]), SECTION_NUMERALS);
    assert.ok(sections.every((s) => !s.name.includes('#')), 'Markdown heading markers are stripped from names');
    assert.deepEqual(sections[2].children?.map((k) => k.name), ['表三 收到和处理政府信息公开申请情况']);

    // A plain-text news article is not a report either.
    const news = uriFor('t6/news.txt');
    await c.open(news, 'plaintext', fixtureText('not-reports/news.txt'), 1);
    assert.deepEqual((await c.nextDiagnostics(news, 1)).diagnostics, []);
    assert.equal((await c.nextDocumentKind(news)).isReport, false);
  });

  test('6b. a broken Markdown table is flagged on the same cell as in plain text', async () => {
    const c = server();
    const mdText = fixtureText('md/000.md');
    const lines = mdText.split('\n');
    const row = lines.findIndex((l) => l.includes(NEW_ROW));
    assert.ok(row >= 0);
    const cellAt = lines[row].indexOf('| 0 |') + 2; // the first count cell (自然人)
    const uri = uriFor('t6b/000.md');
    await c.open(uri, 'markdown', mdText, 1);
    assert.deepEqual((await c.nextDiagnostics(uri, 1)).diagnostics, []);
    await c.edit(uri, 2, { start: { line: row, character: cellAt }, end: { line: row, character: cellAt + 1 } }, '3');
    const d = await c.nextDiagnostics(uri, 2);
    assert.deepEqual(codes(d.diagnostics), ['table3-balance', 'table3-row-total']);
  });
});

describe('4. locale', () => {
  const en = useServer({ initializationOptions: { locale: 'en' } });
  const zh = useServer();

  const breakTotal = async (c: LspClient) => {
    const uri = uriFor('t4/000.txt');
    await c.open(uri, 'plaintext', SEED, 1);
    await c.nextDiagnostics(uri, 1);
    await c.edit(uri, 2, numberCells(SEED, NEW_ROW)[6].range, '5'); // 总计 0 → 5
    const d = (await c.nextDiagnostics(uri, 2)).diagnostics.find((x) => x.code === 'table3-row-total');
    assert.ok(d, 'table3-row-total is reported');
    return { uri, d };
  };

  test('initializationOptions.locale "en" gives English messages and outline', async () => {
    const { uri, d } = await breakTotal(en());
    assert.match(msg(d), /^Table 3\b/);
    assert.doesNotMatch(msg(d).replace(/"[^"]*"/g, ''), CJK, `English wording outside quoted labels: ${d.message}`);
    assert.match(msg(d), /\b5\b/);
    const symbols = (await en().documentSymbols(uri)) as DocumentSymbol[];
    assert.equal(symbols[3].children?.[0]?.name, 'Table 3: applications');
  });

  test('the default locale is Chinese', async () => {
    const { uri, d } = await breakTotal(zh());
    assert.match(msg(d), /^表三/);
    assert.match(msg(d), /总计/);
    const symbols = (await zh().documentSymbols(uri)) as DocumentSymbol[];
    assert.equal(symbols[3].children?.[0]?.name, '表三 收到和处理政府信息公开申请情况');
  });
});

describe('7. `dist/cli.js lsp --stdio` is the same server', () => {
  const viaServer = useServer();
  const viaCli = useServer({ args: [CLI_JS, 'lsp', '--stdio'] });

  test('initialize answers the same', () => {
    assert.deepEqual(viaCli().initializeResult, viaServer().initializeResult);
  });

  for (const seed of ['000', '002'] as const) {
    test(`the same diagnostics for a broken ${seed} seed`, async () => {
      const text = seedText(seed);
      const cell = numberCells(text, NEW_ROW)[0];
      const broken = applyEdit(text, cell.range, String(Number(cell.text) + 3));
      const uri = uriFor(`t7/${seed}.txt`);
      const results = [];
      for (const c of [viaServer(), viaCli()]) {
        await c.open(uri, 'plaintext', broken, 1);
        results.push((await c.nextDiagnostics(uri, 1)).diagnostics);
      }
      assert.ok(results[0].length > 0, 'the broken seed has diagnostics');
      assert.ok(results[0].some((d) => d.code === 'table3-balance'));
      results[0].forEach(assertDiagnosticShape);
      assert.deepEqual(results[1], results[0]);
    });
  }
});

describe('8. client-side settings via workspace/configuration', () => {
  let validate: 'auto' | 'always' | 'off' = 'auto';
  const server = useServer({ configuration: (item) => (item.section === 'nianbao' ? { validate, debounceMs: 0 } : null) });

  test('the server pulls the "nianbao" section and honours validate: off / always', async () => {
    const c = server();
    const uri = uriFor('t8/000.txt');
    const cell = numberCells(SEED, NEW_ROW)[0];
    await c.open(uri, 'plaintext', applyEdit(SEED, cell.range, '3'), 1);
    assert.ok((await c.nextDiagnostics(uri, 1)).diagnostics.length > 0);
    assert.ok(c.configurationRequests.some((items) => items.some((i) => i.section === 'nianbao')), 'configuration was requested');

    validate = 'off';
    await c.changeConfiguration();
    assert.deepEqual((await c.nextDiagnostics(uri, 1)).diagnostics, [], 'validate: off clears the diagnostics');

    validate = 'auto';
    await c.changeConfiguration();
    assert.ok((await c.nextDiagnostics(uri, 1)).diagnostics.length > 0, 'validate: auto brings them back');

    // "always" checks a plain-text file that does not look like a report; "auto" does not.
    const news = uriFor('t8/news.txt');
    await c.open(news, 'plaintext', fixtureText('not-reports/news.txt'), 1);
    assert.deepEqual((await c.nextDiagnostics(news, 1)).diagnostics, []);
    validate = 'always';
    await c.changeConfiguration();
    const forced = await c.nextDiagnostics(news, 1);
    assert.ok(forced.diagnostics.length > 0, 'validate: always checks any plain-text document');
  });
});

test('the server binary exists where the tests expect it', () => {
  assert.ok(existsSync(SERVER_JS));
});
