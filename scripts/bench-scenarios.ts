// The measurements behind `npm run bench`. scripts/bench.ts bundles this file (with the core, as the
// server and the CLI bundle it) and runs each scenario in a fresh Node process:
//   node scenarios.cjs <scenario> --out=<result.json> [--profile=<dir>]
// With --profile the scenario runs only its hot part, under --cpu-prof (in process for the in-process
// scenarios; in the server or the CLI process for the others), and writes the profiles to <dir>.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { analyze, checkDocument, checkText, ParsedDocument, resolveOptions, runRules } from '../core/src/index';
import { batchFolder, bigReport, oneYearFolder, DIST_CLI, manyReports, markdownFolder, narrativeLines, ROOT, textSeeds, markdownSeeds, utf8Bytes } from './bench-inputs';
import { BenchServer } from './bench-lsp';
import { sample, sleep, stats } from './bench-stats';

const args = process.argv.slice(2);
const scenario = args[0];
const out = args.find((a) => a.startsWith('--out='))?.slice(6);
const profileDir = args.find((a) => a.startsWith('--profile='))?.slice(10);
const log = (s: string) => process.stderr.write(`  ${s}\n`);
const cpuProf = (dir: string) => ['--cpu-prof', `--cpu-prof-dir=${dir}`];

/** Spins `fn` for `ms` (profiling: the hot loop only, long enough for a few thousand samples). */
function spin(fn: () => void, ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) fn();
}

// ---- in process ------------------------------------------------------------------------------------

function full() {
  const seeds = textSeeds();
  if (profileDir) {
    spin(() => {
      for (const s of seeds) checkText(s.text, s.format);
    }, 5000);
    return {};
  }
  // The seeds take turns (one check each per round), so all three see the same machine load.
  for (const s of seeds) {
    if (!checkText(s.text, s.format).checked) throw new Error(`${s.name} is not recognised as a report`);
    for (let i = 0; i < 300; i++) checkText(s.text, s.format);
  }
  log(`full check of the seeds`);
  const times = seeds.map(() => [] as number[]);
  const start = performance.now();
  while (times[0].length < 300 || performance.now() - start < 6000) {
    seeds.forEach((s, k) => {
      const t = performance.now();
      checkText(s.text, s.format);
      times[k].push(performance.now() - t);
    });
  }
  const rows = seeds.map((s, k) => ({ name: s.name, bytes: utf8Bytes(s.text), stats: stats(times[k]) }));
  const markdown = markdownSeeds().map((s) => {
    log(`full check ${s.name}`);
    return { name: s.name, bytes: utf8Bytes(s.text), stats: sample(() => checkText(s.text, s.format), { warmup: 20, minRuns: 40, minMs: 600 }) };
  });
  return { rows, markdown };
}

/** One-character edits in the narrative of `text`: insert a character, then delete it again, at spread-out places. */
function editCycle(text: string, count = 40) {
  const lines = text.split('\n');
  const candidates = narrativeLines(text);
  const picks = Array.from({ length: count }, (_, k) => candidates[Math.floor(((k + 0.5) * candidates.length) / count)]);
  let k = 0;
  return () => {
    const line = picks[Math.floor(k / 2) % picks.length];
    const character = Math.floor(lines[line].length / 2);
    const insert = k % 2 === 0;
    k++;
    const start = { line, character };
    return insert ? { range: { start, end: start }, text: '年' } : { range: { start, end: { line, character: character + 1 } }, text: '' };
  };
}

function incremental() {
  const big = bigReport();
  const doc = ParsedDocument.parse(big, 'text');
  const next = editCycle(big);
  const step = () => {
    doc.applyChange(next());
    checkDocument(doc);
  };
  if (profileDir) {
    spin(step, 6000);
    return {};
  }
  // Full checks and edits interleave (one full check, 20 edits, 5 edits timed part by part), so all see the
  // same machine load.
  log(`full check vs one-character edit + incremental re-check, 1 MB report`);
  const fullTimes: number[] = [];
  const incTimes: number[] = [];
  const parts = { applyChange: [] as number[], analyze: [] as number[], runRules: [] as number[] };
  const options = resolveOptions({});
  const fullCheck = () => checkText(big, 'text');
  for (let i = 0; i < 3; i++) fullCheck();
  for (let i = 0; i < 60; i++) step();
  const start = performance.now();
  while (fullTimes.length < 30 || (performance.now() - start < 6000 && fullTimes.length < 80)) {
    let t = performance.now();
    fullCheck();
    fullTimes.push(performance.now() - t);
    for (let j = 0; j < 20; j++) {
      t = performance.now();
      step();
      incTimes.push(performance.now() - t);
    }
    for (let j = 0; j < 5; j++) {
      t = performance.now();
      doc.applyChange(next());
      const t1 = performance.now();
      const report = analyze(doc);
      const t2 = performance.now();
      runRules(report, options);
      const t3 = performance.now();
      parts.applyChange.push(t1 - t);
      parts.analyze.push(t2 - t1);
      parts.runRules.push(t3 - t2);
    }
  }
  const fullStats = stats(fullTimes);
  const inc = stats(incTimes);
  // Sanity: the edited document is the original again (after the pending delete, if any) and checks like a fresh parse.
  if (doc.text !== big) doc.applyChange(next());
  if (doc.text !== big) throw new Error('edit cycle did not restore the document');
  const a = checkDocument(doc).diagnostics.length;
  const b = checkText(big, 'text').diagnostics.length;
  if (a !== b) throw new Error(`incremental and full check disagree: ${a} vs ${b} diagnostics`);
  return {
    bytes: utf8Bytes(big),
    chars: big.length,
    lines: doc.lines.length,
    blocks: doc.blocks.length,
    full: fullStats,
    incremental: inc,
    parts: { applyChange: stats(parts.applyChange), analyze: stats(parts.analyze), runRules: stats(parts.runRules) },
  };
}

// ---- language server -------------------------------------------------------------------------------

/**
 * didChange → publishDiagnostics latency for one-character edits, debounce 0. Both documents are open in
 * one server and their edits alternate, so both see the same machine load.
 */
async function editLatency(docs: { name: string; text: string }[], runs: number, execArgv: string[] = []) {
  const server = await BenchServer.start({ execArgv });
  const open = [];
  for (const d of docs) {
    const uri = `file:///bench/${d.name}`;
    await server.open(uri, 'nianbao', d.text, 1);
    const first = await server.diagnostics(uri, 1);
    open.push({ ...d, uri, next: editCycle(d.text), version: 1, times: [] as number[], cpuPerEdit: 0, openToDiagnostics: first.at - server.initializedAt });
  }
  const warmup = 30;
  for (let i = 0; i < warmup + runs; i++) {
    for (const d of open) {
      const e = d.next();
      d.version++;
      const t = performance.now();
      await server.edit(d.uri, d.version, e.range, e.text);
      const a = await server.diagnostics(d.uri, d.version);
      if (i >= warmup) d.times.push(a.at - t);
      if (i % 50 === 0) server.forget(d.uri);
    }
  }
  // Server CPU time per edit (one document at a time, 600 edits each: /proc counts 10 ms ticks): unlike the latency it hardly depends on
  // what else the machine runs. Includes the server's JSON-RPC work; the client's is not counted.
  for (const d of open) {
    const cpu0 = server.cpuMs();
    const n = 600;
    for (let i = 0; i < n; i++) {
      const e = d.next();
      d.version++;
      await server.edit(d.uri, d.version, e.range, e.text);
      await server.diagnostics(d.uri, d.version);
      if (i % 50 === 0) server.forget(d.uri);
    }
    d.cpuPerEdit = (server.cpuMs() - cpu0) / n;
  }
  // Sanity: the server really checks each document: an edit that must produce diagnostics (the title's year
  // no longer matches the statistics period) gets the same diagnostics as an in-process check.
  for (const d of open) {
    const lines = d.text.split('\n');
    const titleLine = lines.findIndex((l) => /政府信息公开工作年度报告/.test(l));
    const title = lines[titleLine];
    const at = title.indexOf('2024');
    d.version++;
    await server.edit(d.uri, d.version, { start: { line: titleLine, character: at }, end: { line: titleLine, character: at + 4 } }, '2019');
    const probe = await server.diagnostics(d.uri, d.version);
    lines[titleLine] = title.slice(0, at) + '2019' + title.slice(at + 4);
    const expected = checkText(lines.join('\n'), 'text').diagnostics.length;
    if (expected === 0 || probe.params.diagnostics.length !== expected) {
      throw new Error(`${d.name}: the server gave ${probe.params.diagnostics.length} diagnostics for the probe edit, the core ${expected}`);
    }
  }
  await server.shutdown();
  return open.map((d) => ({ name: d.name, bytes: utf8Bytes(d.text), openToDiagnostics: d.openToDiagnostics, cpuPerEdit: d.cpuPerEdit, stats: stats(d.times) }));
}

async function lsp() {
  const small = textSeeds()[0];
  const big = { name: 'big-1mb.txt', text: bigReport() };
  if (profileDir) {
    await editLatency([big], 300, cpuProf(profileDir));
    return {};
  }
  log(`LSP didChange → diagnostics, ${small.name} and the 1 MB report, alternating`);
  const [s, b] = await editLatency([small, big], 300);
  return { small: s, big: b };
}

async function memory() {
  const reports = manyReports(100);
  const rounds = profileDir ? 1 : 3;
  const results: { baseline: number; rss: number; ms: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    log(`100 reports open in one server, round ${r + 1}/${rounds}`);
    // Profiling: the sampling heap profiler; the profile written at exit holds what is still live then (all 100 open).
    const server = await BenchServer.start({ execArgv: profileDir ? ['--heap-prof', `--heap-prof-dir=${profileDir}`] : [] });
    await sleep(200);
    const baseline = server.rss();
    const t = performance.now();
    const uris = reports.map((rep) => `file:///bench/many/${rep.name}`);
    for (let i = 0; i < reports.length; i++) await server.open(uris[i], reports[i].format === 'markdown' ? 'markdown' : 'plaintext', reports[i].text);
    const arrivals = await Promise.all(uris.map((u) => server.diagnostics(u, 1)));
    const ms = performance.now() - t;
    if (arrivals.every((a) => a.params.diagnostics.length === 0)) throw new Error('no diagnostics at all: were the reports checked?');
    await sleep(1000);
    results.push({ baseline, rss: server.rss(), ms });
    await server.shutdown();
  }
  return { count: reports.length, bytes: reports.reduce((n, r) => n + utf8Bytes(r.text), 0), rounds: results, rss: stats(results.map((x) => x.rss)) };
}

async function activation() {
  const seed = textSeeds()[0];
  const rounds = profileDir ? 5 : 15;
  const toDiagnostics: number[] = [];
  const toInitialized: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    const server = await BenchServer.start({ ipc: true, execArgv: profileDir ? cpuProf(profileDir) : [] });
    const uri = 'file:///bench/activation/haiyuan-xian-2024.txt';
    await server.open(uri, 'plaintext', seed.text);
    const a = await server.diagnostics(uri, 1);
    if (r > 0) {
      // the first round only warms the OS file cache
      toDiagnostics.push(a.at - server.spawnedAt);
      toInitialized.push(server.initializedAt - server.spawnedAt);
    }
    await server.shutdown();
  }
  return { seed: seed.name, transport: 'ipc', toDiagnostics: stats(toDiagnostics), toInitialized: stats(toInitialized) };
}

// ---- CLI vs markdownlint-cli2 ----------------------------------------------------------------------

function markdownlintBin(): string {
  const dir = join(ROOT, 'node_modules', 'markdownlint-cli2');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
  return join(dir, pkg.bin['markdownlint-cli2']);
}

function cli() {
  const dir = markdownFolder(400);
  const mdl = markdownlintBin();
  const mdlVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'markdownlint-cli2', 'package.json'), 'utf8')) as { version: string }).version;
  const run = (argv: string[], execArgv: string[] = []) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [...execArgv, ...argv], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - t;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited with ${r.status}: ${r.stderr}`);
    return { ms, stdout: r.stdout, stderr: r.stderr };
  };
  const nianbao = [DIST_CLI, 'check', '.'];
  const markdownlint = [mdl, '**/*.md'];
  if (profileDir) {
    run(nianbao, cpuProf(profileDir));
    return {};
  }
  // Warm-up (file cache) and a check that both tools really read all 400 files.
  const json = JSON.parse(run([DIST_CLI, 'check', '--format', 'json', '.']).stdout) as unknown;
  const files = Array.isArray(json) ? json.length : ((json as { files?: unknown[] }).files?.length ?? -1);
  const warm = run(markdownlint);
  const linted = /Linting: (\d+) file/.exec(warm.stdout + warm.stderr)?.[1];
  if (files !== 400 || linted !== '400') throw new Error(`expected 400 files: nianbao saw ${files}, markdownlint-cli2 ${linted}`);
  const a: number[] = [];
  const b: number[] = [];
  const rounds = 5;
  for (let i = 0; i < rounds; i++) {
    log(`CLI vs markdownlint-cli2, round ${i + 1}/${rounds}`);
    // Alternate which tool goes first.
    if (i % 2 === 0) {
      a.push(run(nianbao).ms);
      b.push(run(markdownlint).ms);
    } else {
      b.push(run(markdownlint).ms);
      a.push(run(nianbao).ms);
    }
  }
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  return { files: 400, bytes, markdownlintVersion: mdlVersion, nianbao: stats(a), markdownlint: stats(b), nianbaoRuns: a, markdownlintRuns: b };
}

// ---- reading PDF, Word and saved web pages -------------------------------------------------------------

/** `nianbao check` on one file of each form (whole process: node start, the readers' bundle, reading, checking). */
function readers() {
  const corpusPdf = [join(ROOT, '..', 'shared', 'corpus', 'sources', 'hz-2023.pdf'), '/work/shared/corpus/sources/hz-2023.pdf'].find((p) => statSync(p, { throwIfNoEntry: false }));
  const files = [
    ...(corpusPdf ? [{ name: 'corpus PDF (hz-2023.pdf, 5 pages)', path: corpusPdf }] : []),
    { name: 'fixture PDF (xian-ruled.pdf, 3 pages)', path: join(ROOT, 'test', 'fixtures', 'formats', 'pdf', 'xian-ruled.pdf') },
    { name: 'Word (xian-merged.docx)', path: join(ROOT, 'test', 'fixtures', 'formats', 'docx', 'xian-merged.docx') },
    { name: 'saved web page (xian-page.html)', path: join(ROOT, 'test', 'fixtures', 'formats', 'html', 'xian-page.html') },
    { name: 'plain text (xian-merged.txt)', path: join(ROOT, 'test', 'fixtures', 'formats', 'docx', 'xian-merged.txt') },
  ];
  const rounds = profileDir ? 1 : 10;
  const rows = files.map((f) => {
    const runs: number[] = [];
    for (let i = 0; i <= rounds; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [...(profileDir ? cpuProf(profileDir) : []), DIST_CLI, 'check', '--format', 'json', f.path], { encoding: 'utf8' });
      const ms = performance.now() - t;
      if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao check ${f.path} exited with ${r.status}: ${r.stderr}`);
      if (i > 0) runs.push(ms); // the first run warms the file cache
    }
    log(`read ${f.name}: ${stats(runs).median.toFixed(0)} ms`);
    return { name: f.name, bytes: statSync(f.path).size, stats: stats(runs) };
  });
  const bundle = statSync(join(ROOT, 'dist', 'readers.js')).size;
  return { rows, bundle };
}

// ---- a reviewer's folder of 1,000 reports: one worker vs all ------------------------------------------

function batch() {
  const cores = availableParallelism();
  const mixed = batchFolder(1000);
  const text = batchFolder(1000, true);
  const year = oneYearFolder(1000);
  const run = (dir: string, jobs: number) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [...(profileDir ? cpuProf(profileDir) : []), DIST_CLI, 'check', '--format', 'json', '--jobs', String(jobs), '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - t;
    if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao check --jobs ${jobs} exited with ${r.status}: ${r.stderr}`);
    return { ms, files: (JSON.parse(r.stdout) as { files: unknown[] }).files.length };
  };
  if (profileDir) {
    run(mixed, cores);
    return {};
  }
  const rounds = 3;
  const series: Record<string, number[]> = { mixed1: [], mixedAll: [], text1: [], textAll: [], year1: [], yearAll: [] };
  let files = 0;
  for (let i = 0; i <= rounds; i++) {
    log(`batch of 1,000 reports, round ${i}/${rounds}`);
    const m1 = run(mixed, 1);
    const mAll = run(mixed, cores);
    const t1 = run(text, 1);
    const tAll = run(text, cores);
    const y1 = run(year, 1);
    const yAll = run(year, cores);
    files = m1.files;
    if (i === 0) continue; // warm-up
    series.mixed1.push(m1.ms);
    series.mixedAll.push(mAll.ms);
    series.text1.push(t1.ms);
    series.textAll.push(tAll.ms);
    series.year1.push(y1.ms);
    series.yearAll.push(yAll.ms);
  }
  const s = (k: string) => stats(series[k]);
  return { cores, files, mixed1: s('mixed1'), mixedAll: s('mixedAll'), text1: s('text1'), textAll: s('textAll'), year1: s('year1'), yearAll: s('yearAll') };
}

// ---- main ------------------------------------------------------------------------------------------

const SCENARIOS: Record<string, () => unknown> = { full, incremental, lsp, memory, activation, cli, readers, batch };

async function main(): Promise<void> {
  const fn = SCENARIOS[scenario];
  if (!fn) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(SCENARIOS).join(', ')}`);
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const result = await fn();
  const json = JSON.stringify(result, null, 1);
  if (out) writeFileSync(out, json);
  else process.stdout.write(`${json}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
