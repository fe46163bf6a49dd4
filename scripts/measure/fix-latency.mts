// Usage: node --import tsx scripts/measure/fix-latency.mts dist/server.js 1000 — a report with that many year-mismatch problems:
// the time of one quick fix, of fix-all, and of a hover sent together with fix-all.
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { LspClient, fixtureText, uriFor } from '../../test/lsp/harness';
const server = process.argv[2];
const base = fixtureText('rules/year-mismatch/fail-leftover-years.txt');
const lines = base.split('\n');
const at = lines.findIndex((l) => l.startsWith('二、'));
const extra = Array.from({ length: Number(process.argv[3] ?? 500) }, () => lines[4]);
const text = [...lines.slice(0, at), ...extra, ...lines.slice(at)].join('\n');
const client = await LspClient.start({ args: [server, '--stdio'], capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } } } });
const uri = uriFor('measure.txt');
await client.open(uri, 'plaintext', text, 1);
const ds = (await client.nextDiagnostics(uri, 1)).diagnostics.filter((d) => d.code === 'year-mismatch');
console.log(`${ds.length} year-mismatch warnings`);
let t = performance.now();
await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: ds[Math.floor(ds.length / 2)].range, context: { diagnostics: [ds[Math.floor(ds.length / 2)]], only: ['quickfix'] } });
console.log(`one quick fix: ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
const fixAll = client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: ds[0].range, context: { diagnostics: [], only: ['source.fixAll'] } });
const hover = client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 2 } }).then(() => performance.now() - t);
await fixAll;
console.log(`fix-all: ${(performance.now() - t).toFixed(0)} ms; a hover sent with it answered after ${(await hover).toFixed(0)} ms`);
await client.shutdown();
