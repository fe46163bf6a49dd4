// `npm run corpus [dir]`: the corpus figures (real faults found, false alarms, cases fully right) and each
// case's misses and false alarms.
import { corpusCases, scoreCase, CORPUS } from '../test/corpus/score';

const dir = process.argv[2] ?? CORPUS;
const cases = corpusCases(dir);
if (cases.length === 0) {
  console.log(`no cases in ${dir ?? '../shared/corpus'}`);
  process.exit(0);
}
let must = 0;
let found = 0;
let alarms = 0;
let right = 0;
for (const c of cases) {
  const r = scoreCase(c);
  must += c.expect.must.length;
  found += r.found;
  alarms += r.falseAlarms.length;
  const ok = r.missed.length === 0 && r.falseAlarms.length === 0;
  if (ok) right++;
  console.log(`${ok ? '✔' : '✖'} ${c.id}: ${r.found}/${c.expect.must.length} found, ${r.falseAlarms.length} false alarms`);
  for (const e of r.missed) console.log(`    missed ${e.code} near line ${e.line}`);
  for (const d of r.falseAlarms.slice(0, 8)) console.log(`    false alarm ${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message.slice(0, 90)}`);
  if (r.falseAlarms.length > 8) console.log(`    … ${r.falseAlarms.length - 8} more`);
}
console.log(`\n${cases.length} case files: ${found} of ${must} real faults found, ${alarms} false alarms (${(alarms / cases.length).toFixed(1)} per case file), ${right} of ${cases.length} cases fully right`);
