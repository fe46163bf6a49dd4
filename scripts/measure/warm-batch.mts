// Usage: node --import tsx scripts/measure/warm-batch.mts <folder of .txt/.md reports> [passes] — the in-process cost
// of checking each report of a folder (open, build, check, close), pass by pass: the first pass is cold code, the
// later ones what the CPU work per report is once V8 has optimised it (issue 13's reports per second per core).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChecker } from '../../core/src/index';

const dir = process.argv[2];
const passes = Number(process.argv[3] ?? 6);
const files = readdirSync(dir)
  .filter((f) => /\.(txt|md)$/.test(f))
  .map((f) => [join(dir, f), readFileSync(join(dir, f), 'utf8')] as const);
const checker = createChecker({ maxBytes: () => Infinity });
for (let pass = 0; pass < passes; pass++) {
  const t = performance.now();
  let problems = 0;
  for (const [path, text] of files) {
    checker.open(path, path.endsWith('.md') ? 'markdown' : 'plaintext', 0, text);
    problems += checker.check(path, { locale: 'zh-cn', previous: null, config: {}, explicit: false })?.result.diagnostics.length ?? 0;
    checker.close(path);
  }
  const ms = (performance.now() - t) / files.length;
  console.log(`pass ${pass + 1}: ${(ms * 1000).toFixed(0)} µs per report, ${(1000 / ms).toFixed(0)} reports/s (${files.length} reports, ${problems} problems)`);
}
