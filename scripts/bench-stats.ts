// Sampling and summary statistics for the benchmarks.

export interface Stats {
  n: number;
  median: number;
  p10: number;
  p90: number;
  p95: number;
  min: number;
  max: number;
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1] };
}

export interface SampleOptions {
  /** Untimed runs first (JIT warm-up). */
  warmup: number;
  /** At least this many timed runs … */
  minRuns: number;
  /** … and keep sampling until this much time went by (bounded by maxRuns). */
  minMs: number;
  maxRuns?: number;
}

/** Times `fn` (milliseconds per call, performance.now()). */
export function sample(fn: () => void, o: SampleOptions): Stats {
  for (let i = 0; i < o.warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  const max = o.maxRuns ?? Infinity;
  while (times.length < o.minRuns || (performance.now() - start < o.minMs && times.length < max)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return stats(times);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtMB(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MB`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
