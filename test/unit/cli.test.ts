import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { artifactUri } from '../../cli/src/output';
import { RULES } from '../../core/src/index';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('nianbao check (CLI contract)', () => {
  it('reports year and template of the three seeds as JSON, exit 1 as two have errors', () => {
    const r = cli(['check', '--format', 'json', 'examples']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    const byPath = Object.fromEntries(out.files.map((f: { path: string }) => [f.path, f]));
    assert.deepEqual(byPath['examples/haiyuan-xian-2024.txt'].report, { year: 2024, template: '2021', title: '海原县西安镇人民政府 2024 年政府信息公开工作年度报告' });
    assert.equal(byPath['examples/pingluo-2024.txt'].report.year, 2024);
    assert.equal(byPath['examples/pingluo-2024.txt'].report.template, '2021');
    assert.equal(byPath['examples/xibao-2023.txt'].report.year, 2023);
    assert.equal(byPath['examples/xibao-2023.txt'].report.template, '2019');
    assert.deepEqual(byPath['examples/haiyuan-xian-2024.txt'].diagnostics, []);
    assert.equal(out.summary.error, 13);
    assert.equal(out.summary.files, 3);
    assert.equal(out.summary.reports, 3);
  });

  it('exits 1 on an error diagnostic and prints file:line:col, severity, message and rule id', () => {
    const r = cli(['check', '--locale', 'zh-cn', 'test/fixtures/rules/table3-balance/fail-carry-next.txt']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /test\/fixtures\/rules\/table3-balance\/fail-carry-next\.txt/);
    assert.match(r.stdout, /79:14 +错误 +表三“自然人”列：第一项（5）加第二项（1）之和为 6.*table3-balance/);
  });

  it('speaks English with --locale en and keeps 0-based ranges in JSON', () => {
    const r = cli(['check', '--format', 'json', '--locale', 'en', 'test/fixtures/rules/table3-balance/fail-carry-next.txt']);
    assert.equal(r.code, 1);
    const d = JSON.parse(r.stdout).files[0].diagnostics.find((x: { code: string }) => x.code === 'table3-balance');
    assert.equal(d.code, 'table3-balance');
    assert.equal(d.severity, 'error');
    // The cell's number starts the range; it ends after the tab that follows (the whole cell is underlined).
    assert.deepEqual(d.range, { start: { line: 78, character: 13 }, end: { line: 78, character: 15 } });
    assert.match(d.message, /^Table 3, column "natural persons"/);
  });

  it('skips non-reports found in folders, flags them when named explicitly', () => {
    const folder = cli(['check', '--format', 'json', 'test/fixtures/not-reports']);
    assert.equal(folder.code, 0);
    assert.deepEqual(JSON.parse(folder.stdout).files, []);
    const named = cli(['check', '--format', 'json', 'test/fixtures/not-reports/news.txt']);
    const f = JSON.parse(named.stdout).files[0];
    assert.equal(f.report, null);
    assert.equal(f.diagnostics[0].code, 'not-a-report');
    assert.equal(named.code, 0);
  });

  it('exits 2 on usage and I/O errors, with a message on stderr', () => {
    const missing = cli(['check', 'no/such/file.txt']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/i);
    const bad = cli(['check', '--format', 'xml', 'examples']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /xml/);
    assert.equal(cli(['frobnicate']).code, 2);
  });

  it('survives binary, empty and BOM files; a binary file is listed as unread and makes the exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 255, 0, 7]));
    writeFileSync(join(dir, 'bom.txt'), '\ufeff' + '某局2024年政府信息公开工作年度报告\r\n\r\n一、总体情况\r\n');
    const r = cli(['check', '--format', 'json', dir]);
    assert.equal(r.code, 2, r.stderr);
    const out = JSON.parse(r.stdout);
    const [binary, bom] = out.files;
    assert.equal(out.files.length, 2);
    assert.deepEqual(binary.unreadable.reason, 'binary');
    assert.match(binary.path, /binary\.txt$/);
    assert.equal(bom.report.year, 2024);
    assert.equal(bom.encoding, 'utf-8-bom');
    assert.equal(bom.diagnostics.filter((d: { code: string }) => d.code === 'section-missing').length, 5);
    assert.equal(out.summary.unreadable, 1);
    assert.equal(out.summary.files, 1);
    // --skip-unreadable: still listed, no longer exit 2 (the BOM report's errors give 1).
    const skipped = cli(['check', '--skip-unreadable', '--locale', 'zh-cn', dir]);
    assert.equal(skipped.code, 1);
    assert.match(skipped.stdout, /binary\.txt\n {2}无法读取，未检查：不是文本文件，也不是 PDF 或 Word（\.docx）文档/);
    assert.match(skipped.stdout, /另有 1 个文件无法读取，已按 --skip-unreadable 跳过/);
  });
});

describe('nianbao check on PDF, Word, web pages and other encodings', () => {
  it('reads a .docx with merged cells and names the table cell and the paragraph of each problem', () => {
    const r = cli(['check', '--locale', 'zh-cn', 'test/fixtures/formats/docx/xian-merged.docx']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /错误 +表三“自然人”列：第一项（2）加第二项（0）之和为 2.*第 2 个表格第 28 行第 2 格 +table3-balance/);
    assert.match(r.stdout, /警告 +第六部分没有说明信息处理费.*第 \d+ 段 +fee-statement-missing/);
    const json = JSON.parse(cli(['check', '--format', 'json', 'test/fixtures/formats/docx/xian-merged.docx']).stdout);
    assert.equal(json.files[0].source, 'docx');
    assert.deepEqual(json.files[0].diagnostics[0].place, { table: 2, row: 28, cell: 2 });
    assert.equal(typeof json.files[0].diagnostics[0].range.start.line, 'number');
  });

  it('reads a saved web page', () => {
    const r = cli(['check', '--format', 'json', 'test/fixtures/formats/html/xian-page.html']);
    assert.equal(r.code, 1, r.stderr);
    const f = JSON.parse(r.stdout).files[0];
    assert.equal(f.source, 'html');
    assert.equal(f.report.year, 2024);
    assert.deepEqual(f.diagnostics.map((d: { code: string }) => d.code).sort(), ['fee-statement-missing', 'table3-balance', 'table3-balance']);
  });

  it('says which encoding a GBK file was read in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-gbk-'));
    // 某局2024年政府信息公开工作年度报告 / 一、总体情况, in GBK.
    const gbk = Buffer.from('c4b3bed632303234c4ead5feb8aed0c5cfa2b9abbfaab9a4d7f7c4eab6c8b1a8b8e60d0a0d0ad2bba1a2d7dccce5c7e9bff60d0a', 'hex');
    writeFileSync(join(dir, 'gbk.txt'), gbk);
    const r = cli(['check', '--format', 'json', join(dir, 'gbk.txt')]);
    const f = JSON.parse(r.stdout).files[0];
    assert.equal(f.encoding, 'gb18030');
    assert.ok(f.report, 'read as a report');
    const sarif = JSON.parse(cli(['check', '--format', 'sarif', join(dir, 'gbk.txt')]).stdout);
    assert.equal(sarif.runs[0].artifacts[0].encoding, 'gb18030');
  });

  it('lists a .doc found in a folder as unread, asking for .docx, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-doc-'));
    writeFileSync(join(dir, '2024年报.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const r = cli(['check', '--locale', 'zh-cn', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /2024年报\.doc\n {2}无法读取，未检查：这是旧版 Word（\.doc）或 WPS 文件.*另存为” \.docx/);
    assert.match(r.stdout, /1 个文件无法读取，未检查/);
    assert.doesNotMatch(r.stdout, /未发现问题/);
  });
});

describe('nianbao check exit code on warnings only', () => {
  it('exits 0 when there are warnings but no error', () => {
    const r = cli(['check', '--format', 'json', 'test/fixtures/rules/fee-statement-missing/fail-2024.txt']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).files[0].diagnostics.map((d: { severity: string }) => d.severity), ['warning']);
  });
});

// The official SARIF 2.1.0 schema (OASIS, draft-07), as shipped in the npm package
// @datadog/datadog-ci-plugin-sarif@4.3.0 (dist/json-schema/sarif-schema-2.1.0.json).
const sarifSchema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validSarif = ajv.compile(sarifSchema);
const uriReference = ajv.compile({ type: 'string', format: 'uri-reference' });

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; shortDescription: { text: string }; fullDescription: { text: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: ArtifactLocation; encoding?: string }[];
    invocations: { toolExecutionNotifications: { locations: { physicalLocation: { artifactLocation: ArtifactLocation } }[] }[] }[];
    results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: { startLine: number } } }[] }[];
  }[];
}

function assertValidSarif(log: unknown) {
  assert.ok(validSarif(log), JSON.stringify(validSarif.errors?.slice(0, 5), null, 2));
}

/** The absolute path an artifact location names, resolved as a SARIF consumer would. */
function resolveLocation(run: SarifLog['runs'][0], loc: ArtifactLocation): string {
  const base = loc.uriBaseId ? run.originalUriBaseIds[loc.uriBaseId].uri : undefined;
  return fileURLToPath(new URL(loc.uri, base));
}

describe('nianbao check --format sarif', () => {
  it('writes paths as percent-encoded URI references (RFC 3986)', () => {
    const name = '年报 #1 100%.txt';
    assert.deepEqual(artifactUri(name, false), { uri: '%E5%B9%B4%E6%8A%A5%20%231%20100%25.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactUri('报告?/a b.txt', false), { uri: '%E6%8A%A5%E5%91%8A%3F/a%20b.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactUri('../../tmp/x.txt', false), { uri: '../../tmp/x.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactUri('a:b.txt', false), { uri: 'a%3Ab.txt', uriBaseId: '%SRCROOT%' }, 'not read as a scheme');
    assert.deepEqual(artifactUri(`/tmp/${name}`, false), { uri: 'file:///tmp/%E5%B9%B4%E6%8A%A5%20%231%20100%25.txt' });
    // On POSIX a backslash is part of a name; on Windows it separates folders.
    assert.deepEqual(artifactUri('a\\b.txt', false), { uri: 'a%5Cb.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactUri(`reports\\${name}`, true), { uri: 'reports/%E5%B9%B4%E6%8A%A5%20%231%20100%25.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactUri('D:\\年报\\a b.txt', true), { uri: 'file:///D:/%E5%B9%B4%E6%8A%A5/a%20b.txt' });
    assert.deepEqual(artifactUri('\\\\server\\share\\a b.txt', true), { uri: 'file://server/share/a%20b.txt' });
    assert.deepEqual(artifactUri('a\uD800.txt', false), { uri: 'a%EF%BF%BD.txt', uriBaseId: '%SRCROOT%' }, 'a lone surrogate does not throw');
    for (const path of [name, `报告 #2 50%?/${name}`, "x/[a] {b} ^|`'\"<>;=&+,$!@~*()\t.txt", '../上一级/%41.txt']) {
      const { uri } = artifactUri(path, false);
      assert.ok(uriReference(uri), uri);
      assert.equal(fileURLToPath(new URL(uri, 'file:///base/dir/')), join('/base/dir', path));
    }
  });

  it('lists every rule of the catalogue with its page and descriptions; each result points at its rule', () => {
    const r = cli(['check', '--format', 'sarif', 'test/fixtures/rules/table4-total/fail-review.txt']);
    assert.equal(r.code, 1, r.stderr);
    const s = JSON.parse(r.stdout) as SarifLog & { version: string };
    assertValidSarif(s);
    assert.equal(s.version, '2.1.0');
    const run = s.runs[0];
    const rules = run.tool.driver.rules;
    assert.deepEqual(rules.map((x) => x.id), RULES.map((x) => x.id));
    for (const rule of rules) {
      assert.ok(rule.helpUri.startsWith('file://') && rule.helpUri.endsWith(`/docs/rules/${rule.id}.md`), rule.helpUri);
      assert.ok(existsSync(fileURLToPath(rule.helpUri)), `${rule.helpUri} exists`);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
    }
    assert.equal(rules.find((x) => x.id === 'table4-total')!.shortDescription.text, RULES.find((x) => x.id === 'table4-total')!.docs.summary['zh-cn']);
    assert.equal(run.results[0].ruleId, 'table4-total');
    assert.equal(run.results[0].locations[0].physicalLocation.region.startLine, 86);
    for (const result of run.results) assert.equal(rules[result.ruleIndex].id, result.ruleId);
    const loc = run.results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(loc, { uri: 'test/fixtures/rules/table4-total/fail-review.txt', uriBaseId: '%SRCROOT%', index: 0 });
    assert.equal(resolveLocation(run, loc), join(ROOT, 'test/fixtures/rules/table4-total/fail-review.txt'));
    const en = JSON.parse(cli(['check', '--format', 'sarif', '--locale', 'en', 'test/fixtures/rules/table4-total/fail-review.txt']).stdout) as SarifLog;
    assert.equal(en.runs[0].tool.driver.rules.find((x) => x.id === 'table4-total')!.shortDescription.text, 'Each table-4 group total equals its four outcomes');
  });

  it('is valid SARIF 2.1.0 for reports, Word, unread files and names with Chinese, spaces, #, % and ?', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-sarif-'));
    const folder = join(dir, '报告 #2 50%?');
    mkdirSync(folder);
    const odd = join(folder, '年报 #1 100%.txt');
    copyFileSync(join(ROOT, 'test/fixtures/rules/table4-total/fail-review.txt'), odd);
    writeFileSync(join(folder, '坏 #.txt'), Buffer.from([0, 1, 2, 255, 0, 7]));
    writeFileSync(join(folder, 'bom 100%.txt'), '\ufeff' + '某局2024年政府信息公开工作年度报告\r\n\r\n一、总体情况\r\n');
    for (const locale of ['zh-cn', 'en']) {
      const r = cli(['check', '--format', 'sarif', '--locale', locale, 'examples', 'test/fixtures/formats/docx/xian-merged.docx', dir]);
      assert.equal(r.code, 2, r.stderr);
      const s = JSON.parse(r.stdout) as SarifLog;
      assertValidSarif(s);
      const run = s.runs[0];
      assert.ok(run.results.length > 20);
      for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      // Every location names its file and its artifact.
      const locations = [
        ...run.results.map((x) => x.locations[0].physicalLocation.artifactLocation),
        ...run.invocations[0].toolExecutionNotifications.map((x) => x.locations[0].physicalLocation.artifactLocation),
      ];
      for (const loc of locations) {
        assert.ok(existsSync(resolveLocation(run, loc)), loc.uri);
        assert.deepEqual(run.artifacts[loc.index!].location, { uri: loc.uri, uriBaseId: loc.uriBaseId });
      }
      const paths = run.artifacts.map((a) => resolveLocation(run, a.location));
      assert.ok(paths.includes(odd), paths.join('\n'));
      assert.ok(run.results.some((x) => resolveLocation(run, x.locations[0].physicalLocation.artifactLocation) === odd));
      assert.equal(resolveLocation(run, run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation), join(folder, '坏 #.txt'));
      assert.equal(run.artifacts[paths.indexOf(join(folder, 'bom 100%.txt'))].encoding, 'utf-8');
      assert.ok(run.artifacts.every((a) => !/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/.test(a.location.uri)), 'only URI characters');
    }
  });
});
