// Issue 14 item 4: a check never waits on the workspace index or on settings longer than a short bound. A FIFO
// named .nianbao.json, a client that never answers workspace/configuration, and a workspace of many empty
// folders each held back every check before (no diagnostics at all, or after 21 s); each gets diagnostics now.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { encodeText } from '../../cli/src/encode';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import { fixtureText, LspClient, ROOT, seedText, uriFor } from './harness';

const roots: string[] = [];
const clients: LspClient[] = [];
after(async () => {
  for (const c of clients) await c.shutdown();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

async function serverWithFolder(root: string, options: Parameters<typeof LspClient.start>[0] = {}): Promise<LspClient> {
  const client = await LspClient.start({
    configuration: () => ({ debounceMs: 0 }),
    capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    ...options,
  });
  clients.push(client);
  await client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: pathToFileURL(root).href, name: 'w' }], removed: [] } });
  return client;
}

const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-waits-'));
  roots.push(d);
  return d;
};

describe('checks do not wait without bound', () => {
  test('a FIFO named .nianbao.json (and one named .txt) in the workspace: the report is checked all the same', async () => {
    const root = tmp();
    assert.equal(spawnSync('mkfifo', [join(root, '.nianbao.json')]).status, 0);
    assert.equal(spawnSync('mkfifo', [join(root, 'pipe-2023.txt')]).status, 0);
    const client = await serverWithFolder(root);
    const uri = pathToFileURL(join(root, 'report.txt')).href;
    await client.open(uri, 'plaintext', seedText('002'), 1);
    const d = await client.nextDiagnostics(uri, 1);
    assert.ok(d.diagnostics.some((x) => x.code === 'table-column-count'), JSON.stringify(d.diagnostics.map((x) => x.code)));
  });

  test('a client that never answers workspace/configuration: diagnostics with the settings known so far', async () => {
    const client = await LspClient.start({ neverAnswerConfiguration: true });
    clients.push(client);
    const uri = uriFor('waits/no-answer.txt');
    await client.open(uri, 'plaintext', seedText('002'), 1);
    const d = await client.nextDiagnostics(uri, 1);
    assert.ok(client.configurationRequests.length > 0, 'the server asked');
    assert.ok(d.diagnostics.some((x) => x.code === 'table-column-count'));
  });

  test('a workspace of 30,000 empty folders: checked, and the previous report at its root still found', async () => {
    const root = tmp();
    // Creating them with one `mkdir -p` call is fast; the server lists each one.
    const dirs: string[] = [];
    for (let i = 0; i < 300; i++) for (let j = 0; j < 100; j++) dirs.push(`a${i}/b${j}`);
    for (let k = 0; k < dirs.length; k += 5000) assert.equal(spawnSync('mkdir', ['-p', ...dirs.slice(k, k + 5000)], { cwd: root }).status, 0);
    copyFileSync(join(ROOT, 'test/fixtures/cross-year/hekou-2023.txt'), join(root, 'zz-hekou-2023.txt'));
    const client = await serverWithFolder(root);
    const uri = pathToFileURL(join(root, 'hekou-2024.txt')).href;
    await client.open(uri, 'plaintext', fixtureText('cross-year/hekou-2024-carryover.txt'), 1);
    // The first diagnostics may come before the index is in (without the cross-year findings); once it is in, the
    // report is checked again against the previous year's report found at the root.
    for (let d = await client.nextDiagnostics(uri, 1); ; d = await client.nextDiagnostics(uri, 1)) if (d.diagnostics.some((x) => x.code === 'cross-year-carryover')) break;
  });
});

describe('the workspace index reads files as the CLI does', () => {
  for (const encoding of ['gb18030', 'utf-16le'] as const) {
    test(`last year's report saved in ${encoding} is found and compared`, async () => {
      const root = tmp();
      writeFileSync(join(root, 'hekou-2023.txt'), encodeText(fixtureText('cross-year/hekou-2023.txt'), encoding)!);
      const client = await serverWithFolder(root);
      const uri = pathToFileURL(join(root, 'hekou-2024.txt')).href;
      await client.open(uri, 'plaintext', fixtureText('cross-year/hekou-2024-carryover.txt'), 1);
      for (let d = await client.nextDiagnostics(uri, 1); ; d = await client.nextDiagnostics(uri, 1)) if (d.diagnostics.some((x) => x.code === 'cross-year-carryover')) break;
    });
  }
});
