// Benchmarks (not tests): full check of each seed, and an incremental re-check after a one-character edit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument, checkText, formatOf, ParsedDocument } from '../core/src/index';

const ROOT = join(__dirname, '..');
const SEEDS = ['examples/haiyuan-xian-2024.txt', 'examples/pingluo-2024.txt', 'examples/xibao-2023.txt', 'test/fixtures/md/000.md'];

function measure(fn: () => void, minRuns = 200, minMs = 500): { median: number; p10: number; p90: number; runs: number } {
  for (let i = 0; i < 20; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { median: q(0.5), p10: q(0.1), p90: q(0.9), runs: times.length };
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const rows: string[][] = [];

for (const rel of SEEDS) {
  const text = readFileSync(join(ROOT, rel), 'utf8');
  const format = formatOf(rel);
  const full = measure(() => checkText(text, format));
  // Incremental: type a digit into table 三 and delete it again, re-checking after each edit.
  const doc = ParsedDocument.parse(text, format);
  const lines = text.split(/\r\n|\r|\n/);
  const line = Math.max(0, lines.findIndex((l) => l.includes('本年新收')));
  const at = { line, character: lines[line].length };
  let typed = false;
  const inc = measure(() => {
    if (!typed) doc.applyChange({ range: { start: at, end: at }, text: '7' });
    else doc.applyChange({ range: { start: at, end: { line, character: at.character + 1 } }, text: '' });
    typed = !typed;
    checkDocument(doc);
  });
  rows.push([rel, `${(text.length / 1024).toFixed(1)} KB`, fmt(full.median), `${fmt(full.p10)}–${fmt(full.p90)}`, fmt(inc.median), `${fmt(inc.p10)}–${fmt(inc.p90)}`]);
}

// A 1 MB report: the narrative of a seed repeated, with its real tables.
const seed = readFileSync(join(ROOT, 'examples/haiyuan-xian-2024.txt'), 'utf8');
const cut = seed.indexOf('五、存在的主要问题及改进情况');
const narrative = seed.slice(seed.indexOf('（一）主动公开'), seed.indexOf('二、主动公开政府信息情况'));
let big = seed.slice(0, cut);
while (big.length < 1_000_000) big += narrative;
big += seed.slice(cut);
{
  const full = measure(() => checkText(big, 'text'), 5, 2000);
  const doc = ParsedDocument.parse(big, 'text');
  const lines = big.split('\n');
  const line = Math.floor(lines.length / 2);
  const at = { line, character: 0 };
  let typed = false;
  const inc = measure(() => {
    if (!typed) doc.applyChange({ range: { start: at, end: at }, text: '字' });
    else doc.applyChange({ range: { start: at, end: { line, character: 1 } }, text: '' });
    typed = !typed;
    checkDocument(doc);
  }, 50, 2000);
  rows.push(['1 MB report (narrative repeated)', `${(big.length / 1024).toFixed(0)} KB`, fmt(full.median), `${fmt(full.p10)}–${fmt(full.p90)}`, fmt(inc.median), `${fmt(inc.p10)}–${fmt(inc.p90)}`]);
}

const header = ['input', 'size', 'full check (median)', 'p10–p90', 'edit + incremental re-check (median)', 'p10–p90'];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
console.log(`Node ${process.version}, ${new Date().toISOString()}\n`);
console.log(table);
