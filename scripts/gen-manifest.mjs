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
/** One word per severity, the same as the command line's (信息 for info, 提示 for hint). */
const SEVERITY_LABEL = {
  error: { en: 'Error', zh: '错误' },
  warning: { en: 'Warning', zh: '警告' },
  info: { en: 'Information', zh: '信息' },
  hint: { en: 'Hint', zh: '提示' },
  off: { en: 'Off', zh: '关闭' },
};
const SEVERITY_NAME = Object.fromEntries(Object.entries(SEVERITY_LABEL).map(([k, v]) => [k, v.zh]));
export const DEADLINE_PATTERN = '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

/**
 * The groups of the Settings UI (VS Code has no title per setting: it shows the key, "Debounce Ms", so each
 * description begins with the setting's name in bold). A setting not named here goes to the first group.
 */
export const CATEGORIES = [
  { id: 'check', title: ['Checking', '检查'], order: 1 },
  { id: 'rules', title: ['Rule severities', '规则级别'], order: 2 },
  { id: 'advanced', title: ['Advanced', '高级'], order: 3 },
];
const CATEGORY_OF = {
  'nianbao.validate': 'check',
  'nianbao.deadline': 'check',
  'nianbao.locale': 'check',
  'nianbao.autoSwitchLanguage': 'check',
  'nianbao.tables.align': 'check',
  'nianbao.tables.alignWide': 'check',
  'nianbao.debounceMs': 'advanced',
  'nianbao.maxFileSizeMB': 'advanced',
  'nianbao.trace.server': 'advanced',
};
const categoryKey = (id) => `nianbao.configuration.category.${id}`;

/** `**name** description`, the Settings UI's markdown description of a setting. */
const named = (name, text) => `**${name}**${/^[:：（\u3000-\u9fff]/.test(text) ? '' : ' '}${text}`;

/** Static settings this script owns besides the per-rule ones, with their texts ([en, zh]). */
const STATIC = {
  'nianbao.validate': {
    property: {
      type: 'string',
      enum: ['auto', 'always', 'off'],
      enumItemLabels: ['%nianbao.configuration.validate.auto.label%', '%nianbao.configuration.validate.always.label%', '%nianbao.configuration.validate.off.label%'],
      enumDescriptions: ['%nianbao.configuration.validate.auto%', '%nianbao.configuration.validate.always%', '%nianbao.configuration.validate.off%'],
      default: 'auto',
      scope: 'resource',
      markdownDescription: '%nianbao.configuration.validate%',
    },
    order: 1,
    nls: {
      'nianbao.configuration.validate': [named('Which documents are checked.', 'Reports are recognised by their title or section headings.'), named('检查哪些文档', '：默认只检查看起来像年度报告的文档（按标题或章节标题识别）。')],
      'nianbao.configuration.validate.auto.label': ['Reports only', '只检查年度报告'],
      'nianbao.configuration.validate.always.label': ['Every text document', '所有文本文档'],
      'nianbao.configuration.validate.off.label': ['Off', '关闭'],
      'nianbao.configuration.validate.auto': [
        'Check Nianbao documents, and plain-text or Markdown documents that look like a government information disclosure annual report (title 政府信息公开工作年度报告, or at least three of the six standard section headings).',
        '检查 Nianbao 文档，以及看起来像政府信息公开工作年度报告的纯文本或 Markdown 文档（标题含“政府信息公开工作年度报告”，或至少有六个标准章节标题中的三个）。',
      ],
      'nianbao.configuration.validate.always': ['Check every plain-text and Markdown document as an annual report.', '把所有纯文本和 Markdown 文档都当作年度报告检查。'],
      'nianbao.configuration.validate.off': ['Check no document.', '不检查任何文档。'],
    },
  },
  'nianbao.deadline': {
    property: {
      type: 'string',
      pattern: DEADLINE_PATTERN,
      patternErrorMessage: '%nianbao.configuration.deadline.pattern%',
      default: '01-31',
      scope: 'resource',
      markdownDescription: '%nianbao.configuration.deadline%',
    },
    order: 2,
    nls: {
      'nianbao.configuration.deadline': [
        named('Publication deadline', '(month-day): the deadline in the year after the report year, as MM-DD (条例 第四十九条: 01-31 for departments, 03-31 for governments). A `.nianbao.json` in the folder overrides it.'),
        named('公布截止日期（月-日）', '：报告年度次年的公布截止日期，格式为 MM-DD（条例第四十九条：部门为 01-31，政府为 03-31）。文件夹中的 `.nianbao.json` 优先。'),
      ],
      'nianbao.configuration.deadline.pattern': ['A date as MM-DD, e.g. 01-31.', '格式为 MM-DD 的日期，例如 01-31。'],
    },
  },
  'nianbao.locale': {
    property: {
      type: 'string',
      enum: ['auto', 'zh-cn', 'en'],
      enumItemLabels: ['%nianbao.configuration.locale.auto.label%', '%nianbao.configuration.locale.zh-cn.label%', '%nianbao.configuration.locale.en.label%'],
      enumDescriptions: ['%nianbao.configuration.locale.auto%', '%nianbao.configuration.locale.zh-cn%', '%nianbao.configuration.locale.en%'],
      default: 'auto',
      scope: 'window',
      markdownDescription: '%nianbao.configuration.locale%',
    },
    order: 3,
    nls: {
      'nianbao.configuration.locale': [named('Language of the messages', 'of Nianbao (problems, quick fixes).'), named('消息语言', '：问题说明和快速修复等文字使用的语言。')],
      'nianbao.configuration.locale.auto.label': ['Same as VS Code', '跟随 VS Code'],
      'nianbao.configuration.locale.zh-cn.label': ['Chinese', '中文'],
      'nianbao.configuration.locale.en.label': ['English', '英文'],
      'nianbao.configuration.locale.auto': ["Follow VS Code's display language (Chinese unless it is English).", '跟随 VS Code 的显示语言（显示语言为英文时用英文，否则用中文）。'],
      'nianbao.configuration.locale.zh-cn': ['Chinese, even when VS Code is in English.', '中文（即使 VS Code 显示语言为英文）。'],
      'nianbao.configuration.locale.en': ['English.', '英文。'],
    },
  },
  'nianbao.autoSwitchLanguage': {
    property: {
      type: 'boolean',
      default: true,
      scope: 'resource',
      markdownDescription: '%nianbao.configuration.autoSwitchLanguage%',
    },
    order: 4,
    nls: {
      'nianbao.configuration.autoSwitchLanguage': [
        named('Switch plain-text reports to the Nianbao language', '(headings, years and numbers coloured), once per document; Markdown documents are never switched.'),
        named('纯文本报告自动切换到 Nianbao 年报语言模式', '（标题、年份和数字着色）：每个文档只切换一次；Markdown 文档从不切换。'),
      ],
    },
  },
  'nianbao.tables.align': {
    property: {
      type: 'boolean',
      default: true,
      scope: 'resource',
      markdownDescription: '%nianbao.configuration.tables.align%',
    },
    order: 5,
    nls: {
      'nianbao.configuration.tables.align': [
        named('Show tables aligned', 'in the editor: the columns of tab-separated tables line up (display only: the text is not changed; the added space is shown faintly shaded). Needs the editor\'s inlay hints (`editor.inlayHints.enabled`). Tables up to 100 columns wide aligned (such as 表二) are aligned; 表三 and 表四 too with “Align wide tables too”. VS Code wraps an aligned row like any long line, so no number is hidden past the editor\'s edge; the Table Preview shows every table as a grid.'),
        named('按列对齐显示表格', '：在编辑器中把用制表符分隔的表格按列对齐显示（只改变显示效果，不改动文字；补齐的空白以浅色底纹显示）。需要开启编辑器的内嵌提示（`editor.inlayHints.enabled`）。对齐时放得下的表格（不超过 100 列，如表二）按列对齐；表三、表四需另开“宽表格也对齐显示”。对齐后的行比编辑器宽时像普通长行一样折行，不会有数字被挡在编辑器右边以外；“表格预览”可把各表显示为完整的表格。'),
      ],
    },
  },
  'nianbao.tables.alignWide': {
    property: {
      type: 'boolean',
      default: false,
      scope: 'resource',
      markdownDescription: '%nianbao.configuration.tables.alignWide%',
    },
    order: 6,
    nls: {
      'nianbao.configuration.tables.alignWide': [
        named('Align wide tables too', '(表三, 表四: about 165–185 columns aligned), for a wide screen. Off by default: only the tables that fit beside the side bar (up to 100 columns aligned, such as 表二) are aligned; in a narrower editor a wide table\'s rows would wrap, which reads worse than the text as it is.'),
        named('宽表格也对齐显示', '（表三、表四对齐后约 165–185 列宽），适合宽屏。默认关闭：只对齐在侧边栏旁放得下的表格（对齐后不超过 100 列，如表二）；编辑器较窄时宽表格的各行会折行，反而不如原文好读。'),
      ],
    },
  },
  'nianbao.debounceMs': {
    property: {
      type: 'number',
      minimum: 0,
      default: 120,
      scope: 'window',
      markdownDescription: '%nianbao.configuration.debounceMs%',
    },
    order: 1,
    nls: {
      'nianbao.configuration.debounceMs': [named('Check delay (milliseconds)', ': how long to wait after typing stops before checking again (0: check on every change).'), named('检查延迟（毫秒）', '：停止输入后等待多少毫秒再重新检查（0 表示每次修改都立即检查）。')],
    },
  },
  'nianbao.maxFileSizeMB': {
    property: {
      type: 'number',
      minimum: 0,
      default: 5,
      scope: 'window',
      markdownDescription: '%nianbao.configuration.maxFileSizeMB%',
    },
    order: 2,
    nls: {
      'nianbao.configuration.maxFileSizeMB': [
        named('Largest document checked (MB)', ': larger documents are not checked; a message says so. Annual reports are a few dozen KB.'),
        named('最大检查文件大小（MB）', '：超过此大小的文档不检查，并给出说明。年度报告一般只有几十 KB。'),
      ],
    },
  },
  'nianbao.trace.server': {
    property: {
      type: 'string',
      enum: ['off', 'messages', 'verbose'],
      enumItemLabels: ['%nianbao.configuration.trace.server.off.label%', '%nianbao.configuration.trace.server.messages.label%', '%nianbao.configuration.trace.server.verbose.label%'],
      enumDescriptions: ['%nianbao.configuration.trace.server.off%', '%nianbao.configuration.trace.server.messages%', '%nianbao.configuration.trace.server.verbose%'],
      default: 'off',
      scope: 'window',
      markdownDescription: '%nianbao.configuration.trace.server%',
    },
    order: 3,
    nls: {
      'nianbao.configuration.trace.server': [
        named('Log for troubleshooting', ': records the communication between VS Code and the Nianbao language server in the Nianbao output.'),
        named('排查问题用的记录', '：在 Nianbao 输出中记录 VS Code 与 Nianbao 语言服务器之间的通信。'),
      ],
      'nianbao.configuration.trace.server.off.label': ['Off', '关闭'],
      'nianbao.configuration.trace.server.messages.label': ['Message names', '只记消息名称'],
      'nianbao.configuration.trace.server.verbose.label': ['Everything', '全部内容'],
      'nianbao.configuration.trace.server.off': ['No tracing.', '不记录。'],
      'nianbao.configuration.trace.server.messages': ['Trace the names of the messages.', '记录消息名称。'],
      'nianbao.configuration.trace.server.verbose': ['Trace the messages with their contents.', '记录消息及其内容。'],
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
  // The current settings, from one configuration object or from the groups this script writes.
  const groups = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration];
  const props = Object.assign({}, ...groups.map((g) => g.properties ?? {}));
  const kept = Object.fromEntries(Object.entries(props).filter(([k]) => !isRuleProperty(k) && !(k in STATIC)));
  for (const [k, v] of Object.entries(STATIC)) kept[k] = { ...v.property, order: v.order };
  const ruleProps = {};
  rules.forEach((r, i) => {
    ruleProps[`nianbao.rules.${r.id}`] = {
      type: 'string',
      enum: SEVERITIES,
      enumItemLabels: SEVERITIES.map((s) => `%nianbao.configuration.severity.${s}.label%`),
      enumDescriptions: SEVERITIES.map((s) => `%nianbao.configuration.severity.${s}%`),
      // Shown as the default in the Settings UI; the same as when the setting is absent.
      default: r.severity,
      scope: 'resource',
      markdownDescription: `%${ruleKey(r.id)}%`,
      order: i + 1,
    };
  });
  const inGroup = (id) => Object.fromEntries(Object.entries(kept).filter(([k]) => (CATEGORY_OF[k] ?? 'check') === id));
  contributes.configuration = CATEGORIES.map((c) => ({
    id: `nianbao.${c.id}`,
    title: `%${categoryKey(c.id)}%`,
    order: c.order,
    properties: c.id === 'rules' ? ruleProps : inGroup(c.id),
  }));
  contributes.jsonValidation = [
    ...(contributes.jsonValidation ?? []).filter((j) => j.url !== './schemas/nianbao.schema.json'),
    { fileMatch: '.nianbao.json', url: './schemas/nianbao.schema.json' },
  ];

  const nls = (base, lang) => {
    const en = lang === 'en';
    const out = Object.fromEntries(Object.entries(base).filter(([k]) => !isRuleNls(k)));
    for (const v of Object.values(STATIC)) for (const [k, [textEn, textZh]] of Object.entries(v.nls)) out[k] = en ? textEn : textZh;
    for (const c of CATEGORIES) out[categoryKey(c.id)] = en ? c.title[0] : c.title[1];
    for (const s of SEVERITIES) {
      out[`nianbao.configuration.severity.${s}`] = SEVERITY_TEXT[s][en ? 'en' : 'zh'];
      out[`nianbao.configuration.severity.${s}.label`] = SEVERITY_LABEL[s][en ? 'en' : 'zh'];
    }
    for (const r of rules) {
      out[ruleKey(r.id)] = en
        ? `**${trimEnd(r.docs.summary.en)}** (\`${r.id}\`). Default: ${r.severity}.`
        : `**${trimEnd(r.docs.summary['zh-cn'])}**（\`${r.id}\`）。默认级别：${SEVERITY_NAME[r.severity]}。`;
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
