// Usage: node --import tsx scripts/measure/empty-folders.mts 100000 — issue 14 item 4: a workspace of that many empty
// folders; the time from opening a report to its first diagnostics (before: 21 s for 100,000), and to the check that
// found last year's report at the root (the index is in).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import { fixtureText, LspClient, ROOT } from '../../test/lsp/harness';

const n = Number(process.argv[2] ?? 100_000);
const root = mkdtempSync(join(tmpdir(), 'nianbao-folders-'));
const dirs: string[] = [];
for (let i = 0; i < Math.ceil(n / 100); i++) for (let j = 0; j < 100 && dirs.length < n; j++) dirs.push(`a${i}/b${j}`);
for (let k = 0; k < dirs.length; k += 5000) spawnSync('mkdir', ['-p', ...dirs.slice(k, k + 5000)], { cwd: root });
copyFileSync(join(ROOT, 'test/fixtures/cross-year/hekou-2023.txt'), join(root, 'zz-hekou-2023.txt'));
const client = await LspClient.start({ configuration: () => ({ debounceMs: 0 }), capabilities: { workspace: { configuration: true, workspaceFolders: true } } });
await client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: pathToFileURL(root).href, name: 'w' }], removed: [] } });
const uri = pathToFileURL(join(root, 'hekou-2024.txt')).href;
const t = performance.now();
await client.open(uri, 'plaintext', fixtureText('cross-year/hekou-2024-carryover.txt'), 1);
let d = await client.nextDiagnostics(uri, 1);
console.log(`${dirs.length} empty folders: first diagnostics after ${(performance.now() - t).toFixed(0)} ms`);
while (!d.diagnostics.some((x) => x.code === 'cross-year-carryover')) d = await client.nextDiagnostics(uri, 1);
console.log(`the check with last year's report (index in): after ${(performance.now() - t).toFixed(0)} ms`);
await client.shutdown();
rmSync(root, { recursive: true, force: true });
