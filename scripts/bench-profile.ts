// Summarises V8 CPU profiles (node --cpu-prof): self and total time per function, positions mapped
// through the bundle's source map to the TypeScript source (file:line of the function).
//   node --import tsx scripts/bench-profile.ts <file.cpuprofile | file.heapprofile | dir> [top]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface FunctionTime {
  name: string;
  /** file:line in the source (relative to the repository), or the bundle position when unmapped. */
  where: string;
  selfMs: number;
  selfPct: number;
  totalMs: number;
  totalPct: number;
}

export interface ProfileSummary {
  /** Sampled time that was not idle, ms. */
  busyMs: number;
  samples: number;
  functions: FunctionTime[];
  /** Source lines by the samples taken on them (V8 position ticks), most first. */
  lines: { where: string; function: string; ms: number; pct: number; code: string }[];
}

const ROOT = process.env.NIANBAO_BENCH_ROOT ?? join(__dirname, '..');
const maps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    let map: SourceMap | null = null;
    const path = `${file}.map`;
    if (existsSync(path)) map = new SourceMap(JSON.parse(readFileSync(path, 'utf8')));
    maps.set(file, map);
  }
  return maps.get(file)!;
}

const generated = new Map<string, string[]>();

/** Column of the first non-blank character of a line of a generated file (where its statement starts). */
function firstColumn(file: string, line0: number): number {
  if (!generated.has(file)) generated.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  const text = generated.get(file)![line0] ?? '';
  return Math.max(0, text.search(/\S/));
}

/** A generated position as `file:line` of the source (relative to the repository when inside it). */
function locatePos(url: string, line0: number, col0: number | null): string {
  if (!url) return '';
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const map = file.startsWith('node:') ? null : sourceMapFor(file);
  if (map) {
    const e = map.findEntry(line0, col0 ?? firstColumn(file, line0)) as { originalSource?: string; originalLine?: number };
    if (e.originalSource) {
      const src = e.originalSource.startsWith('file:') ? fileURLToPath(e.originalSource) : resolve(dirname(file), e.originalSource);
      const rel = relative(ROOT, src);
      return `${rel.startsWith('..') ? src : rel}:${(e.originalLine ?? 0) + 1}`;
    }
  }
  const rel = relative(ROOT, file);
  return `${rel.startsWith('..') || file.startsWith('node:') ? file : rel}:${line0 + 1}`;
}

const locate = (cf: CallFrame) => locatePos(cf.url, cf.lineNumber, cf.columnNumber);

/** The source text of `file:line` (inside the repository), trimmed. */
function sourceLine(where: string): string {
  const m = /^(.*):(\d+)$/.exec(where);
  if (!m) return '';
  const path = resolve(ROOT, m[1]);
  if (!existsSync(path)) return '';
  if (!generated.has(path)) generated.set(path, readFileSync(path, 'utf8').split('\n'));
  return (generated.get(path)![Number(m[2]) - 1] ?? '').trim();
}

/** Merges one or more profiles (e.g. every process a scenario started) into one per-function table. */
export function summarize(files: string[]): ProfileSummary {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const names = new Map<string, { name: string; where: string }>();
  const lineTicks = new Map<string, { fn: string; ms: number }>();
  let busy = 0;
  let samples = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(f, 'utf8')) as Profile;
    const ms = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = new Map<number, string>();
    for (const n of p.nodes) {
      const where = locate(n.callFrame);
      const name = n.callFrame.functionName || (where ? '(anonymous)' : n.callFrame.url || '(root)');
      const key = `${name}@${where}`;
      keyOf.set(n.id, key);
      names.set(key, { name, where });
    }
    // Each node's distinct functions on its stack (itself and its callers), so recursion counts once.
    const stacks = new Map<number, Set<string>>();
    const stackOf = (id: number): Set<string> => {
      let s = stacks.get(id);
      if (!s) {
        const up = parent.get(id);
        s = new Set(up === undefined ? [] : stackOf(up));
        s.add(keyOf.get(id)!);
        stacks.set(id, s);
      }
      return s;
    };
    for (const n of p.nodes) {
      const hits = n.hitCount ?? 0;
      if (!hits || n.callFrame.functionName === '(idle)') continue;
      const t = hits * ms;
      busy += t;
      samples += hits;
      const key = keyOf.get(n.id)!;
      self.set(key, (self.get(key) ?? 0) + t);
      for (const k of stackOf(n.id)) total.set(k, (total.get(k) ?? 0) + t);
      for (const pt of n.positionTicks ?? []) {
        const where = locatePos(n.callFrame.url, pt.line - 1, null);
        const e = lineTicks.get(where) ?? { fn: n.callFrame.functionName || '(anonymous)', ms: 0 };
        e.ms += pt.ticks * ms;
        lineTicks.set(where, e);
      }
    }
  }
  const functions = [...names.entries()]
    .filter(([k]) => self.has(k) || total.has(k))
    .map(([k, v]) => {
      const s = self.get(k) ?? 0;
      const t = total.get(k) ?? 0;
      return { ...v, selfMs: s, selfPct: (100 * s) / busy, totalMs: t, totalPct: (100 * t) / busy };
    })
    .sort((a, b) => b.selfMs - a.selfMs);
  const lines = [...lineTicks.entries()]
    .map(([where, e]) => ({ where, function: e.fn, ms: e.ms, pct: (100 * e.ms) / busy, code: sourceLine(where) }))
    .sort((a, b) => b.ms - a.ms);
  return { busyMs: busy, samples, functions, lines };
}

export function profilesIn(dir: string, ext = '.cpuprofile'): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .map((f) => join(dir, f))
    : [];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

export interface HeapSummary {
  /** Sampled bytes still live when the profile was written. */
  liveBytes: number;
  functions: { name: string; where: string; selfBytes: number; selfPct: number; totalBytes: number; totalPct: number }[];
}

/** Summarises sampling heap profiles (node --heap-prof): live bytes per allocating function, self and total. */
export function summarizeHeap(files: string[]): HeapSummary {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const names = new Map<string, { name: string; where: string }>();
  let live = 0;
  const visit = (n: HeapNode, stack: Set<string>): number => {
    const where = locate(n.callFrame);
    const name = n.callFrame.functionName || (where ? '(anonymous)' : '(root)');
    const key = `${name}@${where}`;
    names.set(key, { name, where });
    self.set(key, (self.get(key) ?? 0) + n.selfSize);
    live += n.selfSize;
    const inner = new Set(stack).add(key);
    let sum = n.selfSize;
    for (const c of n.children) sum += visit(c, inner);
    if (!stack.has(key)) total.set(key, (total.get(key) ?? 0) + sum);
    return sum;
  };
  for (const f of files) visit((JSON.parse(readFileSync(f, 'utf8')) as { head: HeapNode }).head, new Set());
  const functions = [...names.entries()]
    .map(([k, v]) => {
      const s = self.get(k) ?? 0;
      const t = total.get(k) ?? 0;
      return { ...v, selfBytes: s, selfPct: (100 * s) / live, totalBytes: t, totalPct: (100 * t) / live };
    })
    .sort((a, b) => b.selfBytes - a.selfBytes);
  return { liveBytes: live, functions };
}

export function renderHeapSummary(s: HeapSummary, top = 10): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const fmt = (f: HeapSummary['functions'][number]) => `| \`${f.name}\` | ${f.where || '–'} | ${mb(f.selfBytes)} (${f.selfPct.toFixed(1)} %) | ${mb(f.totalBytes)} (${f.totalPct.toFixed(1)} %) |`;
  const head = '| allocated by | source | self | total |\n| --- | --- | --- | --- |';
  return [
    `Sampled live heap at exit: ${mb(s.liveBytes)}.`,
    '',
    head,
    ...s.functions.slice(0, top).map(fmt),
    '',
    'Our functions by total (inclusive) live bytes:',
    '',
    head,
    ...s.functions
      .filter((f) => /^(core|server|cli)\//.test(f.where))
      .sort((a, b) => b.totalBytes - a.totalBytes)
      .slice(0, top)
      .map(fmt),
  ].join('\n');
}

function codeCell(code: string): string {
  if (!code) return '';
  const c = code.length > 90 ? `${code.slice(0, 87)}…` : code;
  return `\`${c.replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}

const isOurs = (f: FunctionTime) => /^(core|server|cli)\//.test(f.where);

/** Markdown: the top functions by self time, and our own functions by total (inclusive) time. */
export function renderSummary(s: ProfileSummary, top = 10): string {
  const fmt = (f: FunctionTime) => `| \`${f.name}\` | ${f.where || '–'} | ${f.selfPct.toFixed(1)} % | ${f.totalPct.toFixed(1)} % |`;
  const head = '| function | source | self | total |\n| --- | --- | --- | --- |';
  const bySelf = s.functions.slice(0, top).map(fmt);
  const byTotal = s.functions
    .filter(isOurs)
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, top)
    .map(fmt);
  return [
    `Busy (non-idle) time sampled: ${(s.busyMs / 1000).toFixed(2)} s, ${s.samples} samples.`,
    '',
    'Top self time:',
    '',
    head,
    ...bySelf,
    '',
    'Our functions by total (inclusive) time:',
    '',
    head,
    ...byTotal,
    '',
    'Hottest source lines (samples on the line itself; a function inlined by V8 counts in its own source):',
    '',
    '| line | in | self | code |',
    '| --- | --- | --- | --- |',
    ...s.lines.slice(0, top).map((l) => `| ${l.where} | \`${l.function}\` | ${l.pct.toFixed(1)} % | ${codeCell(l.code)} |`),
  ].join('\n');
}

if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('usage: bench-profile.ts <file.cpuprofile | file.heapprofile | dir> [top]\n');
    process.exit(2);
  }
  const top = Number(process.argv[3]) || 15;
  const heap = statSync(target).isDirectory() ? profilesIn(target, '.heapprofile') : target.endsWith('.heapprofile') ? [target] : [];
  const cpu = statSync(target).isDirectory() ? profilesIn(target) : target.endsWith('.cpuprofile') ? [target] : [];
  if (cpu.length) process.stdout.write(`${renderSummary(summarize(cpu), top)}\n`);
  if (heap.length) process.stdout.write(`${renderHeapSummary(summarizeHeap(heap), top)}\n`);
}
