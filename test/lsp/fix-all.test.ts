// *修复所有可自动修复的问题* as a command (nianbao.server.fixAll): it applies every safe fix in one edit and
// answers how many problems it fixed and how many are left for a person, with the message the editor shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applyEdits } from '../../core/src/index';
import { ApplyWorkspaceEditRequest, ExecuteCommandRequest, type ApplyWorkspaceEditParams, type TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, uriFor } from './harness';

interface Answer {
  fixed: number;
  left: number;
  message: string;
}

describe('nianbao.server.fixAll', () => {
  let client: LspClient;
  const applied: ApplyWorkspaceEditParams[] = [];
  let answerApplied = true;
  before(async () => {
    client = await LspClient.start({ capabilities: { workspace: { applyEdit: true } } });
    client.conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      applied.push(p);
      return { applied: answerApplied };
    });
  });
  after(async () => {
    await client.shutdown();
  });

  const fixAll = async (uri: string) => (await client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.fixAll', arguments: [uri] })) as Answer | null;

  test('is offered by the server', () => {
    assert.ok(client.initializeResult.capabilities.executeCommandProvider?.commands.includes('nianbao.server.fixAll'));
  });

  test('fixes what is safe, says how many, and how many need a person; the counts are those of the diagnostics', async () => {
    const uri = uriFor('fix-all/pingluo-2024.txt');
    const text = readFileSync(join(ROOT, 'examples', 'pingluo-2024.txt'), 'utf8');
    await client.open(uri, 'plaintext', text, 1);
    const before = (await client.nextDiagnostics(uri, 1)).diagnostics;
    const answer = await fixAll(uri);
    assert.ok(answer);
    assert.equal(applied.length, 1, 'one edit applied');
    const edits = (applied[0].edit.changes?.[uri] ?? []) as TextEdit[];
    await client.change(uri, 2, [{ text: applyEdits(text, edits) }]);
    const afterFix = (await client.nextDiagnostics(uri, 2)).diagnostics;
    assert.ok(answer.fixed > 0, `fixed ${answer.fixed}`);
    assert.equal(answer.fixed, before.length - afterFix.length);
    assert.equal(answer.left, afterFix.length);
    assert.ok(answer.left > 0);
    assert.equal(answer.message, `已修复 ${answer.fixed} 个问题；其余 ${answer.left} 个需要人工核对`);

    // Run again: nothing safe is left.
    applied.length = 0;
    const again = await fixAll(uri);
    assert.deepEqual(again, { fixed: 0, left: afterFix.length, message: `没有可以安全自动修复的问题：其余 ${afterFix.length} 个需要人工核对` });
    assert.equal(applied.length, 0, 'nothing to apply');
    await client.close(uri);
  });

  test('a report whose only problem is fixed: none left', async () => {
    const uri = uriFor('fix-all/blank.txt');
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'table-cell-blank', 'fail-blank-columns.txt'), 'utf8');
    await client.open(uri, 'plaintext', text, 1);
    assert.equal((await client.nextDiagnostics(uri, 1)).diagnostics.length, 1);
    applied.length = 0;
    assert.deepEqual(await fixAll(uri), { fixed: 1, left: 0, message: '已修复 1 个问题，没有剩下的问题' });
    assert.equal(applied.length, 1);
    await client.close(uri);
  });

  test('an edit the editor refuses (the document changed meanwhile) fixes nothing and says so', async () => {
    const uri = uriFor('fix-all/refused.txt');
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'table-cell-blank', 'fail-blank-columns.txt'), 'utf8');
    await client.open(uri, 'plaintext', text, 1);
    await client.nextDiagnostics(uri, 1);
    answerApplied = false;
    try {
      assert.deepEqual(await fixAll(uri), { fixed: 0, left: 1, message: '文档在修复时被改动，未作修改；请再试一次' });
    } finally {
      answerApplied = true;
    }
    await client.close(uri);
  });

  test('an unknown document: no answer', async () => {
    assert.equal(await fixAll(uriFor('fix-all/none.txt')), null);
  });
});
