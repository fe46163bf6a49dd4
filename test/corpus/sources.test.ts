// The originals of the real reports (../shared/corpus/sources: saved web pages and a published PDF), checked
// directly as a reviewer receives them, say what their text copies say.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText, formatOfPath, type Diagnostic } from '../../core/src/index';
import { readReport } from '../../core/src/readers/index';
import { CORPUS } from './score';

const SOURCES = CORPUS ? join(CORPUS, 'sources') : null;
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}:${d.severity}`).sort();

describe('the corpus originals (sources/*) give the rule ids of their .txt cases', { skip: SOURCES && existsSync(SOURCES) ? false : 'no ../shared/corpus/sources beside the clone' }, () => {
  const files = SOURCES && existsSync(SOURCES) ? readdirSync(SOURCES).filter((f) => /\.(html?|pdf|docx)$/i.test(f)) : [];
  it('has originals to read', () => assert.ok(files.length >= 6, files.join(', ')));
  for (const file of files) {
    it(file, async () => {
      const id = file.replace(/\.[^.]+$/, '');
      const txt = join(CORPUS!, `${id}.txt`);
      assert.ok(existsSync(txt), `${id}.txt is missing`);
      const read = await readReport(file, new Uint8Array(readFileSync(join(SOURCES!, file))), formatOfPath(file)?.id ?? null);
      assert.ok(read.ok, `not read: ${read.ok ? '' : read.reason}`);
      const direct = checkText(read.text, read.format, { explicit: true });
      const copy = checkText(readFileSync(txt, 'utf8'), 'text', { explicit: true });
      assert.ok(direct.checked, 'read as no report');
      assert.deepEqual(codes(direct.diagnostics), codes(copy.diagnostics));
      if (read.draft) {
        // The draft written for it (转换为可编辑草稿) says the same too.
        assert.deepEqual(codes(checkText(read.draft, 'markdown', { explicit: true }).diagnostics), codes(copy.diagnostics), 'the Markdown draft');
      }
    });
  }
});
