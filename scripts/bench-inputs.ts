// Benchmark inputs, all made from the seeds: the shared real reports (examples/ holds identical copies),
// a 1 MB report (a seed whose narrative is repeated, with its real tables), and families of varied
// reports (another 机关, another year) for the folder and many-documents measures. Generated files go
// to the OS temp folder, never into the repository.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository (the bundled scenarios run from the temp folder and are told where it is). */
export const ROOT = process.env.NIANBAO_BENCH_ROOT ?? join(__dirname, '..');
export const DIST_CLI = join(ROOT, 'dist', 'cli.js');
export const DIST_SERVER = join(ROOT, 'dist', 'server.js');
/** Scratch space for generated inputs, bundles and profiles (outside the repository). */
export const WORK = join(tmpdir(), 'nianbao-bench');

const SHARED = join(ROOT, '..', 'shared', 'seeds');
const EXAMPLES: Record<string, string> = { '000': 'haiyuan-xian-2024.txt', '002': 'pingluo-2024.txt', '004': 'xibao-2023.txt' };

export interface Seed {
  name: string;
  format: 'text' | 'markdown';
  text: string;
}

/** The three shared seeds (the real reports, as extracted text). */
export function textSeeds(): Seed[] {
  const shared = existsSync(SHARED) ? readdirSync(SHARED) : [];
  return Object.entries(EXAMPLES).map(([prefix, example]) => {
    const s = shared.find((n) => n.startsWith(`${prefix}_`) && n.endsWith('.txt'));
    const path = s ? join(SHARED, s) : join(ROOT, 'examples', example);
    return { name: s ?? example, format: 'text' as const, text: readFileSync(path, 'utf8') };
  });
}

/** The Markdown renderings of the seeds (test/fixtures/md). */
export function markdownSeeds(): Seed[] {
  const dir = join(ROOT, 'test', 'fixtures', 'md');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => ({ name: `md/${n}`, format: 'markdown' as const, text: readFileSync(join(dir, n), 'utf8') }));
}

export const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * A report of at least `bytes` UTF-8 bytes: seed 000 (a correct report) with the narrative of its section 一
 * (subsections （一）…（五）, headings and paragraphs) repeated before section 二, so it keeps its one title,
 * its real tables and its closing parts. Long reports have many subsections; so does this one.
 */
export function bigReport(bytes = 1 << 20): string {
  const seed = textSeeds()[0].text;
  const from = seed.indexOf('（一）主动公开');
  const to = seed.indexOf('二、主动公开政府信息情况');
  if (from < 0 || to < 0) throw new Error('seed 000 does not have the expected sections');
  const narrative = `${seed.slice(from, to).trimEnd()}\n\n`;
  const head = seed.slice(0, to);
  const tail = seed.slice(to);
  const parts: string[] = [head];
  let size = utf8Bytes(head) + utf8Bytes(tail);
  while (size < bytes) {
    parts.push(narrative);
    size += utf8Bytes(narrative);
  }
  parts.push(tail);
  return parts.join('');
}

/** Lines (0-based) of `text` that are long narrative paragraphs in section 一: where edits go. */
export function narrativeLines(text: string): number[] {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('（一）主动公开'));
  const last = lines.findIndex((l) => l.startsWith('二、主动公开政府信息情况'));
  const out: number[] = [];
  for (let i = first + 1; i < last; i++) if (lines[i].length > 60) out.push(i);
  return out;
}

const COUNTIES = ['海原县', '平罗县', '隆德县', '泾源县', '彭阳县', '西吉县', '同心县', '盐池县', '中宁县', '永宁县', '贺兰县', '灵武市'];
const TOWNS = ['西安镇', '城关镇', '新华镇', '红星镇', '东风镇', '黄渠桥镇', '姚伏镇', '崇岗镇', '高庄乡', '头闸镇'];

/**
 * The `i`-th varied report: seed `seed` with its 机关 renamed and every year (`YYYY 年`) shifted by the
 * same amount (0 … -2, or `shift`), so dates stay consistent with each other.
 */
export function variant(seed: Seed, i: number, shift = -(Math.floor(i / (COUNTIES.length * TOWNS.length)) % 3) - ((i * 7) % 3)): string {
  const county = COUNTIES[i % COUNTIES.length];
  const town = TOWNS[Math.floor(i / COUNTIES.length) % TOWNS.length];
  return seed.text
    .replace(/海原县|平罗县/g, county)
    .replace(/西安镇|西堡镇/g, town)
    .replace(/(20\d\d)(\s*年)/g, (_, y: string, rest: string) => `${Number(y) + shift}${rest}`);
}

/** Writes `count` varied Markdown reports (the Markdown renderings in turn) into a fresh folder. */
export function markdownFolder(count = 400): string {
  const dir = join(WORK, `md-${count}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seeds = markdownSeeds();
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length];
    writeFileSync(join(dir, `${String(i).padStart(3, '0')}-${seed.name.slice(3, -3)}.md`), variant(seed, Math.floor(i / seeds.length)));
  }
  return dir;
}

/** `count` varied typical reports (text seeds and Markdown renderings in turn) for opening in one server. */
export function manyReports(count = 100): Seed[] {
  const seeds = [...textSeeds(), ...markdownSeeds()];
  return Array.from({ length: count }, (_, i) => {
    const seed = seeds[i % seeds.length];
    const ext = seed.format === 'markdown' ? 'md' : 'txt';
    return { name: `r${String(i).padStart(3, '0')}.${ext}`, format: seed.format, text: variant(seed, Math.floor(i / seeds.length) + 1) };
  });
}

/**
 * A reviewer's folder of one year's reports, as they usually come: `count` text and Markdown variants of the seeds,
 * their years as the seeds have them, so none has the report of the year before beside it.
 */
export function oneYearFolder(count = 1000): string {
  const dir = join(WORK, `one-year-${count}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seeds = [...textSeeds(), ...markdownSeeds()];
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length];
    writeFileSync(join(dir, `r${String(i).padStart(4, '0')}.${seed.format === 'markdown' ? 'md' : 'txt'}`), variant(seed, Math.floor(i / seeds.length) + 1, 0));
  }
  return dir;
}

/**
 * A reviewer's folder of `count` reports: text and Markdown variants of the seeds, with saved web pages and PDFs
 * (the format fixtures) among them, one of each in 20; `textOnly` leaves the web pages and PDFs out.
 */
export function batchFolder(count = 1000, textOnly = false): string {
  const dir = join(WORK, `batch-${count}${textOnly ? '-text' : ''}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const reports = manyReports(count);
  const html = readFileSync(join(ROOT, 'test', 'fixtures', 'formats', 'html', 'xian-page.html'));
  const pdf = readFileSync(join(ROOT, 'test', 'fixtures', 'formats', 'pdf', 'xian-ruled.pdf'));
  reports.forEach((r, i) => {
    if (!textOnly && i % 20 === 7) writeFileSync(join(dir, `r${String(i).padStart(4, '0')}.html`), html);
    else if (!textOnly && i % 20 === 17) writeFileSync(join(dir, `r${String(i).padStart(4, '0')}.pdf`), pdf);
    else writeFileSync(join(dir, r.name.replace(/^r/, 'r0')), r.text);
  });
  return dir;
}
