// The checker facade in memory (what the server and the CLI do, without a process), and failures contained:
// a rule that throws is logged and skipped, the other rules still report, and the server keeps answering.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText, createChecker, RULES_BY_ID, type Rule } from '../../core/src/index';
import { utf8Length } from '../../core/src/text/utf8';
import { startServer } from '../../server/src/server';
import { read } from '../helpers';

const BROKEN = read('test/fixtures/rules/table3-row-total/fail-granted-total.txt');
const CORRECT = read('test/fixtures/rules/pass/filled-correct.txt');
const settings = { config: {}, locale: 'zh-cn' as const };

/** Makes a rule throw while `fn` runs. */
async function withThrowingRule<T>(id: string, fn: () => T | Promise<T>): Promise<T> {
  const rule = RULES_BY_ID.get(id) as Rule;
  const check = rule.check;
  rule.check = () => {
    throw new Error(`${id} broke`);
  };
  try {
    return await fn();
  } finally {
    rule.check = check;
  }
}

describe('the checker facade', () => {
  it('checks an open document, follows its changes and answers the features from the report it holds', () => {
    const c = createChecker();
    c.open('file:///r/a.txt', 'plaintext', 1, BROKEN);
    const first = c.check('file:///r/a.txt', settings)!;
    assert.deepEqual(first.result.diagnostics.map((d) => d.code), checkText(BROKEN, 'text').diagnostics.map((d) => d.code));
    const d = first.result.diagnostics.find((x) => x.code === 'table3-row-total')!;
    const fixes = c.fixes('file:///r/a.txt', d);
    assert.ok(fixes.some((f) => f.preferred));
    assert.equal(c.fixes('file:///r/a.txt', d), fixes, 'computed once per check');
    assert.ok(c.outline('file:///r/a.txt', 'zh-cn').some((s) => s.kind === 'section'));
    assert.ok(c.folding('file:///r/a.txt').length > 0);

    // The whole text replaced by the correct report: no problem left, and the old check is not served.
    assert.equal(c.change('file:///r/a.txt', 2, [{ text: CORRECT }]), 'changed');
    assert.equal(c.lastCheck('file:///r/a.txt'), null);
    assert.deepEqual(c.check('file:///r/a.txt', settings)!.result.diagnostics.filter((x) => x.severity !== 'info'), []);
    assert.equal(c.change('file:///r/a.txt', 2, [{ text: BROKEN }]), 'stale', 'a version that is not newer is refused');
  });

  it('decides whether a document is checked: off, a non-report, the nianbao language', () => {
    const c = createChecker();
    c.open('file:///r/news.txt', 'plaintext', 1, read('test/fixtures/not-reports/news.txt'));
    assert.equal(c.check('file:///r/news.txt', settings)!.result.checked, false);
    assert.deepEqual(c.check('file:///r/news.txt', { ...settings, explicit: true })!.result.diagnostics.map((d) => d.code), ['not-a-report']);
    c.open('file:///r/a.txt', 'nianbao', 1, BROKEN);
    assert.equal(c.check('file:///r/a.txt', { ...settings, config: { validate: 'off' } })!.mode, 'off');
    assert.equal(c.check('file:///r/a.txt', settings)!.mode, 'always');
  });

  it('keeps a document over the size limit unparsed and checks it again once it is small', () => {
    const c = createChecker({ maxBytes: () => 50_000 });
    c.open('file:///r/big.txt', 'plaintext', 1, BROKEN + '。'.repeat(60_000));
    assert.equal(c.isLarge('file:///r/big.txt'), true);
    assert.equal(c.check('file:///r/big.txt', settings)!.mode, 'off');
    c.change('file:///r/big.txt', 2, [{ text: BROKEN }]);
    assert.equal(c.isLarge('file:///r/big.txt'), false);
    assert.ok(c.check('file:///r/big.txt', settings)!.result.diagnostics.some((d) => d.code === 'table3-row-total'));
  });

  it('applies LSP content changes as the LSP library does, also to a document over the size limit', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    const c = createChecker({ maxBytes: () => utf8Length(BROKEN) + 60 });
    let reference = TextDocument.create('file:///r/x.txt', 'plaintext', 1, BROKEN);
    c.open('file:///r/x.txt', 'plaintext', 1, BROKEN);
    let large = 0;
    for (let version = 2; version < 400; version++) {
      const lines = reference.lineCount;
      // Ranges as clients send them: now and then reversed (end before start), or past the end of a line or the text.
      const a = { line: rnd(lines + 2), character: rnd(60) };
      const b = { line: Math.min(a.line + (rnd(6) === 0 ? 1 : 0), lines + 1), character: rnd(60) };
      const [start, end] = rnd(4) === 0 ? [b, a] : [a, b];
      // Now and then the whole text, over or under the limit; typing can take it over the limit and back.
      const whole = version % 50 === 0 ? { text: version % 100 === 0 ? BROKEN : BROKEN + '。'.repeat(500) } : null;
      const change = whole ?? { range: { start, end }, text: ['', '一', '\n', '12\t0', '。\r\n', 'x'.repeat(30), '政府信息'.repeat(8)][rnd(7)] };
      reference = TextDocument.update(reference, [change], version);
      c.change('file:///r/x.txt', version, [change]);
      if (c.isLarge('file:///r/x.txt')) large++;
      assert.equal(c.text('file:///r/x.txt'), reference.getText(), `after change ${version}`);
      assert.equal(c.bytes('file:///r/x.txt'), utf8Length(reference.getText()), `size after change ${version}`);
      assert.equal(c.isLarge('file:///r/x.txt'), utf8Length(reference.getText()) > utf8Length(BROKEN) + 60, `limit after change ${version}`);
    }
    assert.ok(large > 0, 'the document went over the limit at times');
  });

  it('checks the size limit on every change, in bytes of UTF-8', () => {
    const c = createChecker({ maxBytes: () => 1024 * 1024 });
    // 400,000 Chinese characters: 1.2 MB of UTF-8, over a 1 MB limit although under a million UTF-16 units.
    c.open('file:///r/zh.txt', 'plaintext', 1, '政'.repeat(400_000));
    assert.equal(c.isLarge('file:///r/zh.txt'), true);
    // Many small pastes (each well under 64 KB) take a document over the limit too.
    c.open('file:///r/p.txt', 'plaintext', 1, BROKEN);
    let v = 2;
    while (!c.isLarge('file:///r/p.txt') && v < 200) {
      const end = { line: 0, character: 0 };
      c.change('file:///r/p.txt', v++, [{ range: { start: end, end }, text: '本机关继续推进政务公开。\n'.repeat(1000) }]);
    }
    assert.equal(c.isLarge('file:///r/p.txt'), true);
    assert.ok(v < 60, `over the limit after ${v - 2} pastes of 39 KB`);
    assert.ok(c.bytes('file:///r/p.txt')! > 1024 * 1024 && c.bytes('file:///r/p.txt')! < 1024 * 1024 + 40_000);
  });

  it('finds the previous year’s report among open documents and files on disk', () => {
    const c = createChecker();
    c.files.addFolder('file:///w');
    c.files.put('file:///w/2023.txt', 1, 1, read('test/fixtures/cross-year/hekou-2023.txt'));
    c.open('file:///w/2024.txt', 'plaintext', 1, read('test/fixtures/cross-year/hekou-2024-carryover.txt'));
    const checked = c.check('file:///w/2024.txt', settings)!;
    assert.equal(checked.previousUri, 'file:///w/2023.txt');
    assert.ok(checked.result.diagnostics.some((d) => d.code === 'cross-year-carryover'));
    assert.deepEqual(c.dependentsOf('file:///w/2023.txt'), ['file:///w/2024.txt']);
  });
});

describe('failures contained', () => {
  it('a rule that throws is logged and skipped; the other rules still report', async () => {
    const logged: string[] = [];
    const c = createChecker({ logger: (m) => logged.push(m) });
    c.open('file:///r/a.txt', 'plaintext', 1, BROKEN);
    const codes = await withThrowingRule('table3-row-total', () => c.check('file:///r/a.txt', settings)!.result.diagnostics.map((d) => d.code));
    assert.ok(!codes.includes('table3-row-total'));
    assert.ok(codes.includes('table3-results-total'), codes.join(', '));
    assert.ok(logged.some((m) => m.includes('rule table3-row-total failed')), logged.join('\n'));
  });

  describe('the language server, in process', () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const logs: string[] = [];
    client.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push(p.message);
    });
    const published: PublishDiagnosticsParams[] = [];
    const waiters: (() => void)[] = [];
    client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      for (const w of waiters.splice(0)) w();
    });
    client.listen();
    startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), {});
    after(() => {
      client.dispose();
      toServer.end();
      toClient.end();
    });
    const next = (uri: string) =>
      new Promise<PublishDiagnosticsParams>((resolve) => {
        const look = () => {
          const p = published.find((x) => x.uri === uri);
          if (p) resolve(p);
          else waiters.push(look);
        };
        look();
      });

    it('publishes the other rules’ problems when one rule throws, and keeps answering requests', async () => {
      await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      await client.sendNotification(InitializedNotification.type, {});
      const uri = 'file:///mem/broken.txt';
      const diagnostics = await withThrowingRule('table3-row-total', async () => {
        await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text: BROKEN } });
        return (await next(uri)).diagnostics;
      });
      assert.ok(diagnostics.some((d) => d.code === 'table3-results-total'));
      assert.ok(!diagnostics.some((d) => d.code === 'table3-row-total'));
      const hover = await client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
      assert.equal(hover, null, 'the server still answers');
      assert.ok(logs.some((m) => m.includes('rule table3-row-total failed')), logs.join('\n'));
    });
  });
});
