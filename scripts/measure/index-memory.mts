// Usage: node --expose-gc --import tsx scripts/measure/index-memory.mts [repo root, default .] — heap kept by the workspace index for 200 candidate files of 4.9 MB.
const root = process.argv[2] ?? process.cwd();
const { WorkspaceReports } = await import(`${root}/core/src/service/workspace-reports.ts`);
const { readFileSync } = await import('node:fs');
const seed = readFileSync(`${root}/test/fixtures/cross-year/hekou-2023.txt`, 'utf8');
const files = new WorkspaceReports();
files.addFolder('file:///w');
const base = process.memoryUsage().heapUsed;
for (let i = 0; i < 200; i++) {
  // 4.9 MB of UTF-8 each: the report with its narrative repeated, a distinct string per file.
  const text = seed + `\n补充说明${i}：` + '本机关继续推进政务公开工作，'.repeat(4.9e6 / 42);
  files.put(`file:///w/r${i}.txt`, 1, 1, text);
}
(globalThis as { gc?: () => void }).gc?.();
console.log(`${root}: 200 files of 4.9 MB indexed, heap +${((process.memoryUsage().heapUsed - base) / 1e6).toFixed(0)} MB`);
