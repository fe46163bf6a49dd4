// Usage: node scripts/measure/scaling.mjs — how well this machine runs JavaScript on two threads at once (issue 13's
// batch-speedup): the same work on one worker, then on two together, for a pure CPU loop and for an
// allocation-heavy one (short-lived objects, as when reports are built). Prints the speed-up of each.
import { Worker, isMainThread, workerData } from 'node:worker_threads';

function spin() {
  let x = 0;
  for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0;
  return x;
}
function allocate() {
  let a = [];
  for (let i = 0; i < 6e6; i++) {
    a.push({ i, s: 'x' + i });
    if (a.length > 1e5) a = [];
  }
  return a.length;
}

if (!isMainThread) {
  (workerData === 'spin' ? spin : allocate)();
} else {
  const run = (kind, n) =>
    new Promise((resolve) => {
      const t = performance.now();
      let left = n;
      for (let k = 0; k < n; k++) new Worker(new URL(import.meta.url), { workerData: kind }).on('exit', () => --left === 0 && resolve(performance.now() - t));
    });
  for (const kind of ['spin', 'allocate']) {
    const one = await run(kind, 1);
    const two = await run(kind, 2);
    console.log(`${kind}: one worker ${one.toFixed(0)} ms, two workers (twice the work) ${two.toFixed(0)} ms: ${((2 * one) / two).toFixed(2)}× the throughput`);
  }
}
