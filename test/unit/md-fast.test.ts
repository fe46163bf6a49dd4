import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParsedDocument } from '../../core/src/index';
import { parseMarkdownFast } from '../../core/src/parse/md-fast';
import { parseMarkdownBlockFull } from '../../core/src/parse/md-block';
import { read } from '../helpers';

const FILES = ['test/fixtures/md/000.md', 'test/fixtures/md/000-html.md', 'test/fixtures/md/002.md', 'test/fixtures/md/004.md', 'test/fixtures/not-reports/readme.md', 'test/fixtures/not-reports/news.md'];

/** Generates `count` sources; where the fast path takes one, it must give what the full parser gives. Returns how many it took. */
function compareOnRandom(count: number, source: () => string): number {
  let fast = 0;
  for (let k = 0; k < count; k++) {
    const lines = source().split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const quick = parseMarkdownFast(lines);
    if (!quick) continue;
    fast++;
    assert.deepEqual(quick, parseMarkdownBlockFull(lines), JSON.stringify(lines));
  }
  return fast;
}

describe('the Markdown fast paths give what the full parser gives', () => {
  it('on every block of the Markdown fixtures, and uses the fast path for most of them', () => {
    let fast = 0;
    let all = 0;
    for (const f of FILES) {
      for (const b of ParsedDocument.parse(read(f), 'markdown').blocks) {
        const lines = b.key.split('\n');
        const quick = parseMarkdownFast(lines);
        all++;
        if (quick) {
          fast++;
          assert.deepEqual(quick, parseMarkdownBlockFull(lines), `${f}: ${lines[0].slice(0, 40)}`);
        }
      }
    }
    assert.ok(fast > all / 2, `${fast} of ${all} blocks took the fast path`);
    const bold = ['**一是**加强组织领导。', '**二是**完善制度。'];
    assert.ok(parseMarkdownFast(bold), 'a paragraph with strong emphasis takes the fast path');
    assert.ok(parseMarkdownFast(['<table>', '<tr><td>1</td></tr>', '</table>']), 'an HTML table takes the fast path');
    assert.ok(parseMarkdownFast(['可登录 [http: //www.a.gov.cn](http://www.a.gov.cn) 查阅。']), 'a paragraph with a link takes the fast path');
    assert.ok(parseMarkdownFast(['关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知']), 'a paragraph with a literal < takes the fast path');
  });

  it('on blocks that look almost plain', () => {
    const cases = [
      ['# 一、总体情况'], ['## 标题 ##'], ['#  两个空格'], ['####### 七个'], ['#标题'],
      ['普通段落，没有任何标记。'], ['第一行', '第二行'], ['1.聚焦制度规范'], ['2024 年，共收到申请 3 件。'], ['  缩进'], ['尾随空格  ', '下一行'],
      ['电话：0955-4719171'], ['**加粗**'], ['a < b'], ['x &amp; y'], ['a <中> b'], ['a & 中'], ['a &中'], ['<中', '文字'], ['文字<', '中'], ['&', '#x'],
      ['[链接](http://a.cn)'], ['![图](a.png)'], ['[a](b "t")'], ['[a]( b)'], ['[a](<b>)'], ['[a] (b)'], ['[a](b)(c)'], ['[[a]](b)'], ['[a](b))'], ['[a]', '[a]: /u'], ['[a]:', '(b)'], ['[a', '](b)'], ['网站（<http://www.hy.gov.cn>）公布'], ['<https://a.cn/x?y=1>'], ['<http://a\u0001b>'], ['<http://a.cn', '>'], ['<x:>'], ['<中文:a>'],
      ['| a | b |', '| --- | ---: |', '| 1 | 2 |'], ['| a | b |', '| --- | --- |', '|  | 2 |', '| 3 |  |'],
      ['| a | b |', '| --- | --- |', '| 1 | 2 | 3 |'], ['| a | b |', '| - | :-: |'], ['| a |', '| --- |'], ['| a | b |', '|---|---|', '| x  y | z |'],
      ['| 一、本年新收 |  | 0 | 0 |', '| --- | --- | --- | --- |', '| 三、本年度办理结果 | （一）予以公开 | 0 | 0 |'],
      ['| a | b |', '| --- | --- |', '| -1 | : |'], ['文字', '| a | b |', '| --- | --- |'],
      ['**一是**加强组织领导。'], ['**一是：**加强组织领导。'], ['一是**加强**领导'], ['**未闭合的加粗'], ['**a **b** c**'], ['** 空格 **'],
      ['**加粗', '跨行**结束'], ['** **'], ['***三个***'], ['**x**y**z**'], ['（**括号**）'], ['“**引号**”文字'], ['\u3000**全角空格**'],
      ['**😀**'], ['a**', '**b'], ['**1.**内容'], ['文字**', '**'], ['**a **。'], ['**a **b**'],
      // ASCII marks that are markup only at a line's start (phone numbers, dates, URLs are plain text).
      ['电话：0952-6095358。'], ['网址 http://www.hy.gov.cn 查阅'], ['2024-01-01 至 2024-12-31'], ['a + b = c'], ['第 # 号'], ['注意!'], ['a > b'],
      ['- 列表'], ['+ 列表'], ['-不是列表'], ['---'], ['标题', '==='], ['标题', '---'], ['标题', '-'], ['> 引用'], ['文字', '> 引用'], ['# 标题 #'],
      ['~~~'], ['文字', '~~~'], ['a ~ b'], ['=号开头'], ['文字', '=号开头'], ['文字', '+ 列表'], ['文字', '- 列表'], ['## 标题 # 中间'], ['**一是：**电话 0952-6095358'],
    ];
    for (const lines of cases) {
      const quick = parseMarkdownFast(lines);
      if (quick) assert.deepEqual(quick, parseMarkdownBlockFull(lines), JSON.stringify(lines));
    }
  });

  it('on random paragraphs of strong emphasis next to CJK text, punctuation and spaces', () => {
    let a = 7;
    const next = () => (a = (a * 1103515245 + 12345) & 0x7fffffff);
    const parts = ['一是', 'a', ' ', '。', '：', '“', '”', '（', '）', '\u3000', '1', '😀', '\n'];
    const fast = compareOnRandom(4000, () => {
      let src = '';
      for (let n = 1 + (next() % 10); n > 0; n--) src += (next() % 2 ? '**' : '') + parts[next() % parts.length];
      return src;
    });
    assert.ok(fast > 1000, `${fast} paragraphs took the fast path`);
  });

  it('on blocks mutated at random', () => {
    let a = 11;
    const next = () => (a = (a * 1103515245 + 12345) & 0x7fffffff);
    const blocks = FILES.flatMap((f) => ParsedDocument.parse(read(f), 'markdown').blocks.map((b) => b.key));
    const insert = [' ', '  ', '|', '-', '*', '#', '1.', '\\', '`', '：', '年', '0', 'x', '\t', ':', '<', '&', '+', '=', '!', '>', '~', '\n-', '\n=', '\n---', '\n+ ', '\n> ', '- ', '\n#'];
    let checked = 0;
    for (let k = 0; k < 3000; k++) {
      const src = blocks[next() % blocks.length];
      const at = next() % (src.length + 1);
      const mutated = src.slice(0, at) + insert[next() % insert.length] + src.slice(at + (next() % 3));
      const lines = mutated.split('\n').filter((l) => l.trim() !== '');
      if (lines.length === 0) continue;
      const quick = parseMarkdownFast(lines);
      if (!quick) continue;
      checked++;
      assert.deepEqual(quick, parseMarkdownBlockFull(lines), JSON.stringify(lines).slice(0, 200));
    }
    assert.ok(checked > 500, `${checked} mutated blocks took the fast path`);
  });

  it('on random paragraphs of links, brackets, < and & next to CJK text', () => {
    let a = 31;
    const next = () => (a = (a * 1103515245 + 12345) & 0x7fffffff);
    const parts = ['[', ']', '(', ')', '](', '[网站](http://a.cn)', '[a](b)', '<', '>', '&', '&amp;', '<a', '<1@a.cn>', '<http://a.cn>', '<http://a.cn/?q=1&b>', '<mailto:a@b.cn>', '<http: //a>', '<a:b>', '<http://a.cn', '!', ' ', '　', '中', 'x', '1', '。', '"', '*', '\n', '\n>', '\n['];
    const fast = compareOnRandom(12000, () => {
      let src = '';
      for (let n = 1 + (next() % 10); n > 0; n--) src += parts[next() % parts.length];
      return src;
    });
    assert.ok(fast > 1000, `${fast} paragraphs took the fast path`);
  });

  it('on random lines of CJK text with ASCII marks anywhere', () => {
    let a = 23;
    const next = () => (a = (a * 1103515245 + 12345) & 0x7fffffff);
    const parts = ['电话', '0952', '-', ':', '+', '=', '#', '!', '>', '~', ' ', '。', '年', 'http', '//', '\n', '\n-', '\n=', '\n#', '\n+', '1.', '*'];
    const fast = compareOnRandom(12000, () => {
      let src = '';
      for (let n = 1 + (next() % 12); n > 0; n--) src += parts[next() % parts.length];
      return src;
    });
    assert.ok(fast > 1000, `${fast} blocks took the fast path`);
  });
});
