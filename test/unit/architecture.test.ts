// The core's shape: no import cycle (type imports included), no file over 400 lines.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';

const CORE = join(ROOT, 'core', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : name.endsWith('.ts') ? [p] : [];
  });
}

/** The core files a file imports (relative imports, `import type` and `export … from` included). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    const base = resolve(dirname(file), m[1]);
    const target = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
    if (target) out.push(target);
  }
  return out;
}

describe('the core', () => {
  const all = files(CORE);
  it('has no import cycle', () => {
    const graph = new Map(all.map((f) => [f, importsOf(f)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(CORE, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) visit(g, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of all) visit(f, []);
    assert.deepEqual(cycles, []);
  });

  it('has no file over 400 lines', () => {
    const long = all.map((f) => ({ f: relative(CORE, f), n: readFileSync(f, 'utf8').split('\n').length })).filter((x) => x.n > 400);
    assert.deepEqual(long, []);
  });
});
