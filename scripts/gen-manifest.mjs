// Generates, from the rules registered in core (core/src/rules/index.ts):
//   - package.json: one `nianbao.rules.<id>` setting per rule, plus `nianbao.deadline`, `nianbao.locale`,
//     `nianbao.debounceMs` and the `.nianbao.json` schema association (contributes.jsonValidation);
//   - package.nls.json / package.nls.zh-cn.json: their descriptions (the rules' own zh/en summaries);
//   - schemas/nianbao.schema.json: the JSON schema of `.nianbao.json`;
//   - client/src/formats.json, from the input formats (core/src/formats/): the editor languages and file endings of
//     reports, which the client selects and watches (the client does not import core), and the endings of PDF and
//     Word files; package.json's activation events and the report view (contributes.customEditors) for those.
// `formats` may be left out (then the format files are taken as they are).
// `node scripts/gen-manifest.mjs` writes the files; `--check` only tells (exit 1) whether they are out of date.
// test/unit/config-manifest.test.ts fails when they are.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const FILES = {
  pkg: 'package.json',
  nls: 'package.nls.json',
  nlsZh: 'package.nls.zh-cn.json',
  schema: 'schemas/nianbao.schema.json',
  formats: 'client/src/formats.json',
};

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];
const SEVERITY_TEXT = {
  error: { en: 'Error: must be corrected; the command line exits with 1.', zh: '错误：必须改正；命令行检查退出码为 1。' },
  warning: { en: 'Warning: very likely a problem; please verify.', zh: '警告：很可能有问题，请核实。' },
  info: { en: 'Information: for reference.', zh: '信息：仅供参考。' },
  hint: { en: 'Hint: shown discreetly.', zh: '提示：以不显眼的方式显示。' },
  off: { en: 'Off: the rule is not checked.', zh: '关闭：不检查此规则。' },
};
const SEVERITY_NAME = { error: '错误', warning: '警告', info: '信息', hint: '提示' };
export const DEADLINE_PATTERN = '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

/** Static settings this script owns besides the per-rule ones, with their texts. */
const STATIC = {
  'nianbao.locale': {
    property: {
      type: 'string',
      enum: ['auto', 'zh-cn', 'en'],
      enumDescriptions: ['%nianbao.configuration.locale.auto%', '%nianbao.configuration.locale.zh-cn%', '%nianbao.configuration.locale.en%'],
      default: 'auto',
      scope: 'window',
      description: '%nianbao.configuration.locale%',
    },
    nls: {
      'nianbao.configuration.locale': ['Language of the diagnostics and messages of Nianbao.', 'Nianbao 提示信息的语言。'],
      'nianbao.configuration.locale.auto': ["Follow VS Code's display language (Chinese unless it is English).", '跟随 VS Code 的显示语言（显示语言为英文时用英文，否则用中文）。'],
      'nianbao.configuration.locale.zh-cn': ['Chinese, even when VS Code is in English.', '中文（即使 VS Code 显示语言为英文）。'],
      'nianbao.configuration.locale.en': ['English.', '英文。'],
    },
  },
  'nianbao.deadline': {
    property: {
      type: 'string',
      pattern: DEADLINE_PATTERN,
      patternErrorMessage: '%nianbao.configuration.deadline.pattern%',
      default: '01-31',
      scope: 'resource',
      description: '%nianbao.configuration.deadline%',
    },
    nls: {
      'nianbao.configuration.deadline': [
        'Publication deadline of a report in the year after the report year, as MM-DD (条例 第四十九条: 01-31 for departments, 03-31 for governments). A `.nianbao.json` at the workspace root overrides it.',
        '年度报告在报告年度次年的公布截止日期，格式为 MM-DD（条例第四十九条：部门为 01-31，政府为 03-31）。工作区根目录的 `.nianbao.json` 优先。',
      ],
      'nianbao.configuration.deadline.pattern': ['A date as MM-DD, e.g. 01-31.', '格式为 MM-DD 的日期，例如 01-31。'],
    },
  },
  'nianbao.maxFileSizeMB': {
    property: {
      type: 'number',
      minimum: 0,
      default: 5,
      scope: 'window',
      description: '%nianbao.configuration.maxFileSizeMB%',
    },
    nls: {
      'nianbao.configuration.maxFileSizeMB': ['Documents larger than this (in MB) are not checked; a message says so. Annual reports are a few dozen KB.', '超过此大小（MB）的文档不检查，并给出提示。年度报告一般只有几十 KB。'],
    },
  },
  'nianbao.debounceMs': {
    property: {
      type: 'number',
      minimum: 0,
      default: 120,
      scope: 'window',
      description: '%nianbao.configuration.debounceMs%',
    },
    nls: {
      'nianbao.configuration.debounceMs': ['Milliseconds to wait after typing stops before checking again (0: check on every change).', '停止输入后等待多少毫秒再重新检查（0 表示每次修改都立即检查）。'],
    },
  },
};

const REPORT_VIEW = 'nianbao.reportView';
const trimEnd = (s) => s.replace(/[。.]\s*$/, '');
const ruleKey = (id) => `nianbao.configuration.rules.${id}`;
const isRuleProperty = (k) => k.startsWith('nianbao.rules.');
const isRuleNls = (k) => k.startsWith('nianbao.configuration.rules.');

/** The generated files, as objects, from the rules, the input formats and the current files. Pure. */
export function generate(rules, current, formats, binaryKinds = []) {
  const pkg = structuredClone(current.pkg);
  const client = formats
    ? {
        languageIds: [...new Set(formats.flatMap((f) => f.languageIds))],
        extensions: formats.flatMap((f) => [...f.extensions]),
        binaryExtensions: binaryKinds.flatMap((k) => [...k.extensions]),
      }
    : current.formats;
  const contributes = pkg.contributes;
  if (client) {
    pkg.activationEvents = [...client.languageIds.map((id) => `onLanguage:${id}`), ...(client.binaryExtensions?.length ? [`onCustomEditor:${REPORT_VIEW}`] : [])];
    // PDF and Word files open in the read-only report view (they are no text an editor could show).
    contributes.customEditors = client.binaryExtensions?.length
      ? [{ viewType: REPORT_VIEW, displayName: '%nianbao.reportView%', selector: client.binaryExtensions.map((e) => ({ filenamePattern: `*${e}` })), priority: 'default' }]
      : [];
  }
  const props = contributes.configuration.properties;
  const kept = Object.fromEntries(Object.entries(props).filter(([k]) => !isRuleProperty(k)));
  for (const [k, v] of Object.entries(STATIC)) kept[k] = v.property;
  for (const r of rules) {
    kept[`nianbao.rules.${r.id}`] = {
      type: 'string',
      enum: SEVERITIES,
      enumDescriptions: SEVERITIES.map((s) => `%nianbao.configuration.severity.${s}%`),
      scope: 'resource',
      description: `%${ruleKey(r.id)}%`,
    };
  }
  contributes.configuration.properties = kept;
  contributes.jsonValidation = [
    ...(contributes.jsonValidation ?? []).filter((j) => j.url !== './schemas/nianbao.schema.json'),
    { fileMatch: '.nianbao.json', url: './schemas/nianbao.schema.json' },
  ];

  const nls = (base, lang) => {
    const out = Object.fromEntries(Object.entries(base).filter(([k]) => !isRuleNls(k)));
    for (const v of Object.values(STATIC)) for (const [k, [en, zh]] of Object.entries(v.nls)) out[k] = lang === 'en' ? en : zh;
    for (const s of SEVERITIES) out[`nianbao.configuration.severity.${s}`] = SEVERITY_TEXT[s][lang === 'en' ? 'en' : 'zh'];
    for (const r of rules) {
      out[ruleKey(r.id)] =
        lang === 'en'
          ? `${trimEnd(r.docs.summary.en)}. Default: ${r.severity}.`
          : `${trimEnd(r.docs.summary['zh-cn'])}。默认级别：${SEVERITY_NAME[r.severity]}（${r.severity}）。`;
    }
    return out;
  };

  const severityEnum = (r) => ({
    description: `${trimEnd(r.docs.summary['zh-cn'])}（默认：${r.severity}） — ${trimEnd(r.docs.summary.en)} (default: ${r.severity})`,
    enum: SEVERITIES,
    enumDescriptions: SEVERITIES.map((s) => `${SEVERITY_TEXT[s].zh} ${SEVERITY_TEXT[s].en}`),
  });
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '.nianbao.json',
    description: 'Nianbao 年报检查的工作区设置（优先于 VS Code 设置，命令行也读取） — Nianbao workspace settings (they win over VS Code settings; the command line reads them too)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: '本文件的 JSON 架构 — The JSON schema of this file' },
      rules: {
        type: 'object',
        description: '按规则设置级别或关闭（off） — Severity per rule, or off',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((r) => [r.id, severityEnum(r)])),
      },
      deadline: {
        type: 'string',
        pattern: DEADLINE_PATTERN,
        default: '01-31',
        description: '报告年度次年的公布截止日期，MM-DD — Publication deadline in the year after the report year, MM-DD',
      },
      validate: {
        type: 'string',
        enum: ['auto', 'always', 'off'],
        default: 'auto',
        description: '检查哪些文档 — Which documents are checked',
        enumDescriptions: [
          '只检查看起来像年度报告的文档 — Only documents that look like an annual report',
          '所有纯文本和 Markdown 文档 — Every plain-text and Markdown document',
          '不检查 — Nothing',
        ],
      },
    },
  };
  return { pkg, nls: nls(current.nls, 'en'), nlsZh: nls(current.nlsZh, 'zh'), schema, formats: client };
}

export function serialize(obj) {
  return JSON.stringify(obj, null, 2) + '\n';
}

function readJson(rel, fallback) {
  try {
    return JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));
  } catch (e) {
    if (fallback !== undefined && e.code === 'ENOENT') return fallback;
    throw e;
  }
}

export function currentFiles() {
  return { pkg: readJson(FILES.pkg), nls: readJson(FILES.nls), nlsZh: readJson(FILES.nlsZh), schema: readJson(FILES.schema, null), formats: readJson(FILES.formats, null) };
}

/** Names of the files that differ from what `generate` makes of them. */
export function outOfDate(rules, formats, binaryKinds) {
  const current = currentFiles();
  const next = generate(rules, current, formats, binaryKinds);
  return Object.keys(FILES).filter((k) => current[k] === null || serialize(current[k]) !== serialize(next[k]) || readFileSync(join(ROOT, FILES[k]), 'utf8') !== serialize(next[k]));
}

async function main() {
  const { tsImport } = await import('tsx/esm/api');
  const { CONFIGURABLE_RULES: RULES } = await tsImport(pathToFileURL(join(ROOT, 'core', 'src', 'rules', 'index.ts')).href, import.meta.url);
  const { FORMATS, BINARY_KINDS } = await tsImport(pathToFileURL(join(ROOT, 'core', 'src', 'formats', 'index.ts')).href, import.meta.url);
  if (process.argv.includes('--check')) {
    const stale = outOfDate(RULES, FORMATS, BINARY_KINDS);
    if (stale.length) {
      console.error(`out of date: ${stale.map((k) => FILES[k]).join(', ')}; run \`npm run gen\``);
      process.exit(1);
    }
    return;
  }
  const next = generate(RULES, currentFiles(), FORMATS, BINARY_KINDS);
  for (const [k, rel] of Object.entries(FILES)) writeFileSync(join(ROOT, rel), serialize(next[k]));
  console.log(`wrote ${Object.values(FILES).join(', ')} for ${RULES.length} rules`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
