// `--format html`: one self-contained page a reviewer would rather look at than read — the batch at a glance
// (reports by status, problems by rule, the bodies' own figures side by side), a sortable table of the
// reports, and per report its findings with the cells at fault, printable one report at a time as the
// feedback to send to that body. No network: styles, scripts and charts (inline SVG) are in the file.
import { cliMessage, placeOf, placeText, RULES_BY_ID, type Diagnostic, type Locale } from '../../core/src/index';
import type { FileResult } from './output';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

type Status = 'errors' | 'warnings' | 'clean' | 'notReport' | 'unread';

function statusOf(r: FileResult): Status {
  if (r.unreadable) return 'unread';
  if (!r.report) return 'notReport';
  if (r.diagnostics.some((d) => d.severity === 'error')) return 'errors';
  if (r.diagnostics.some((d) => d.severity === 'warning')) return 'warnings';
  return 'clean';
}

const STATUS_COLOR: Record<Status, string> = { errors: '#c62828', warnings: '#ef8f00', clean: '#2e7d32', notReport: '#78909c', unread: '#5d4037' };

/** A horizontal bar chart as inline SVG: one bar (or several stacked parts) per label. */
function barChart(rows: { label: string; parts: { value: number; color: string; title: string }[] }[], unit: string): string {
  if (!rows.length) return '';
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((a, p) => a + p.value, 0)));
  const widthOf = (s: string) => [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e7f ? 13 : 7), 0);
  const labelWidth = Math.min(300, Math.max(120, ...rows.map((r) => widthOf(r.label) + 12)));
  const width = 720;
  const bar = 18;
  const gap = 8;
  const height = rows.length * (bar + gap) + gap;
  const scale = (width - labelWidth - 60) / max;
  const bars = rows
    .map((r, i) => {
      const y = gap + i * (bar + gap);
      let x = labelWidth;
      const rects = r.parts
        .filter((p) => p.value > 0)
        .map((p) => {
          const w = Math.max(1, p.value * scale);
          const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${p.color}"><title>${esc(`${r.label}：${p.title} ${p.value}${unit}`)}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      const total = r.parts.reduce((a, p) => a + p.value, 0);
      return `<text x="${labelWidth - 6}" y="${y + bar - 4}" text-anchor="end">${esc(r.label.length > 24 ? r.label.slice(0, 23) + '…' : r.label)}</text>${rects}<text x="${(x + 4).toFixed(1)}" y="${y + bar - 4}" class="n">${total}</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${bars}</svg>`;
}

function legend(items: { color: string; label: string }[]): string {
  return `<p class="legend">${items.map((i) => `<span><i style="background:${i.color}"></i>${esc(i.label)}</span>`).join('')}</p>`;
}

/** The checked line of a finding, with the range at fault marked (the cell and its number). */
function excerpt(text: string | undefined, d: Diagnostic): string {
  if (!text) return '';
  const line = text.split(/\r\n|\r|\n/)[d.range.start.line] ?? '';
  if (!line.trim()) return '';
  const a = d.range.start.character;
  const b = d.range.end.line === d.range.start.line ? Math.max(a + 1, d.range.end.character) : line.length;
  const shown = (s: string) => esc(s).replace(/\t/g, '<span class="tab">⇥</span>');
  const clip = (s: string, keep: number, fromEnd: boolean) => (s.length <= keep ? s : fromEnd ? '…' + s.slice(-keep) : s.slice(0, keep) + '…');
  return `<div class="excerpt">${shown(clip(line.slice(0, a), 60, true))}<mark>${shown(line.slice(a, b).slice(0, 120))}</mark>${shown(clip(line.slice(b), 60, false))}</div>`;
}

export function toHtml(results: FileResult[], locale: Locale): string {
  const t = (key: Parameters<typeof cliMessage>[1], args: Record<string, string | number> = {}) => cliMessage(locale, key, args);
  const reports = results.filter((r) => r.report);
  const statuses = results.map(statusOf);
  const count = (s: Status) => statuses.filter((x) => x === s).length;
  const sevName = (s: Diagnostic['severity']) => t(`sev.${s}`);
  const nameOf = (r: FileResult) => r.report?.agency ?? r.report?.title ?? r.path;

  // Problems by rule, most first.
  const byRule = new Map<string, { error: number; warning: number; info: number }>();
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.severity === 'hint') continue;
      const e = byRule.get(d.code) ?? { error: 0, warning: 0, info: 0 };
      e[d.severity]++;
      byRule.set(d.code, e);
    }
  }
  const ruleRows = [...byRule.entries()]
    .sort((a, b) => b[1].error + b[1].warning + b[1].info - (a[1].error + a[1].warning + a[1].info))
    .map(([code, c]) => ({
      label: code,
      parts: [
        { value: c.error, color: STATUS_COLOR.errors, title: t('sev.error') },
        { value: c.warning, color: STATUS_COLOR.warnings, title: t('sev.warning') },
        { value: c.info, color: '#1e88e5', title: t('sev.info') },
      ],
    }));
  const statusRows = (['errors', 'warnings', 'clean', 'notReport', 'unread'] as const)
    .filter((s) => count(s))
    .map((s) => ({ label: t(`html.status.${s}`), parts: [{ value: count(s), color: STATUS_COLOR[s], title: t(`html.status.${s}`) }] }));

  // The bodies' own figures, side by side.
  const none = { received: null, carried: null, granted: null, partial: null, results: null, review: null, litigation: null };
  const figures = reports.map((r) => ({ r, f: r.figures ?? none }));
  const receivedRows = figures
    .filter((x) => x.f.received !== null)
    .sort((a, b) => (b.f.received ?? 0) - (a.f.received ?? 0))
    .map((x) => ({
      label: nameOf(x.r),
      parts: [
        { value: x.f.received ?? 0, color: '#1565c0', title: t('html.fig.received') },
        { value: x.f.carried ?? 0, color: '#90caf9', title: t('html.fig.carried') },
      ],
    }));
  const resultRows = figures
    .filter((x) => x.f.results !== null && (x.f.results ?? 0) > 0)
    .map((x) => ({
      label: nameOf(x.r),
      parts: [
        { value: x.f.granted ?? 0, color: '#2e7d32', title: t('html.fig.granted') },
        { value: x.f.partial ?? 0, color: '#9ccc65', title: t('html.fig.partial') },
        { value: Math.max(0, (x.f.results ?? 0) - (x.f.granted ?? 0) - (x.f.partial ?? 0)), color: '#bdbdbd', title: t('html.fig.otherResults') },
      ],
    }));
  const disputeRows = figures
    .filter((x) => (x.f.review ?? 0) + (x.f.litigation ?? 0) > 0)
    .map((x) => ({
      label: nameOf(x.r),
      parts: [
        { value: x.f.review ?? 0, color: '#6a1b9a', title: t('html.fig.review') },
        { value: x.f.litigation ?? 0, color: '#ce93d8', title: t('html.fig.litigation') },
      ],
    }));

  const errorsOf = (r: FileResult) => r.diagnostics.filter((d) => d.severity === 'error').length;
  const warningsOf = (r: FileResult) => r.diagnostics.filter((d) => d.severity === 'warning').length;
  const infosOf = (r: FileResult) => r.diagnostics.filter((d) => d.severity === 'info').length;
  const order = results.map((r, i) => ({ r, i })).sort((a, b) => errorsOf(b.r) - errorsOf(a.r) || warningsOf(b.r) - warningsOf(a.r) || a.i - b.i);
  const template = (r: FileResult) => (r.report?.template === '2021' ? t('template2021') : r.report?.template === '2019' ? t('template2019') : r.report?.template === 'legacy' ? t('templateLegacy') : '');

  const tableRows = order
    .map(({ r, i }) => {
      const s = statuses[i];
      // A file that was not read, or is no report, has no counts: blank, not 0.
      const n = (v: number) => (r.report ? String(v) : '');
      return `<tr class="${s}"><td><a href="#r${i}">${esc(r.path)}</a></td><td>${esc(r.report?.agency ?? '')}</td><td data-v="${r.report?.year ?? 0}">${r.report?.year ?? ''}</td><td>${esc(template(r))}</td><td data-v="${errorsOf(r)}" class="num">${n(errorsOf(r))}</td><td data-v="${warningsOf(r)}" class="num">${n(warningsOf(r))}</td><td data-v="${infosOf(r)}" class="num">${n(infosOf(r))}</td><td><span class="badge ${s}">${esc(t(`html.status.${s}`))}</span></td></tr>`;
    })
    .join('');

  const sections = results
    .map((r, i) => {
      const s = statuses[i];
      const ds = [...r.diagnostics].filter((d) => d.severity !== 'hint').sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.range.start.line - b.range.start.line);
      const findings = ds
        .map((d) => {
          const place = placeOf(r.places, d.range);
          const where = place ? placeText(locale, place) : t('html.line', { line: d.range.start.line + 1, column: d.range.start.character + 1 });
          const rule = RULES_BY_ID.get(d.code);
          const why = rule ? `${rule.docs.summary[locale]}${rule.docs.when ? `<br><span class="when">${esc(rule.docs.when[locale])}</span>` : ''}` : '';
          return `<li class="${d.severity}"><p><span class="sev">${esc(sevName(d.severity))}</span> ${esc(d.message)} <span class="where">${esc(where)}</span></p>${excerpt(r.text, d)}<p class="why"><code>${esc(d.code)}</code> ${why}</p></li>`;
        })
        .join('');
      const intro = r.unreadable
        ? `<p class="unread">${esc(t('unreadableLine', { reason: r.unreadable.message }))}</p>`
        : !r.report
          ? `<p>${esc(t('notAReport'))}</p>`
          : ds.length
            ? `<p class="feedback">${esc(t('html.feedback', { agency: r.report.agency ?? t('html.yourBody'), year: r.report.year ?? '', n: ds.length }))}</p>`
            : `<p class="feedback">${esc(t('html.feedbackClean', { agency: r.report.agency ?? t('html.yourBody'), year: r.report.year ?? '' }))}</p>`;
      return `<section class="report" id="r${i}"><h3>${esc(r.report?.title ?? r.path)} <span class="badge ${s}">${esc(t(`html.status.${s}`))}</span></h3>
<p class="meta">${esc(r.path)}${r.report?.year ? ` · ${esc(t('html.yearOf', { year: r.report.year }))}` : ''}${template(r) ? ` · ${esc(template(r))}` : ''} <button class="print" data-r="r${i}">${esc(t('html.print'))}</button></p>
${intro}${findings ? `<ol class="findings">${findings}</ol>` : ''}</section>`;
    })
    .join('\n');

  const chart = (title: string, body: string, leg = '') => (body ? `<figure><figcaption>${esc(title)}</figcaption>${body}${leg}</figure>` : '');
  const now = new Date();
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const cards = (['errors', 'warnings', 'clean', 'notReport', 'unread'] as const)
    .filter((s) => s === 'errors' || s === 'warnings' || s === 'clean' || count(s))
    .map((s) => `<div class="card ${s}"><b>${count(s)}</b><span>${esc(t(`html.status.${s}`))}</span></div>`)
    .join('');

  return `<!DOCTYPE html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('html.title'))}</title>
<style>${CSS}</style></head>
<body>
<header class="overview"><h1>${esc(t('html.title'))}</h1>
<p class="meta">${esc(t('html.subtitle', { files: results.length, reports: reports.length, date }))}</p>
<div class="cards">${cards}</div></header>
<main>
<section class="overview charts"><h2>${esc(t('html.atGlance'))}</h2>
${chart(t('html.chart.status'), barChart(statusRows, ''))}
${chart(t('html.chart.rules'), barChart(ruleRows, ''), legend([{ color: STATUS_COLOR.errors, label: t('sev.error') }, { color: STATUS_COLOR.warnings, label: t('sev.warning') }, { color: '#1e88e5', label: t('sev.info') }]))}
${chart(t('html.chart.received'), barChart(receivedRows, ''), legend([{ color: '#1565c0', label: t('html.fig.received') }, { color: '#90caf9', label: t('html.fig.carried') }]))}
${chart(t('html.chart.results'), barChart(resultRows, ''), legend([{ color: '#2e7d32', label: t('html.fig.granted') }, { color: '#9ccc65', label: t('html.fig.partial') }, { color: '#bdbdbd', label: t('html.fig.otherResults') }]))}
${chart(t('html.chart.disputes'), barChart(disputeRows, ''), legend([{ color: '#6a1b9a', label: t('html.fig.review') }, { color: '#ce93d8', label: t('html.fig.litigation') }]))}
</section>
<section class="overview"><h2>${esc(t('html.allReports'))}</h2><p class="meta">${esc(t('html.sortHint'))}</p>
<table id="reports"><thead><tr><th>${esc(t('col.file'))}</th><th>${esc(t('col.agency'))}</th><th data-num>${esc(t('col.year'))}</th><th>${esc(t('col.format'))}</th><th data-num>${esc(t('col.errors'))}</th><th data-num>${esc(t('col.warnings'))}</th><th data-num>${esc(t('html.infos'))}</th><th>${esc(t('html.statusCol'))}</th></tr></thead>
<tbody>${tableRows}</tbody></table></section>
<h2 class="overview">${esc(t('html.perReport'))}</h2>
${sections}
</main>
<footer class="overview"><p>${esc(t('html.footer'))}</p></footer>
<script>${SCRIPT}</script>
</body></html>
`;
}

const SCRIPT = `
(function () {
  var table = document.getElementById('reports');
  if (table) table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var num = th.hasAttribute('data-num');
      var dir = th.getAttribute('data-dir') === 'asc' ? 'desc' : 'asc';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', dir);
      rows.sort(function (a, b) {
        var x = a.cells[col], y = b.cells[col];
        var c = num ? Number(x.getAttribute('data-v')) - Number(y.getAttribute('data-v')) : x.textContent.localeCompare(y.textContent, 'zh-CN');
        return dir === 'asc' ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  document.querySelectorAll('button.print').forEach(function (b) {
    b.addEventListener('click', function () {
      var id = b.getAttribute('data-r');
      document.body.classList.add('print-one');
      document.getElementById(id).classList.add('print-target');
      window.print();
    });
  });
  window.addEventListener('afterprint', function () {
    document.body.classList.remove('print-one');
    document.querySelectorAll('.print-target').forEach(function (s) { s.classList.remove('print-target'); });
  });
})();`;

const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 17px; margin: 0 0 2px; }
.meta { color: var(--muted); margin: 2px 0 8px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.card { border: 1px solid var(--line); border-left: 6px solid; border-radius: 6px; padding: 8px 16px; min-width: 140px; background: var(--soft); }
.card b { display: block; font-size: 28px; line-height: 1.2; }
.card.errors { border-left-color: #c62828; } .card.warnings { border-left-color: #ef8f00; } .card.clean { border-left-color: #2e7d32; }
.card.notReport { border-left-color: #78909c; } .card.unread { border-left-color: #5d4037; }
figure { margin: 16px 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
.chart text { font-size: 12px; fill: var(--fg); } .chart text.n { fill: var(--muted); }
.legend span { margin-right: 16px; color: var(--muted); font-size: 13px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; }
th { cursor: pointer; background: var(--soft); user-select: none; white-space: nowrap; }
th[data-dir="asc"]::after { content: " ▲"; } th[data-dir="desc"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.errors td:nth-child(5) { color: #c62828; font-weight: 600; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; font-weight: normal; vertical-align: middle; }
.badge.errors { background: #c62828; } .badge.warnings { background: #ef8f00; } .badge.clean { background: #2e7d32; } .badge.notReport { background: #78909c; } .badge.unread { background: #5d4037; }
section.report { border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.findings { padding-left: 1.4em; } .findings li { margin: 10px 0; } .findings p { margin: 0; }
.sev { font-weight: 600; } li.error .sev { color: #c62828; } li.warning .sev { color: #b26a00; } li.info .sev { color: #1565c0; }
.where { color: var(--muted); font-size: 13px; margin-left: 4px; }
.why { color: var(--muted); font-size: 13px; } .why code { background: var(--soft); padding: 0 4px; border-radius: 3px; }
.when { font-size: 12px; }
.excerpt { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 13px; background: var(--soft); border-radius: 4px; padding: 2px 8px; margin: 4px 0; white-space: pre-wrap; word-break: break-all; }
.excerpt mark { background: #ffd7d5; outline: 1px solid #c62828; } .tab { color: #bbb; margin: 0 6px; }
.feedback { background: #fff8e1; border-left: 4px solid #ef8f00; padding: 6px 12px; }
p.unread { color: #5d4037; font-weight: 600; }
button.print { font: inherit; font-size: 12px; margin-left: 8px; cursor: pointer; }
footer { color: var(--muted); font-size: 13px; padding: 24px; }
@media print {
  button.print { display: none; }
  body { font-size: 12pt; } header, main { max-width: none; }
  section.report { break-before: page; border: none; padding: 0; }
  body.print-one .overview, body.print-one section.report:not(.print-target) { display: none; }
  body.print-one section.report.print-target { break-before: avoid; }
}
`;
