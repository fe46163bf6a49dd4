// `nianbao --help` in Chinese or English (the locale of `--locale`, NIANBAO_LOCALE or LANG).
import type { Locale } from '../../core/src/index';

export interface HelpTexts {
  /** commander's own headings and notes, as they appear in its output → this language. */
  headings: [string, string][];
  choices: string;
  defaultValue: string;
  /** An option's description with its choices and default. */
  note(description: string, extras: string[]): string;
  program: string;
  version: string;
  help: string;
  helpCommand: string;
  check: string;
  paths: string;
  format: string;
  output: string;
  locale: string;
  fix: string;
  fixDryRun: string;
  quiet: string;
  maxWarnings: string;
  ignore: string;
  skipUnreadable: string;
  jobs: string;
  year: string;
  template: string;
  config: string;
  deadline: string;
  noColor: string;
  lsp: string;
  stdio: string;
}

export const HELP: Record<Locale, HelpTexts> = {
  'zh-cn': {
    headings: [
      ['Usage:', '用法：'],
      ['Options:', '选项：'],
      ['Commands:', '命令：'],
      ['Arguments:', '参数：'],
    ],
    choices: '可选：',
    defaultValue: '默认：',
    note: (d, extras) => `${d}（${extras.join('；')}）`,
    program: '检查政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。',
    version: '显示版本号',
    help: '显示帮助',
    helpCommand: '显示某个命令的帮助',
    check: '检查报告文件或文件夹（.txt、.md、.html、.pdf、.docx）',
    paths: '要检查的文件或文件夹',
    format: '输出格式：text（文字）、json、sarif，或 html（一个可离线打开、可直接发送的汇总网页）',
    output: '写入文件而不是输出到屏幕（例如 --format html --output 汇总.html）',
    locale: '消息语言：zh-cn（中文）或 en（英文）',
    fix: '直接在文件中改正可以安全自动修复的问题（按原编码写回），再报告剩下的问题',
    fixDryRun: '只显示 --fix 会做的修改（差异），不写文件',
    quiet: '只报告错误，不报告警告、信息和提示',
    maxWarnings: '警告超过 N 个时退出码为 1',
    ignore: '跳过匹配此模式的文件（gitignore 写法，可重复；另读取当前目录的 .nianbaoignore）',
    skipUnreadable: '无法读取的文件（扫描件、加密 PDF、.doc 等）仍列出，但不因此返回退出码 2',
    jobs: '同时工作的线程数（默认：CPU 多于 2 核且有 64 个以上文件时为核数，最多 4，分头检查；PDF、Word 文件多时也另开线程，预先读取这些文件；否则为 1）',
    year: '指定报告年度，不用从文档中识别的年度',
    template: '按哪一版表格格式检查：auto（自动）、2019 或 2021',
    config: '设置文件（默认：当前目录及各子文件夹中的 .nianbao.json）',
    deadline: '报告年度次年的公布截止日期，MM-DD（默认 01-31）',
    noColor: '不使用颜色',
    lsp: '运行语言服务器（供 VS Code 以外的编辑器使用）',
    stdio: '通过标准输入输出通信（默认）',
  },
  en: {
    headings: [],
    choices: 'choices: ',
    defaultValue: 'default: ',
    note: (d, extras) => `${d} (${extras.join(', ')})`,
    program: 'Checks government information disclosure annual reports (政府信息公开工作年度报告).',
    version: 'output the version number',
    help: 'display help',
    helpCommand: 'display help for a command',
    check: 'check report files (.txt, .md, .html, .pdf, .docx) or folders',
    paths: 'files or folders',
    format: 'output format: text, json, sarif, or html (one self-contained overview page)',
    output: 'write to a file instead of standard output (e.g. --format html --output overview.html)',
    locale: 'message language: zh-cn or en',
    fix: 'apply the safe fixes in the files (written back in their encoding), then report what is left',
    fixDryRun: 'print the changes --fix would make (a diff) without writing',
    quiet: 'report errors only',
    maxWarnings: 'exit with 1 when there are more than N warnings',
    ignore: 'skip files matching this pattern (gitignore syntax, repeatable; .nianbaoignore in the current directory is read too)',
    skipUnreadable: 'list files that cannot be read (scans, encrypted PDFs, .doc) but do not exit with 2 for them',
    jobs: 'threads working at once (default: from 64 files on, with more than 2 CPU cores, one per core up to 4, each checking a share; with many PDF and Word files, also threads that read those files ahead; else 1)',
    year: 'report year, overriding the one read from the document',
    template: 'table format to expect: auto, 2019 or 2021',
    config: 'settings file (default: .nianbao.json in the current directory and in each subfolder)',
    deadline: 'publication deadline in the year after the report year, MM-DD (default 01-31)',
    noColor: 'plain output',
    lsp: 'run the language server (for editors other than VS Code)',
    stdio: 'talk over standard input and output (the default)',
  },
};
