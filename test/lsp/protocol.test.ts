// Issue 14 item 13: the protocol's own rules. A request before `initialize` gets ServerNotInitialized (it was
// answered null), a notification before it is dropped, a broken message ends the process with a message (it was
// left deaf), and documents with versions that are not integers are refused.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { LspClient, requireBuild, ROOT, seedText, SERVER_JS, uriFor, withTimeout } from './harness';

/** The server over stdio with nothing in between: what it answers to raw bytes. */
function raw() {
  requireBuild();
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const send = (m: unknown) => {
    const body = Buffer.from(JSON.stringify(m));
    proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    proc.stdin.write(body);
  };
  const messages = () =>
    out
      .split(/Content-Length: \d+\r\n\r\n/)
      .filter(Boolean)
      .map((s) => JSON.parse(s) as { id?: number; method?: string; result?: unknown; error?: { code: number } });
  const until = async (what: string, ok: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stdout: ${out.slice(0, 500)} stderr: ${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { proc, send, messages, until, exited, stderr: () => err, stdin: proc.stdin };
}

describe('the LSP lifecycle and framing', () => {
  test('before initialize: a request gets ServerNotInitialized, a notification is dropped; after it, both work', async () => {
    const s = raw();
    s.send({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.txt' }, position: { line: 0, character: 0 } } });
    s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///early.txt', languageId: 'plaintext', version: 1, text: seedText('002') } } });
    await s.until('the answer to the early request', () => s.messages().some((m) => m.id === 1));
    assert.equal(s.messages().find((m) => m.id === 1)!.error?.code, -32002);
    s.send({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    await s.until('initialize answered', () => s.messages().some((m) => m.id === 2));
    s.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///late.txt', languageId: 'plaintext', version: 1, text: seedText('002') } } });
    await s.until('diagnostics of the document opened after initialize', () => s.messages().some((m) => m.method === 'textDocument/publishDiagnostics'));
    const published = s.messages().filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => (m as unknown as { params: { uri: string } }).params.uri);
    assert.deepEqual([...new Set(published)], ['file:///late.txt'], 'the document opened before initialize was dropped');
    s.proc.kill();
  });

  for (const [what, bytes] of [
    ['a message that is not JSON', 'Content-Length: 5\r\n\r\n{bad}'],
    ['a header without Content-Length', 'garbage without a header\r\n\r\n'],
  ] as const) {
    test(`${what} ends the server with a message (it used to stay up, deaf)`, async () => {
      const s = raw();
      s.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      await s.until('initialize answered', () => s.messages().some((m) => m.id === 1));
      s.stdin.write(bytes);
      const code = await withTimeout(s.exited, 'the server to exit');
      assert.notEqual(code, 0);
      assert.match(s.stderr(), /nianbao: cannot read a message from the client/);
    });
  }
});

describe('document versions', () => {
  test('a didOpen whose version is not an integer is refused; a didChange without one forgets the document', async () => {
    const client = await LspClient.start();
    try {
      const bad = uriFor('versions/string.txt');
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'plaintext', version: 'abc', text: seedText('002') } });
      const good = uriFor('versions/good.txt');
      await client.open(good, 'plaintext', seedText('002'), 1);
      assert.ok((await client.nextDiagnostics(good, 1)).diagnostics.length > 0);
      assert.deepEqual(client.allDiagnostics(bad), [], 'nothing published for the refused document');
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: good, version: null }, contentChanges: [{ text: 'x' }] });
      const cleared = await client.nextDiagnostics(good, 0);
      assert.deepEqual(cleared.diagnostics, [], 'its problems are withdrawn');
      const hover = await withTimeout(client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: good }, position: { line: 40, character: 3 } }), 'hover');
      assert.equal(hover, null, 'the server no longer answers for a text it does not know');
    } finally {
      await client.shutdown();
    }
  });
});
