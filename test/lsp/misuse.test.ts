// The server under misuse: unknown documents, malformed parameters, changes out of order, huge documents.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocumentSymbolRequest, HoverRequest, CodeActionRequest, type ShowMessageParams } from 'vscode-languageserver-protocol';
import { LspClient, seedText, uriFor, withTimeout } from './harness';

let client: LspClient;
const messages: ShowMessageParams[] = [];

before(async () => {
  client = await LspClient.start();
  client.conn.onNotification('window/showMessage', (p: ShowMessageParams) => {
    messages.push(p);
  });
});
after(async () => {
  await client.shutdown();
});

async function stillAnswers(): Promise<void> {
  const uri = uriFor(`alive-${Math.random()}.txt`);
  await client.open(uri, 'plaintext', seedText('000'));
  assert.deepEqual((await client.nextDiagnostics(uri, 1)).diagnostics, []);
  const symbols = await withTimeout(client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 'documentSymbol');
  assert.ok(symbols && symbols.length >= 7);
  await client.close(uri);
}

describe('LSP misuse', () => {
  test('malformed parameters are answered (an error or an empty result), and the server stays up', async () => {
    // Each with the answer it must get: a handler that threw (an error answer) fails the test.
    const bad: [string, unknown, unknown][] = [
      ['textDocument/hover', { textDocument: { uri: 'file:///nope.txt' }, position: { line: -5, character: 1e9 } }, null],
      ['textDocument/hover', { position: null }, null],
      ['textDocument/codeAction', { textDocument: { uri: 42 }, range: 'x', context: {} }, []],
      ['textDocument/documentSymbol', {}, []],
      ['textDocument/foldingRange', {}, []],
      ['textDocument/formatting', { textDocument: { uri: 'file:///nope.md' } }, []],
      ['textDocument/completion', { textDocument: {}, position: {} }, []],
      ['workspace/executeCommand', { command: 'nianbao.server.template', arguments: [{}, 7] }, null],
      ['workspace/executeCommand', { command: 'no.such.command' }, null],
      ['codeAction/resolve', { title: 'x', data: { kind: 'fixAllOfRule', uri: 'file:///nope.txt', version: 1, rule: 'year-mismatch' } }, { title: 'x', data: { kind: 'fixAllOfRule', uri: 'file:///nope.txt', version: 1, rule: 'year-mismatch' } }],
    ];
    for (const [method, params, expected] of bad) {
      const answer = await withTimeout(
        client.conn.sendRequest(method, params).then(
          (r) => ({ ok: r }),
          (e: unknown) => ({ error: e }),
        ),
        method,
      );
      assert.deepEqual(answer, { ok: expected }, `${method} ${JSON.stringify(params)}`);
    }
    // Parameters that are not an object are refused by the protocol library itself (InvalidParams).
    const positional = await withTimeout(client.conn.sendRequest('textDocument/foldingRange', null).then(() => 'answered', (e: { message?: string }) => e.message ?? ''), 'foldingRange null');
    assert.match(String(positional), /parameters/);
    // An unknown request is the protocol's MethodNotFound, not a crash.
    const unknown = await withTimeout(client.conn.sendRequest('nianbao/unknownRequest', { x: 1 }).then(() => null, (e: { code?: number }) => e.code), 'unknown request');
    assert.equal(unknown, -32601);
    for (const [method, params] of [
      ['textDocument/didChange', { textDocument: { uri: 'file:///never-opened.txt', version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didChange', { textDocument: {}, contentChanges: 'nonsense' }],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///x.txt', languageId: 'plaintext', version: 1, text: 12345 } }],
      ['textDocument/didClose', { textDocument: { uri: 'file:///never-opened.txt' } }],
      ['workspace/didChangeWatchedFiles', { changes: 'nope' }],
    ] as [string, unknown][]) {
      await client.conn.sendNotification(method, params);
    }
    await stillAnswers();
  });

  test('changes out of order are ignored: the document keeps its text', async () => {
    const uri = uriFor('order.txt');
    const text = seedText('000');
    await client.open(uri, 'plaintext', text, 5);
    await client.nextDiagnostics(uri, 5);
    // A change older than the document: ignored.
    await client.edit(uri, 3, { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, '');
    // A real change after it is applied to the intact text (the table still balances, so one row-total error only).
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('一、本年新收'));
    const at = lines[row].indexOf('\t0') + 1;
    await client.edit(uri, 6, { start: { line: row, character: at }, end: { line: row, character: at + 1 } }, '3');
    const d = await client.nextDiagnostics(uri, 6);
    assert.deepEqual(d.diagnostics.map((x) => x.code).sort(), ['table3-balance', 'table3-row-total']);
    const r = await withTimeout(client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: row, character: at } }), 'hover');
    assert.match(JSON.stringify(r), /自然人/);
    await client.close(uri);
  });

  test('a 20 MB document is declined with a visible message, and checked again once it is small', async () => {
    const uri = uriFor('huge.txt');
    const seed = seedText('000');
    const huge = seed + '\n\n' + '政府信息公开工作稳步推进。'.repeat(Math.ceil((20 * 1024 * 1024) / 13));
    const before = messages.length;
    await client.open(uri, 'plaintext', huge);
    assert.deepEqual((await client.nextDiagnostics(uri, 1)).diagnostics, []);
    const shown = messages.slice(before).map((m) => m.message).join('\n');
    assert.match(shown, /未检查|not checked/);
    assert.match(shown, /nianbao\.maxFileSizeMB/);
    const actions = await withTimeout(client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), 'codeAction');
    assert.deepEqual(actions, []);
    // Cut back to the seed with a broken total: checked again.
    const lines = seed.split('\n');
    const row = lines.findIndex((l) => l.startsWith('一、本年新收'));
    lines[row] = lines[row].replace('\t0', '\t3');
    await client.change(uri, 2, [{ text: lines.join('\n') }]);
    const d = await client.nextDiagnostics(uri, 2);
    assert.ok(d.diagnostics.some((x) => x.code === 'table3-row-total'));
    await client.close(uri);
    await stillAnswers();
  });
});
