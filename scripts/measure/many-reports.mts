// Usage: node --import tsx scripts/measure/many-reports.mts 5000 — issue 14 item 7: writes a folder of that many text and
// Markdown reports (scripts/bench-inputs.ts batchFolder) and prints its path, for
// `/usr/bin/time -v node dist/cli.js check --format json <path> > /dev/null` (wall time and maximum resident set size).
import { batchFolder } from '../bench-inputs';
console.log(batchFolder(Number(process.argv[2] ?? 5000), true));
