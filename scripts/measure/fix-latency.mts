// Usage: node --import tsx scripts/measure/fix-latency.mts dist/server.js 1000 — a report with that many year-mismatch problems:
// the time of one quick fix, of "fix all of this rule" (resolved) and of fix-all, each with a hover sent right after it.
import { CodeActionRequest, CodeActionResolveRequest, HoverRequest, type CodeAction } from 'vscode-languageserver-protocol';
import { leftoverYears } from '../../test/helpers';
import { LspClient, uriFor } from '../../test/lsp/harness';
const server = process.argv[2];
const text = leftoverYears(Number(process.argv[3] ?? 500));
const client = await LspClient.start({ args: [server, '--stdio'], capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } } } });
const uri = uriFor('measure.txt');
await client.open(uri, 'plaintext', text, 1);
const ds = (await client.nextDiagnostics(uri, 1)).diagnostics.filter((d) => d.code === 'year-mismatch');
console.log(`${ds.length} year-mismatch warnings`);
const hover = (t: number) => client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 2 } }).then(() => performance.now() - t);
const middle = ds[Math.floor(ds.length / 2)];
let t = performance.now();
let h = hover(t);
const offered = await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: middle.range, context: { diagnostics: [middle], only: ['quickfix'] } });
console.log(`one quick fix: ${(performance.now() - t).toFixed(0)} ms; a hover sent with it answered after ${(await h).toFixed(0)} ms`);
const ofRule = offered?.find((a): a is CodeAction => 'data' in a && !!a.data);
if (ofRule) {
  t = performance.now();
  const resolved = client.conn.sendRequest(CodeActionResolveRequest.type, ofRule);
  h = hover(t);
  await resolved;
  console.log(`"fix all of this rule" resolved: ${(performance.now() - t).toFixed(0)} ms; a hover sent after it answered after ${(await h).toFixed(0)} ms`);
}
t = performance.now();
const fixAll = client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: ds[0].range, context: { diagnostics: [], only: ['source.fixAll'] } });
h = hover(t);
await fixAll;
console.log(`fix-all: ${(performance.now() - t).toFixed(0)} ms; a hover sent after it answered after ${(await h).toFixed(0)} ms`);
await client.shutdown();
