import { cliMessage, displayWidth, placeOf, placeText, RULES, type Diagnostic, type LinePlace, type Locale } from '../../core/src/index';
import type { Figures } from './batch';

export interface FileResult {
  path: string;
  report: { year: number | null; template: string | null; title: string | null; agency?: string | null } | null;
  diagnostics: Diagnostic[];
  /** `--fix` changed it. */
  fixed?: boolean;
  /** `--fix-dry-run` would change it (its problems are those left after the fix). */
  wouldFix?: boolean;
  /** For the HTML overview: the figures of the report's tables, and the checked text. */
  figures?: Figures | null;
  text?: string;
  /** What the file was: 'text', 'html', 'pdf', 'docx'. */
  source?: string;
  /** Text files: the encoding they were read in. */
  encoding?: string;
  /** PDF and Word files: where each line of the extracted text came from. */
  places?: (LinePlace | null)[];
  /** A file that could not be read: why. */
  unreadable?: { reason: string; message: string };
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

function count(results: FileResult[]) {
  const c = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) for (const d of r.diagnostics) c[d.severity]++;
  return c;
}

/**
 * The public JSON contract (version 1): 0-based UTF-16 ranges, as in LSP, on the text that was checked (for a PDF
 * or Word file: the text extracted from it). Added in version 1 without breaking it: `source`, `encoding`,
 * `unreadable`, each diagnostic's `place` (page, paragraph or table cell of a PDF or Word file) and
 * `summary.unreadable`.
 */
export function toJson(results: FileResult[]): string {
  const c = count(results);
  const body = {
    version: 1,
    files: results.map((r) => ({
      path: r.path,
      ...(r.source ? { source: r.source } : {}),
      ...(r.encoding ? { encoding: r.encoding } : {}),
      report: r.report ? { year: r.report.year, template: r.report.template, title: r.report.title } : null,
      ...(r.fixed ? { fixed: true } : {}),
      ...(r.unreadable ? { unreadable: r.unreadable } : {}),
      diagnostics: r.diagnostics.map((d) => {
        const place = placeOf(r.places, d.range);
        return { code: d.code, severity: d.severity, message: d.message, range: d.range, ...(place ? { place } : {}) };
      }),
    })),
    summary: { files: results.filter((r) => !r.unreadable).length, reports: results.filter((r) => r.report).length, ...c, unreadable: results.filter((r) => r.unreadable).length },
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** The base URI SARIF's relative artifact URIs are resolved against: the current directory. */
export const SRCROOT = '%SRCROOT%';

// encodeURIComponent throws on a lone surrogate (a Windows file name may have one).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const encodeSegments = (path: string) =>
  path
    .split('/')
    .map((s) => encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD')))
    .join('/');

/**
 * A file's path as a SARIF artifact location (RFC 3986, percent-encoded): a relative path stays a relative
 * reference against %SRCROOT%, an absolute one becomes a `file:` URI. `windows`: `\` separates folders.
 */
export function artifactUri(path: string, windows: boolean): { uri: string; uriBaseId?: string } {
  const p = windows ? path.replace(/\\/g, '/') : path;
  if (windows && /^[A-Za-z]:\//.test(p)) return { uri: `file:///${p.slice(0, 2)}${encodeSegments(p.slice(2))}` };
  if (windows && p.startsWith('//')) return { uri: `file:${encodeSegments(p)}` };
  if (p.startsWith('/')) return { uri: `file://${encodeSegments(p)}` };
  return { uri: encodeSegments(p), uriBaseId: SRCROOT };
}

export interface SarifContext {
  /** The current directory as a `file:` URI ending with `/` (%SRCROOT%). */
  srcRoot: string;
  /** Base URI of the rule pages, ending with `/`. */
  docsBase: string;
  /** Paths use `\` (Windows). */
  windows: boolean;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/** SARIF 2.1.0: every rule of the catalogue, each file read as an artifact, unread files as notifications. */
export function toSarif(results: FileResult[], locale: Locale, ctx: SarifContext): string {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.id, i]));
  const location = (r: FileResult, i: number) => ({ ...artifactUri(r.path, ctx.windows), index: i });
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'nianbao',
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.docs.summary[locale] },
              fullDescription: { text: rule.docs.when[locale] },
              helpUri: `${ctx.docsBase}${rule.id}.md`,
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        language: locale === 'en' ? 'en-US' : 'zh-CN',
        originalUriBaseIds: { [SRCROOT]: { uri: ctx.srcRoot } },
        // Each file read, with the encoding a text file was in (an IANA name) and what it was.
        artifacts: results.map((r) => ({
          location: artifactUri(r.path, ctx.windows),
          ...(r.encoding ? { encoding: r.encoding === 'utf-8-bom' ? 'utf-8' : r.encoding } : {}),
          ...(r.source || r.encoding === 'utf-8-bom' ? { properties: { ...(r.source ? { source: r.source } : {}), ...(r.encoding === 'utf-8-bom' ? { bom: true } : {}) } } : {}),
        })),
        invocations: [
          {
            executionSuccessful: !results.some((r) => r.unreadable),
            toolExecutionNotifications: results.flatMap((r, i) =>
              r.unreadable
                ? [
                    {
                      level: 'error',
                      message: { text: cliMessage(locale, 'unreadableLine', { reason: r.unreadable.message }) },
                      locations: [{ physicalLocation: { artifactLocation: location(r, i) } }],
                    },
                  ]
                : [],
            ),
          },
        ],
        results: results.flatMap((r, i) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
            level: LEVEL[d.severity],
            message: { text: withPlace(d, r, locale) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: location(r, i),
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

function templateName(locale: Locale, t: string | null): string {
  return cliMessage(locale, t === '2021' ? 'template2021' : t === '2019' ? 'template2019' : t === 'legacy' ? 'templateLegacy' : 'templateUnknown');
}

function withPlace(d: Diagnostic, r: FileResult, locale: Locale): string {
  const place = placeOf(r.places, d.range);
  return place ? `${d.message}（${placeText(locale, place)}）` : d.message;
}

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** The per-file table at the end of a batch: file, 机关, year, format, errors, warnings. */
function summaryTable(results: FileResult[], locale: Locale, paint: (k: keyof typeof COLORS, s: string) => string): string {
  const head = [cliMessage(locale, 'col.file'), cliMessage(locale, 'col.agency'), cliMessage(locale, 'col.year'), cliMessage(locale, 'col.format'), cliMessage(locale, 'col.errors'), cliMessage(locale, 'col.warnings')];
  const rows = results.map((r) => {
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning').length;
    if (r.unreadable) return [r.path, '', '', cliMessage(locale, 'col.unread'), '', ''];
    if (!r.report) return [r.path, '', '', cliMessage(locale, 'col.notReport'), '', ''];
    return [r.path, r.report.agency ?? '', r.report.year === null ? '' : String(r.report.year), templateName(locale, r.report.template), String(errors), String(warnings)];
  });
  const widths = head.map((h, k) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[k]))));
  const line = (cells: string[]) => cells.map((c, k) => (k >= 4 ? ' '.repeat(Math.max(0, widths[k] - displayWidth(c))) + c : pad(c, widths[k]))).join('  ').trimEnd();
  return [paint('bold', line(head)), ...rows.map((r, i) => (results[i].diagnostics.some((d) => d.severity === 'error') || results[i].unreadable ? line(r) : paint('dim', line(r))))].join('\n') + '\n\n';
}

/**
 * Human output: each file, then its problems as `path:line:col  severity  message  rule` (terminals and VS Code
 * make the start a link); a PDF's or Word file's problems name their page or paragraph. A batch ends with a
 * table of the files and the totals.
 */
export function toText(results: FileResult[], locale: Locale, color: boolean, skipUnreadable = false): string {
  const paint = (k: keyof typeof COLORS, s: string) => (color ? COLORS[k] + s + COLORS.reset : s);
  const sevName: Record<string, Record<Locale, string>> = {
    error: { 'zh-cn': '错误', en: 'error' },
    warning: { 'zh-cn': '警告', en: 'warning' },
    info: { 'zh-cn': '信息', en: 'info' },
    hint: { 'zh-cn': '提示', en: 'hint' },
  };
  let out = '';
  for (const r of results) {
    const info = r.report
      ? cliMessage(locale, 'reportLine', { year: r.report.year ?? cliMessage(locale, 'yearUnknown'), template: templateName(locale, r.report.template) })
      : '';
    const encoding = r.encoding && r.encoding !== 'utf-8' ? r.encoding.toUpperCase() : '';
    const fixed = r.fixed ? cliMessage(locale, 'fixedNote') : r.wouldFix ? cliMessage(locale, 'fixedDryNote') : '';
    out += `${paint('bold', r.path)}${info ? paint('dim', `  (${[info, encoding, fixed].filter(Boolean).join('，')})`) : ''}\n`;
    if (r.unreadable) out += `  ${paint(skipUnreadable ? 'warning' : 'error', cliMessage(locale, 'unreadableLine', { reason: r.unreadable.message }))}\n`;
    for (const d of r.diagnostics) {
      const pos = `${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const place = placeOf(r.places, d.range);
      const where = place ? `  ${paint('bold', placeText(locale, place))}` : '';
      out += `${pos}  ${paint(d.severity, sevName[d.severity][locale].padEnd(locale === 'en' ? 7 : 2))}  ${d.message}${where}  ${paint('dim', d.code)}\n`;
    }
    out += '\n';
  }
  if (results.length > 1) out += summaryTable(results, locale, paint);
  const c = count(results);
  const problems = SEVERITIES.reduce((a, s) => a + c[s], 0);
  const read = results.filter((r) => !r.unreadable).length;
  const unread = results.length - read;
  if (!problems && !read && unread) return out + cliMessage(locale, 'unreadableOnly', { count: unread }) + '\n';
  out += problems
    ? cliMessage(locale, 'summary', { problems, errors: c.error, warnings: c.warning, infos: c.info, hints: c.hint ? cliMessage(locale, 'summaryHints', { hints: c.hint }) : '' })
    : cliMessage(locale, 'clean', { files: read });
  if (unread) out += (locale === 'en' ? '; ' : '；') + cliMessage(locale, skipUnreadable ? 'unreadableSkipped' : 'unreadableCount', { count: unread });
  return out + '\n';
}
