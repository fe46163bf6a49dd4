// Checks the TextMate grammar: valid JSON, every regex compiles in JS (the patterns are kept compatible
// with both Oniguruma and JS, nothing is converted), and the key rules scope real report lines as intended.
// A tiny TextMate-like scanner (match rules, includes, captures with patterns) stands in for vscode-textmate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? process.cwd(), '..');
const grammarPath = join(root, 'syntaxes', 'nianbao.tmLanguage.json');

interface Capture { name?: string; patterns?: Rule[] }
interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
}
interface Grammar extends Rule { scopeName: string; repository: Record<string, Rule> }

function loadGrammar(): Grammar {
  const text = readFileSync(grammarPath, 'utf8');
  return JSON.parse(text) as Grammar;
}

/** Every rule object in the grammar, wherever it sits (top level, repository, capture patterns). */
function allRules(g: Grammar): Rule[] {
  const out: Rule[] = [];
  const visit = (r: Rule): void => {
    out.push(r);
    r.patterns?.forEach(visit);
    for (const caps of [r.captures, r.beginCaptures, r.endCaptures]) {
      for (const c of Object.values(caps ?? {})) c.patterns?.forEach(visit);
    }
  };
  g.patterns?.forEach(visit);
  Object.values(g.repository).forEach(visit);
  return out;
}

/** Expands includes into the list of concrete match rules, in order. */
function flatten(g: Grammar, rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const r of rules) {
    if (r.include) {
      assert.ok(r.include.startsWith('#'), `only repository includes are used: ${r.include}`);
      const target = g.repository[r.include.slice(1)];
      assert.ok(target, `include ${r.include} resolves`);
      out.push(...(target.match ? [target] : flatten(g, target.patterns ?? [])));
    } else if (r.match) {
      out.push(r);
    } else if (r.patterns) {
      out.push(...flatten(g, r.patterns));
    }
  }
  return out;
}

/** Scopes per UTF-16 unit of `line`, the way TextMate assigns them for match-only grammars. */
function tokenize(g: Grammar, line: string): string[][] {
  const scopes: string[][] = Array.from({ length: line.length }, () => [g.scopeName]);
  const paint = (from: number, to: number, name: string | undefined): void => {
    if (!name) return;
    for (let i = from; i < to; i++) scopes[i].push(...name.split(' '));
  };
  const scan = (rules: Rule[], from: number, to: number): void => {
    const text = line.slice(0, to); // like vscode-textmate: a capture is scanned as a line ending at its end
    const compiled = flatten(g, rules).map((r) => ({ rule: r, re: new RegExp(r.match as string, 'dg') }));
    let pos = from;
    while (pos < to) {
      let best: { rule: Rule; m: RegExpExecArray } | undefined;
      for (const { rule, re } of compiled) {
        re.lastIndex = pos;
        const m = re.exec(text);
        if (m && (!best || m.index < best.m.index)) best = { rule, m };
      }
      if (!best) break;
      const { rule, m } = best;
      const start = m.index;
      const end = start + m[0].length;
      paint(start, end, rule.name);
      for (const [key, cap] of Object.entries(rule.captures ?? {})) {
        const span = m.indices?.[Number(key)];
        if (!span || span[0] === span[1]) continue;
        paint(span[0], span[1], cap.name);
        if (cap.patterns) scan(cap.patterns, span[0], span[1]);
      }
      pos = end > pos ? end : pos + 1;
    }
  };
  scan(g.patterns ?? [], 0, line.length);
  return scopes;
}

/** Scopes of every unit of `part` (first occurrence) in `line`; asserts they all carry `scope`. */
function assertScoped(g: Grammar, line: string, part: string, scope: string): void {
  const at = line.indexOf(part);
  assert.ok(at >= 0, `"${part}" occurs in the sample`);
  const scopes = tokenize(g, line);
  for (let i = at; i < at + part.length; i++) {
    assert.ok(scopes[i].includes(scope), `"${part}" in "${line}" should be ${scope}; unit ${i} has ${scopes[i].join(' ')}`);
  }
}

/** Asserts no unit of the line (or of `part`) carries `scope`. */
function assertNotScoped(g: Grammar, line: string, scope: string, part = line): void {
  const at = line.indexOf(part);
  assert.ok(at >= 0, `"${part}" occurs in the sample`);
  const scopes = tokenize(g, line);
  for (let i = at; i < at + part.length; i++) {
    assert.ok(!scopes[i].includes(scope), `"${part}" in "${line}" should not be ${scope}; unit ${i} has ${scopes[i].join(' ')}`);
  }
}

// Lines from the shared seed reports (000: 海原县西安镇 2024, 002: 平罗县政府办 2024, 004: 西堡镇 2023).
const seed = {
  title: '海原县西安镇人民政府 2024 年政府信息公开工作年度报告',
  splitTitle: '2024 年政府信息公开工作年度报告',
  preface: '根据《中华人民共和国政府信息公开条例》规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现发布《海原县西安镇 2024 年政府信息公开工作年度报告》，本报告统计数据从 2024 年 1 月 1 日至 12 月 31 日。',
  headings: [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ],
  variantHeading: '五、存在主要问题及改进情况',
  subHeads: ['（一）主动公开', '（二）依申请公开', '（四）政府信息公开平台建设情况'],
  firstIs: '一是严格落实信息发布“三审三校”制度，对拟公开的信息从内容准确性、保密性、时效性等方面进行严格审核把关。',
  secondIs: '二是严格审批制度，规范信息公开。',
  narrative: '2023年，截止 12月28日 ，共受理 12345 政府服务热线诉求 146 件，已办结 152 件。',
  listSentence: '在县政府网站主动公开信息共 63 条，其中机构职能 1 条，预决算类 2 条。',
  closingDate: '2024 年 1 月 22 日',
  caption: '第二十条第（一）项\t\t\t',
  tableRow: '规章\t0\t0\t0',
  feeRow: '行政事业性收费\t0\t\t',
  table3First: '一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t',
  table3Results: '三、本年度办理结果\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0\t',
  table3Total: '(七) 总计\t\t0\t0\t0\t0\t0\t0\t0\t',
  table3Carry: '四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t',
  table4Row: '0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t1\t0\t1',
  table3Six: '一、本年新收政府信息公开申请数量\t\t13\t0\t0\t0\t0\t0',
};

test('grammar file is valid JSON with the expected scope name', () => {
  const g = loadGrammar();
  assert.equal(g.scopeName, 'text.nianbao');
  assert.ok(Array.isArray(g.patterns) && g.patterns.length > 0);
  assert.equal(typeof g.repository, 'object');
});

test('every match/begin/end regex compiles as a JS RegExp (with and without the u flag)', () => {
  const g = loadGrammar();
  const rules = allRules(g);
  let count = 0;
  for (const r of rules) {
    for (const key of ['match', 'begin', 'end'] as const) {
      const src = r[key];
      if (src === undefined) continue;
      count++;
      assert.doesNotThrow(() => new RegExp(src), `${key} of ${r.name ?? '(unnamed)'} compiles: ${src}`);
      assert.doesNotThrow(() => new RegExp(src, 'u'), `${key} of ${r.name ?? '(unnamed)'} compiles with u: ${src}`);
      // \p{…}, \h, \x{…}, possessive quantifiers and atomic groups mean different things (or nothing) in JS.
      assert.doesNotMatch(src, /\\[pPhHAzZGK]|\\x\{|[*+?}]\+|\(\?>/, `${key} keeps to the Oniguruma/JS common subset: ${src}`);
    }
  }
  assert.ok(count >= 8, `found ${count} regexes`);
  for (const r of rules) {
    if (r.include) assert.ok(r.include === '$self' || g.repository[r.include.slice(1)], `include ${r.include} resolves`);
  }
});

test('title line', () => {
  const g = loadGrammar();
  for (const line of [seed.title, seed.splitTitle, `# ${seed.title}`]) {
    assertScoped(g, line, '政府信息公开工作年度报告', 'markup.heading.title.nianbao');
    assertScoped(g, line, '政府信息公开工作年度报告', 'entity.name.section.nianbao');
    assertScoped(g, line, '2024 年', 'constant.numeric.year.nianbao');
  }
  // The 现发布《… 年度报告》 sentence mentions the title but is not one.
  assertNotScoped(g, seed.preface, 'markup.heading.title.nianbao');
});

test('the six section headings and their variants', () => {
  const g = loadGrammar();
  const lines = [
    ...seed.headings,
    seed.variantHeading,
    '## 二、主动公开政府信息情况',
    '**六、其他事项**',
    '四．因政府信息公开工作被申请行政复议、提起行政诉讼情况',
    '三.收到和处理政府信息公开申请情况',
    '五、政府信息公开工作存在的主要问题及改进情况',
    '五、存在的主要问题和改进措施',
  ];
  for (const line of lines) {
    const text = line.replace(/^[#* ]+|\*+$/g, '');
    assertScoped(g, line, text, 'markup.heading.1.nianbao');
    assertScoped(g, line, text, 'entity.name.section.nianbao');
    assertNotScoped(g, line, 'markup.heading.2.nianbao');
  }
});

test('narrative and table rows that start with a numeral are not section headings', () => {
  const g = loadGrammar();
  for (const line of [seed.firstIs, seed.secondIs, seed.table3First, seed.table3Results, seed.table3Carry, '一、本年新收政府信息公开申请数量']) {
    assertNotScoped(g, line, 'markup.heading.1.nianbao');
    assertNotScoped(g, line, 'entity.name.section.nianbao');
  }
});

test('sub-heads', () => {
  const g = loadGrammar();
  for (const line of [...seed.subHeads, '(二) 依申请公开', '### （五）监督保障']) {
    assertScoped(g, line, line.replace(/^#+ /, ''), 'markup.heading.2.nianbao');
    assertNotScoped(g, line, 'markup.heading.1.nianbao');
  }
  // A table row starting with (七) stays a table row.
  assertNotScoped(g, seed.table3Total, 'markup.heading.2.nianbao');
  assertNotScoped(g, seed.firstIs, 'markup.heading.2.nianbao');
  // Years inside a sub-head are still years.
  assertScoped(g, '（一）2024 年主动公开情况', '2024 年', 'constant.numeric.year.nianbao');
});

test('table 二 captions', () => {
  const g = loadGrammar();
  assertScoped(g, seed.caption, '第二十条第（一）项', 'entity.name.tag.caption.nianbao');
  assertScoped(g, '第二十条第(八)项', '第二十条第(八)项', 'entity.name.tag.caption.nianbao');
});

test('years, dates and document numbers', () => {
  const g = loadGrammar();
  assertScoped(g, seed.preface, '〔2021〕30号', 'string.other.docnumber.nianbao');
  assertScoped(g, seed.preface, '2024 年 1 月 1 日', 'constant.other.date.nianbao');
  assertScoped(g, seed.preface, '12 月 31 日', 'constant.other.date.nianbao');
  assertScoped(g, seed.preface, '2024 年', 'constant.numeric.year.nianbao');
  assertScoped(g, seed.closingDate, seed.closingDate, 'constant.other.date.nianbao');
  assertNotScoped(g, seed.closingDate, 'constant.numeric.year.nianbao');
  assertScoped(g, seed.narrative, '2023年', 'constant.numeric.year.nianbao');
  assertScoped(g, seed.narrative, '12月28日', 'constant.other.date.nianbao');
  assertScoped(g, '国办函〔2020〕109号', '〔2020〕109号', 'string.other.docnumber.nianbao');
  // A hotline name and ordinary counts are neither years nor cells.
  for (const scope of ['constant.numeric.year.nianbao', 'constant.numeric.cell.nianbao', 'constant.other.date.nianbao']) {
    assertNotScoped(g, seed.narrative, scope, '12345');
    assertNotScoped(g, seed.narrative, scope, '146');
    assertNotScoped(g, seed.listSentence, scope);
  }
});

test('table cell numbers', () => {
  const g = loadGrammar();
  const cellsOf = (line: string): string[] => {
    const scopes = tokenize(g, line);
    const out: string[] = [];
    let cur = '';
    for (let i = 0; i < line.length; i++) {
      if (scopes[i].includes('constant.numeric.cell.nianbao')) cur += line[i];
      else if (cur) { out.push(cur.trim()); cur = ''; }
    }
    if (cur) out.push(cur.trim());
    return out;
  };
  assert.deepEqual(cellsOf(seed.tableRow), ['0', '0', '0']);
  assert.deepEqual(cellsOf(seed.feeRow), ['0']);
  assert.deepEqual(cellsOf(seed.table3First), ['0', '0', '0', '0', '0', '0', '0']);
  assert.deepEqual(cellsOf(seed.table3Six), ['13', '0', '0', '0', '0', '0']);
  assert.deepEqual(cellsOf(seed.table3Results), ['0', '0', '0', '0', '0', '0', '0']);
  assert.deepEqual(cellsOf(seed.table4Row), seed.table4Row.split('\t'));
  assert.deepEqual(cellsOf('行政事业性收费\t12.5\t+3\t'), ['12.5', '+3']);
  assert.deepEqual(cellsOf('（一）予以公开\t1 0 3\t0'), ['1 0 3', '0']);
  assert.deepEqual(cellsOf('| 行政许可 | 5 | 0 |'), ['5', '0']);
  // Row labels with digits (1.属于国家秘密) are not cells.
  assert.deepEqual(cellsOf('\t\t1.属于国家秘密\t0\t0'), ['0', '0']);
  assert.deepEqual(cellsOf(seed.caption), []);
});

test('the grammar and language configuration are wired into package.json', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { languages?: { id: string; configuration?: string }[]; grammars?: { language: string; scopeName: string; path: string }[] };
  };
  const grammar = pkg.contributes?.grammars?.find((x) => x.language === 'nianbao');
  assert.ok(grammar, 'a grammar is contributed for nianbao');
  assert.equal(grammar.scopeName, loadGrammar().scopeName);
  assert.ok(existsSync(join(root, grammar.path)));
  const lang = pkg.contributes?.languages?.find((x) => x.id === 'nianbao');
  assert.ok(lang?.configuration, 'the language has a configuration file');
  const conf = JSON.parse(readFileSync(join(root, lang.configuration), 'utf8')) as { brackets: string[][]; comments?: unknown };
  assert.equal(conf.comments, undefined);
  assert.ok(conf.brackets.some(([open, close]) => open === '（' && close === '）'));
});
