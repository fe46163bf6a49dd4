// `npm run bench`: measures every performance target on this machine, prints a table (medians and spread)
// and writes it to BENCHMARKS.md with the machine and the date. Each target that is missed is profiled
// (node --cpu-prof; --heap-prof for memory) and the profile's top functions go into BENCHMARKS.md next to
// the hand-written finding for that row (bench/notes.md, one `## <row id>` section per row).
//
//   npm run bench                         everything (about 3–4 minutes on 2 cores)
//   npm run bench -- --only=full,lsp      some scenarios (BENCHMARKS.md is not written)
//   npm run bench -- --no-profile         skip profiling missed targets
//   npm run bench -- --profile-all        profile every row, met or not
//   node --import tsx scripts/bench.ts --render
//                                         rewrite BENCHMARKS.md from the last run's results and profiles
//                                         (after editing bench/notes.md), without measuring again
//
// Scenarios: full, incremental, lsp, memory, activation, cli (see scripts/bench-scenarios.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, WORK } from './bench-inputs';
import { profilesIn, renderHeapSummary, renderSummary, summarize, summarizeHeap } from './bench-profile';
import { fmtMs, type Stats } from './bench-stats';

const argv = process.argv.slice(2);
const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const noProfile = argv.includes('--no-profile');
const profileAll = argv.includes('--profile-all');
const render = argv.includes('--render');
const SCENARIO_ORDER = ['full', 'incremental', 'lsp', 'memory', 'activation', 'cli', 'readers', 'batch'];
const scenarios = only ?? SCENARIO_ORDER;
const BUNDLE = join(WORK, 'scenarios.cjs');
const env = { ...process.env, NIANBAO_BENCH_ROOT: ROOT };

// ---- run ---------------------------------------------------------------------------------------------

async function bundle(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  // The same esbuild settings as scripts/build.mjs, so the core runs exactly as in the server and the CLI.
  await esbuild.build({
    entryPoints: [join(ROOT, 'scripts', 'bench-scenarios.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
}

interface Run {
  result: Record<string, unknown>;
  seconds: number;
  load: [number, number];
}

function runScenario(name: string, profileDir?: string): Run {
  const out = join(WORK, 'results', profileDir ? `${name}.profile.json` : `${name}.json`);
  mkdirSync(join(WORK, 'results'), { recursive: true });
  rmSync(out, { force: true });
  const load0 = loadavg()[0];
  const t = performance.now();
  // In-process scenarios are profiled in their own process; the others pass --cpu-prof on to what they start.
  const inProcess = name === 'full' || name === 'incremental';
  const node = profileDir && inProcess ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const args = [...node, BUNDLE, name, `--out=${out}`, ...(profileDir ? [`--profile=${profileDir}`] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`scenario ${name} failed (exit ${r.status})`);
  return { result: JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>, seconds: (performance.now() - t) / 1000, load: [load0, loadavg()[0]] };
}

// ---- rows ----------------------------------------------------------------------------------------------

interface Row {
  id: string;
  scenario: string;
  measure: string;
  target: string;
  /** The figure the target is about. */
  value: string;
  spread: string;
  n: string;
  met: boolean;
  /** Why a met target is only narrowly met (within 10 %, or another statistic disagrees); such rows get their finding too. */
  watch?: string;
  details: string[];
}

/** `watch` when `value` meets `target` by less than 10 %. */
function narrow(value: number, target: number, atMost: boolean): string | undefined {
  const margin = atMost ? (target - value) / target : (value - target) / target;
  return margin >= 0 && margin < 0.1 ? `within ${Math.max(1, Math.round(margin * 100))} % of the target` : undefined;
}

const r1 = (x: number) => x.toFixed(1);
const range = (s: Stats) => `${fmtMs(s.p10)} – ${fmtMs(s.p90)}`;
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const mib = (b: number) => `${(b / (1 << 20)).toFixed(1)} MiB`;
/** A file size: kB below 1 MB, else MB with the exact byte count (10^3 / 10^6 bytes). */
const size = (b: number) => (b < 1e6 ? `${(b / 1e3).toFixed(1)} kB` : `${(b / 1e6).toFixed(2)} MB (${b.toLocaleString('en')} bytes)`);
const short = (name: string) => name.replace(/^(\d{3})_[0-9a-f]+\.txt$/, '$1');

interface Named {
  name: string;
  bytes: number;
  stats: Stats;
}

function rowsFor(name: string, res: Record<string, unknown>): Row[] {
  switch (name) {
    case 'full': {
      const rows = res.rows as Named[];
      const md = res.markdown as Named[];
      const worst = Math.max(...rows.map((r) => r.stats.median));
      return [
        {
          id: 'full',
          scenario: 'full',
          measure: 'Full check of a typical report (each shared seed), in process, median',
          target: '≤ 0.5 ms',
          value: rows.map((r) => `${short(r.name)}: ${fmtMs(r.stats.median)}`).join(' · '),
          spread: rows.map((r) => `${short(r.name)}: ${range(r.stats)}`).join(' · '),
          n: rows.map((r) => r.stats.n).join(' / '),
          met: worst <= 0.5,
          watch: narrow(worst, 0.5, true),
          details: [
            'Input: the three shared seeds (`checkText(text, "text")`: parse, build the report model, run every rule).',
            '300 warm-up checks of each, then the three take turns (one check each per round) for at least 300 rounds and 6 s. The Markdown renderings (informational) follow, 20 warm-up checks, then at least 40 and 0.6 s each.',
            '',
            '| seed | size | median | p10 – p90 | p95 | runs |',
            '| --- | --- | --- | --- | --- | --- |',
            ...[...rows, ...md].map((r) => `| ${r.name}${r.name.startsWith('md/') ? ' (Markdown, not in the target)' : ''} | ${size(r.bytes)} | ${fmtMs(r.stats.median)} | ${range(r.stats)} | ${fmtMs(r.stats.p95)} | ${r.stats.n} |`),
          ],
        },
      ];
    }
    case 'incremental': {
      const full = res.full as Stats;
      const inc = res.incremental as Stats;
      const parts = res.parts as Record<string, Stats>;
      const ratio = full.median / inc.median;
      return [
        {
          id: 'incremental',
          scenario: 'incremental',
          measure: 'One-character edit in a 1 MB report: incremental re-check vs a full check of the same text',
          target: '≥ 20× faster',
          value: `${r1(ratio)}× (full ${fmtMs(full.median)}, edit + re-check ${fmtMs(inc.median)})`,
          spread: `full ${range(full)} · edit ${range(inc)}`,
          n: `${full.n} / ${inc.n}`,
          met: ratio >= 20,
          watch: narrow(ratio, 20, false),
          details: [
            `Input: seed 000 with the narrative of its section 一 (subsections （一）…（五）, headings and paragraphs) repeated to ${size(res.bytes as number)} of UTF-8 (${res.chars as number} characters, ${res.lines as number} lines, ${res.blocks as number} blocks), its real tables after it; no diagnostics.`,
            'Full: `checkText` of the whole text. Incremental: `doc.applyChange` (insert one character mid-paragraph, or delete it again, at 40 places spread over the narrative) then `checkDocument(doc)`. After warm-up the two alternate (one full check, then 20 edits) for at least 30 full checks and 6 s, so both see the same machine load.',
            '',
            '| | median | p10 – p90 | p95 | runs |',
            '| --- | --- | --- | --- | --- |',
            `| full check | ${fmtMs(full.median)} | ${range(full)} | ${fmtMs(full.p95)} | ${full.n} |`,
            `| edit + incremental re-check | ${fmtMs(inc.median)} | ${range(inc)} | ${fmtMs(inc.p95)} | ${inc.n} |`,
            `| — of which \`applyChange\` | ${fmtMs(parts.applyChange.median)} | ${range(parts.applyChange)} | ${fmtMs(parts.applyChange.p95)} | ${parts.applyChange.n} |`,
            `| — of which \`analyze\` (report model) | ${fmtMs(parts.analyze.median)} | ${range(parts.analyze)} | ${fmtMs(parts.analyze.p95)} | ${parts.analyze.n} |`,
            `| — of which \`runRules\` | ${fmtMs(parts.runRules.median)} | ${range(parts.runRules)} | ${fmtMs(parts.runRules.p95)} | ${parts.runRules.n} |`,
          ],
        },
      ];
    }
    case 'lsp': {
      const small = res.small as { name: string; bytes: number; stats: Stats; openToDiagnostics: number; cpuPerEdit: number };
      const big = res.big as typeof small;
      const ratio95 = big.stats.p95 / small.stats.p95;
      const ratio50 = big.stats.median / small.stats.median;
      const cpuRatio = big.cpuPerEdit / small.cpuPerEdit;
      const table = [
        '| document | size | median | p10 – p90 | p95 | max | edits | server CPU per edit |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...[small, big].map((d) => `| ${d.name} | ${size(d.bytes)} | ${fmtMs(d.stats.median)} | ${range(d.stats)} | ${fmtMs(d.stats.p95)} | ${fmtMs(d.stats.max)} | ${d.stats.n} | ${fmtMs(d.cpuPerEdit)} |`),
        '',
        `Server CPU per edit (user + system time of the server process over 600 further edits of one document at a time, from /proc/<pid>/stat, which counts 10 ms ticks) hardly depends on the machine's load, unlike the latency: ${fmtMs(big.cpuPerEdit)} for 1 MB vs ${fmtMs(small.cpuPerEdit)} for 10 KB, ${cpuRatio.toFixed(1)}×.`,
      ];
      return [
        {
          id: 'lsp-1mb',
          scenario: 'lsp',
          measure: 'Language server over stdio, `didChange` → diagnostics, 1 MB report, debounce 0, p95',
          target: '≤ 15 ms',
          value: `p95 ${fmtMs(big.stats.p95)} (median ${fmtMs(big.stats.median)})`,
          spread: range(big.stats),
          n: String(big.stats.n),
          met: big.stats.p95 <= 15,
          watch: narrow(big.stats.p95, 15, true),
          details: [
            '`node dist/server.js --stdio`, `initializationOptions.debounceMs: 0` (and `nianbao.debounceMs: 0` when the server pulls settings). The document is opened as `nianbao`; each sample is one `didChange` with one incremental one-character change (insert, or delete the character inserted before, mid-paragraph at 40 places), timed from just before the notification is written to the arrival of `publishDiagnostics` for that version (parsed by the client). Both documents (seed 000 and the 1 MB report) are open in one server and their edits alternate, so both see the same machine load: 30 warm-up edits each, then 300 each.',
            'A final probe edit (the title\'s year changed) must give the same diagnostics as the core in process, so the server is known to check the whole document.',
            '',
            ...table,
          ],
        },
        {
          id: 'lsp-ratio',
          scenario: 'lsp',
          measure: 'The same latency on a 1 MB report vs a 10 KB one (seed 000)',
          target: '≤ 3×',
          value: `${ratio95.toFixed(2)}× at p95 (${ratio50.toFixed(2)}× at the median)`,
          spread: `10 KB: ${range(small.stats)} · 1 MB: ${range(big.stats)}`,
          n: `${small.stats.n} / ${big.stats.n}`,
          met: ratio95 <= 3,
          watch:
            narrow(ratio95, 3, true) ??
            (ratio50 > 3 || cpuRatio > 3 ? `at the median the 1 MB document is ${ratio50.toFixed(1)}× slower, and takes ${cpuRatio.toFixed(1)}× the server CPU per edit` : undefined),
          details: ['Same method as the row above; the 10 KB document is seed 000 itself (the 1 MB one is made from it).', '', ...table],
        },
      ];
    }
    case 'cli': {
      const a = res.nianbao as Stats;
      const b = res.markdownlint as Stats;
      const ratio = b.median / a.median;
      const runs = (xs: number[]) => xs.map((x) => fmtMs(x)).join(', ');
      return [
        {
          id: 'cli',
          scenario: 'cli',
          measure: 'CLI on 400 Markdown reports in a folder, wall time vs `markdownlint-cli2` on the same folder',
          target: '≥ 5× faster',
          value: `${r1(ratio)}× (nianbao ${fmtMs(a.median)}, markdownlint-cli2 ${fmtMs(b.median)})`,
          spread: `nianbao ${fmtMs(a.min)} – ${fmtMs(a.max)} · markdownlint-cli2 ${fmtMs(b.min)} – ${fmtMs(b.max)}`,
          n: `${a.n} / ${b.n}`,
          met: ratio >= 5,
          watch: narrow(ratio, 5, false),
          details: [
            `Input: 400 Markdown reports (${mb(res.bytes as number)}) in one folder: the four Markdown renderings of the seeds (test/fixtures/md) in turn, each copy with its 机关 renamed and its years shifted.`,
            `Commands, run in that folder: \`node dist/cli.js check .\` and \`node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs "**/*.md"\` (markdownlint-cli2 ${res.markdownlintVersion as string}, default rules, no configuration; the bin is run directly, as \`npx markdownlint-cli2\` would after resolving it). One untimed run of each first (it also checks that both read all 400 files), then ${a.n} rounds, alternating which tool goes first. Wall time of the whole process, spread is min – max.`,
            '',
            `- nianbao runs: ${runs(res.nianbaoRuns as number[])}`,
            `- markdownlint-cli2 runs: ${runs(res.markdownlintRuns as number[])}`,
          ],
        },
      ];
    }
    case 'memory': {
      const s = res.rss as Stats;
      const rounds = res.rounds as { baseline: number; rss: number; ms: number }[];
      return [
        {
          id: 'memory',
          scenario: 'memory',
          measure: 'Server memory with 100 typical reports open',
          target: '≤ 150 MB RSS',
          value: `${mb(s.median)} (${mib(s.median)})`,
          spread: `${mb(s.min)} – ${mb(s.max)}`,
          n: String(s.n),
          met: s.median <= 150e6,
          watch: narrow(s.median, 150e6, true),
          details: [
            `Input: 100 reports (${mb(res.bytes as number)}): the three seeds and the four Markdown renderings in turn, each with its 机关 renamed and its years shifted; opened as \`plaintext\` / \`markdown\` in one server over stdio.`,
            'VmRSS from /proc/<pid>/status after every report\'s first diagnostics arrived and 1 s of quiet; a fresh server for each of the rounds. MB = 10^6 bytes.',
            '',
            '| round | RSS before opening | RSS with 100 open | open → all diagnostics |',
            '| --- | --- | --- | --- |',
            ...rounds.map((x, i) => `| ${i + 1} | ${mb(x.baseline)} | ${mb(x.rss)} | ${fmtMs(x.ms)} |`),
          ],
        },
      ];
    }
    case 'activation': {
      const s = res.toDiagnostics as Stats;
      const init = res.toInitialized as Stats;
      return [
        {
          id: 'activation',
          scenario: 'activation',
          measure: 'Extension activation to first diagnostics on a seed (server side: spawn → first diagnostics)',
          target: '≤ 300 ms',
          value: fmtMs(s.median),
          spread: range(s),
          n: String(s.n),
          met: s.median <= 300,
          watch: narrow(s.median, 300, true),
          details: [
            'There is no VS Code here, so this is the part of activation the extension controls after `activate()` is called: the server process is started as the client starts it (Node IPC, `--node-ipc`), then `initialize` / `initialized` (the client answers `workspace/configuration` with the defaults), `didOpen` of seed 000 as `plaintext`, until its first `publishDiagnostics`. Timed from just before the process is forked. Not included: VS Code loading the extension host and dist/client.js. One untimed round first, then 15.',
            '',
            '| | median | p10 – p90 | p95 |',
            '| --- | --- | --- | --- |',
            `| spawn → \`initialize\` answered | ${fmtMs(init.median)} | ${range(init)} | ${fmtMs(init.p95)} |`,
            `| spawn → first diagnostics | ${fmtMs(s.median)} | ${range(s)} | ${fmtMs(s.p95)} |`,
          ],
        },
      ];
    }
    case 'batch': {
      const cores = res.cores as number;
      const [m1, mAll, t1, tAll, y1, yAll] = [res.mixed1, res.mixedAll, res.text1, res.textAll, res.year1, res.yearAll] as Stats[];
      const speedup = m1.median / mAll.median;
      const perCore = 1000 / (tAll.median / 1000) / cores;
      const details = [
        `Input: 1,000 files in one folder (scripts/bench-inputs.ts \`batchFolder\`): text and Markdown variants of the seeds, each with its 机关 renamed and its years shifted, and one saved web page and one PDF in every 20 (the format fixtures); the text/Markdown row uses 1,000 text and Markdown variants only; the one-year row 1,000 text and Markdown variants with the seeds' own years (\`oneYearFolder\`: no report has the report of the year before beside it, as in a folder of one year's reports). \`node dist/cli.js check --format json --jobs N .\`, whole process, one warm-up round then ${m1.n}; this machine has ${cores} cores. On 2 cores \`--jobs N\` checks every file in the main thread, in order, and N − 1 workers turn the PDFs and Word files into text ahead of it (cli/src/pool.ts \`Extractors\`); on more cores a large folder is split into shares, one per worker (\`Pool\`).`,
        '',
        '| folder | `--jobs 1` | `--jobs ' + cores + '` | speed-up |',
        '| --- | --- | --- | --- |',
        `| mixed (text, Markdown, web pages, PDFs) | ${fmtMs(m1.median)} | ${fmtMs(mAll.median)} | ${r1(m1.median / mAll.median)}× |`,
        `| text and Markdown only | ${fmtMs(t1.median)} | ${fmtMs(tAll.median)} | ${r1(t1.median / tAll.median)}× |`,
        ...(y1 && yAll ? [`| one year's reports, text and Markdown | ${fmtMs(y1.median)} | ${fmtMs(yAll.median)} | ${r1(y1.median / yAll.median)}× |`] : []),
      ];
      return [
        {
          id: 'batch-speedup',
          scenario: 'batch',
          measure: `A folder of 1,000 reports: one worker vs all ${cores}`,
          target: '≥ 1.8× on 2 cores',
          value: `${r1(speedup)}× (${fmtMs(m1.median)} → ${fmtMs(mAll.median)})`,
          spread: `${fmtMs(m1.min)} – ${fmtMs(m1.max)} · ${fmtMs(mAll.min)} – ${fmtMs(mAll.max)}`,
          n: `${m1.n} / ${mAll.n}`,
          met: speedup >= 1.8,
          watch: narrow(speedup, 1.8, false),
          details,
        },
        {
          id: 'batch-rate',
          scenario: 'batch',
          measure: 'Text and Markdown reports checked per second per core (1,000 reports, all workers, whole process)',
          target: '≥ 1,000 /s per core',
          value: `${Math.round(perCore)} /s per core (${fmtMs(tAll.median)} for 1,000 on ${cores} cores)`,
          spread: `${fmtMs(tAll.min)} – ${fmtMs(tAll.max)}`,
          n: String(tAll.n),
          met: perCore >= 1000,
          watch: narrow(perCore, 1000, false),
          details: [],
        },
      ];
    }
    case 'readers': {
      const rows = res.rows as (Named & { bytes: number })[];
      const first = rows[0];
      return [
        {
          id: 'readers',
          scenario: 'readers',
          measure: `\`nianbao check\` on a published PDF (${first.name}), whole process`,
          target: '≤ 2 s',
          value: fmtMs(first.stats.median),
          spread: range(first.stats),
          n: String(first.stats.n),
          met: first.stats.median <= 2000,
          watch: narrow(first.stats.median, 2000, true),
          details: [
            `\`node dist/cli.js check --format json <file>\`, wall time of the whole process: Node's start, loading dist/readers.js (${mb(res.bundle as number)}, a development build here; the packaged one is minified) for PDF and Word, reading, checking, printing. One untimed run per file first, then ${first.stats.n}.`,
            '',
            '| file | size | median | p10 – p90 | n |',
            '| --- | --- | --- | --- | --- |',
            ...rows.map((r) => `| ${r.name} | ${size(r.bytes)} | ${fmtMs(r.stats.median)} | ${range(r.stats)} | ${r.stats.n} |`),
          ],
        },
      ];
    }
    default:
      throw new Error(`no rows for ${name}`);
  }
}

// ---- notes and profiles ----------------------------------------------------------------------------------

function notes(): Map<string, string> {
  const path = join(ROOT, 'bench', 'notes.md');
  const out = new Map<string, string>();
  if (!existsSync(path)) return out;
  const parts = readFileSync(path, 'utf8').split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1).trim());
  }
  return out;
}

function profile(row: Row): string {
  const dir = join(WORK, 'profiles', row.scenario);
  if (!existsSync(dir) || !profilesIn(dir, row.scenario === 'memory' ? '.heapprofile' : '.cpuprofile').length) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`profiling ${row.scenario}\n`);
    runScenario(row.scenario, dir);
  }
  const what: Record<string, string> = {
    full: 'the in-process full check of the three seeds, in a loop for 5 s (node --cpu-prof on the benchmark process)',
    incremental: 'edit + incremental re-check of the 1 MB report, in a loop for 6 s (node --cpu-prof on the benchmark process)',
    lsp: 'the language server (node --cpu-prof dist/server.js --stdio) during 330 edits of the 1 MB report',
    cli: 'one run of `node --cpu-prof dist/cli.js check .` on the 400 Markdown reports',
    memory: 'the server with the 100 reports open (node --heap-prof: sampled allocations still live when it exits)',
    activation: 'five server starts over IPC to the first diagnostics (node --cpu-prof dist/server.js --node-ipc)',
    batch: 'one run of `node --cpu-prof dist/cli.js check --jobs N .` (N: the cores) on the mixed folder of 1,000 files, PDFs and web pages among them',
  };
  const body =
    row.scenario === 'memory'
      ? renderHeapSummary(summarizeHeap(profilesIn(dir, '.heapprofile')), 12)
      : renderSummary(summarize(profilesIn(dir)), 12);
  return `Profile of ${what[row.scenario]}:\n\n${body}`;
}

// ---- output ----------------------------------------------------------------------------------------------

function machine(): string[] {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return [
    `- CPU: ${model}, ${cpus().length} cores`,
    `- Memory: ${(totalmem() / (1 << 30)).toFixed(1)} GiB`,
    `- Node ${process.version}, Linux ${release()}`,
  ];
}

function table(rows: Row[]): string {
  const head = '| measure | target | measured (median) | spread (p10 – p90 unless noted) | runs | result |\n| --- | --- | --- | --- | --- | --- |';
  const result = (r: Row) => (!r.met ? '**missed**' : r.watch ? `met (narrowly: ${r.watch})` : 'met');
  return [head, ...rows.map((r) => `| ${r.measure} | ${r.target} | ${r.value} | ${r.spread} | ${r.n} | ${result(r)} |`)].join('\n');
}

interface Meta {
  started: string;
  seconds: number;
  scenarios: string[];
  loads: Record<string, [number, number]>;
}

/** Measures (or, with --render, re-reads the last measurement) and profiles the missed rows. */
async function measure(): Promise<{ meta: Meta; runs: Map<string, Run> }> {
  const metaPath = join(WORK, 'results', 'meta.json');
  const runs = new Map<string, Run>();
  if (render) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    for (const name of meta.scenarios) {
      const result = JSON.parse(readFileSync(join(WORK, 'results', `${name}.json`), 'utf8')) as Record<string, unknown>;
      runs.set(name, { result, seconds: 0, load: meta.loads[name] });
    }
    return { meta, runs };
  }
  const started = new Date();
  const t0 = performance.now();
  await bundle();
  for (const name of scenarios) {
    process.stderr.write(`${name}\n`);
    runs.set(name, runScenario(name));
  }
  const meta: Meta = { started: started.toISOString(), seconds: (performance.now() - t0) / 1000, scenarios, loads: Object.fromEntries([...runs].map(([n, r]) => [n, r.load])) };
  writeFileSync(metaPath, JSON.stringify(meta));
  return { meta, runs };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const { meta, runs } = await measure();
  const ORDER = ['full', 'incremental', 'lsp-1mb', 'lsp-ratio', 'cli', 'memory', 'activation', 'readers', 'batch-speedup', 'batch-rate'];
  const rows = [...runs.entries()].flatMap(([name, run]) => rowsFor(name, run.result)).sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const missed = rows.filter((r) => !r.met || r.watch || profileAll);
  const profiles = new Map<string, string>();
  if (!noProfile) {
    // --render reuses the profiles of the last run (profile() takes one only where none is left).
    if (!render) rmSync(join(WORK, 'profiles'), { recursive: true, force: true });
    for (const row of missed) profiles.set(row.id, profile(row));
  }
  if (!render) {
    meta.seconds = (performance.now() - t0) / 1000;
    writeFileSync(join(WORK, 'results', 'meta.json'), JSON.stringify(meta));
  }
  const seconds = meta.seconds;
  const started = new Date(meta.started);
  const loads = Object.entries(meta.loads)
    .map(([n, l]) => `${n} ${l[0].toFixed(1)}→${l[1].toFixed(1)}`)
    .join(', ');

  process.stdout.write(`\n${table(rows)}\n\n${rows.filter((r) => !r.met).length} of ${rows.length} targets missed; ${seconds.toFixed(0)} s.\n`);
  if (only) {
    process.stdout.write('(--only: BENCHMARKS.md not written)\n');
    return;
  }

  const note = notes();
  const md: string[] = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (scripts/bench.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${seconds.toFixed(0)} s. Targets are benchmarks, not tests.`,
    '',
    ...machine(),
    `- 1-minute load average before → after each scenario: ${loads} (the machine is shared: a load above the core count inflates wall times).`,
    '',
    table(rows),
    '',
    'Medians over the runs shown; spread is p10 – p90 unless noted. Times are wall-clock (`performance.now()`), after warm-up. Inputs are generated from the seeds into the OS temp folder (nianbao-bench), never into the repository.',
    '',
    '## How each row is measured',
    '',
  ];
  for (const r of rows) md.push(`### ${r.measure}`, '', ...r.details, '');
  const missedRows = rows.filter((r) => !r.met);
  md.push('## Targets missed', '');
  if (missedRows.length === 0) md.push('None: every target is met on this machine.', '');
  for (const r of missedRows) {
    md.push(`### ${r.measure} — ${r.value} (target ${r.target})`, '');
    if (note.has(r.id)) md.push(note.get(r.id)!, '');
    else md.push('No finding written yet (bench/notes.md has no section for this row).', '');
    if (profiles.has(r.id)) md.push(profiles.get(r.id)!, '');
  }
  const watched = rows.filter((r) => r.met && r.watch);
  if (watched.length) md.push('## Targets met narrowly', '');
  for (const r of watched) {
    md.push(`### ${r.measure} — ${r.value} (target ${r.target}; ${r.watch})`, '');
    if (note.has(r.id)) md.push(note.get(r.id)!, '');
    if (profiles.has(r.id)) md.push(profiles.get(r.id)!, '');
  }
  if (profileAll) {
    const metRows = rows.filter((r) => r.met && !r.watch && profiles.has(r.id));
    if (metRows.length) md.push('## Profiles of targets met', '');
    for (const r of metRows) md.push(`### ${r.measure}`, '', profiles.get(r.id)!, '');
  }
  if (note.has('method')) md.push('## Notes on the method', '', note.get('method')!, '');
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), `${md.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`);
  process.stdout.write('BENCHMARKS.md written.\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
