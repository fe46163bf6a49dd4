// Issue 14 item 5: a long request (fix-all, a quick fix, "fix all of this rule" among thousands of problems)
// works in slices: a hover sent after it is answered before it ends, `$/cancelRequest` ends it with
// RequestCancelled, and an edit meanwhile ends it with ContentModified (its edits would be stale).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, CodeActionRequest, CodeActionResolveRequest, HoverRequest, LSPErrorCodes, ResponseError, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { leftoverYears } from '../helpers';
import { LspClient, uriFor } from './harness';

// Enough that resolving "fix all of this rule" takes many slices even on a fast machine (about 0.2 s here).
const PROBLEMS = 4000;

describe('long requests work in slices', () => {
  let client: LspClient;
  let problems: Diagnostic[] = [];
  const uri = uriFor('slices.txt');
  let version = 1;

  before(async () => {
    client = await LspClient.start({ capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } } } });
    await client.open(uri, 'plaintext', leftoverYears(PROBLEMS), version);
    problems = (await client.nextDiagnostics(uri, version)).diagnostics.filter((d) => d.code === 'year-mismatch');
    assert.ok(problems.length >= PROBLEMS, `${problems.length} year-mismatch problems`);
  });
  after(() => client.shutdown());

  const fixAll = () => client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: problems[0].range, context: { diagnostics: [], only: ['source.fixAll'] } });

  /** "Fix all of this rule" for year-mismatch, as offered with a quick fix (its edit computed on resolve). */
  async function ofRule(): Promise<CodeAction> {
    const d = problems[Math.floor(problems.length / 2)];
    const offered = await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const action = offered?.find((a): a is CodeAction => 'data' in a && !!a.data);
    assert.ok(action, `"fix all of this rule" is offered: ${JSON.stringify(offered?.map((a) => a.title))}`);
    return action;
  }
  const hover = () => client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 2 } });

  test('a hover sent after "fix all of this rule" (thousands of fixes verified) is answered first; the resolve still answers its edits', async () => {
    const action = await ofRule();
    const order: string[] = [];
    const resolved = client.conn.sendRequest(CodeActionResolveRequest.type, action).then((r) => (order.push('resolve'), r));
    const first = hover().then(() => order.push('hover'));
    const [withEdit] = await Promise.all([resolved, first]);
    assert.deepEqual(order, ['hover', 'resolve']);
    assert.ok(withEdit.edit?.documentChanges?.length, 'the resolved action has its edits');
  });

  test('fix-all (source.fixAll) answers its action', async () => {
    const actions = await fixAll();
    assert.equal(actions?.length, 1);
  });

  test('a cancelled "fix all of this rule" answers RequestCancelled', async () => {
    const action = await ofRule();
    const source = new CancellationTokenSource();
    const resolved = client.conn.sendRequest(CodeActionResolveRequest.type, action, source.token);
    setImmediate(() => source.cancel());
    await assert.rejects(resolved, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
  });

  test('"fix all of this rule" resolved just before an edit answers ContentModified, not edits for the old text', async () => {
    const action = await ofRule();
    const resolved = client.conn.sendRequest(CodeActionResolveRequest.type, action);
    await client.edit(uri, ++version, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ' ');
    await assert.rejects(resolved, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified);
  });
});
