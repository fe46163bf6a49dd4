// Usage: node --import tsx scripts/measure/html-spans.mts 24 — issue 14 item 1: a table of `<td colspan=100 rowspan=1000>`
// cells of that many KB, checked as a web page: the time and the process's peak memory (RSS).
import { createChecker } from '../../core/src/index';
const kb = Number(process.argv[2] ?? 24);
const row = '<tr>' + '<td colspan=100 rowspan=1000>x</td>'.repeat(10) + '</tr>';
const text = '<table>' + row.repeat(Math.ceil((kb * 1024) / row.length)) + '</table>';
const t = performance.now();
const c = createChecker({ maxBytes: () => Infinity });
c.open('file:///spans.html', 'html', 1, text);
c.check('file:///spans.html', { config: { validate: 'always' }, locale: 'zh-cn' });
console.log(`${kb} KB: ${(performance.now() - t).toFixed(0)} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
