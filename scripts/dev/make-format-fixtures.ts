// Makes, once, one report in three forms: test/fixtures/formats/docx/xian-merged.docx (as Word users write it:
// section headings with Word's automatic numbering 一、 （一）, tables with merged cells: gridSpan, vMerge),
// test/fixtures/formats/html/xian-page.html (as a browser saves the published page: the site's menus, sidebar
// and footer around it, tables with colspan/rowspan and &nbsp;), test/fixtures/formats/pdf/xian-ruled.pdf (A4
// pages, text with a ToUnicode map, ruled tables with merged cells, page numbers) and the same report as text
// (xian-merged.txt).
// The report is the seed examples/haiyuan-xian-2024.txt, shortened, with two faults put in: table 三's 自然人
// column no longer balances, and section 六 says nothing about fees.
// Run: node --import tsx scripts/dev/make-format-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'formats');
const OUT = join(FIXTURES, 'docx');

/** A cell of the original table: text, spans. */
interface C {
  t: string;
  cs?: number;
  rs?: number;
}
type Row = C[];
type Block = { h1: string } | { h2: string } | { p: string } | { title: string } | { table: Row[] };

const z = (n: number) => Array.from({ length: n }, () => ({ t: '0' }));
const t3Row = (label: C[], values: number[]): Row => [...label, ...values.map((v) => ({ t: String(v) }))];

const T3: Row[] = [
  [{ t: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', cs: 3, rs: 3 }, { t: '申请人情况', cs: 7 }],
  [{ t: '自然人', rs: 2 }, { t: '法人或其他组织', cs: 5 }, { t: '总计', rs: 2 }],
  [{ t: '商业企业' }, { t: '科研机构' }, { t: '社会公益组织' }, { t: '法律服务机构' }, { t: '其他' }],
  // The fault: 2 new applications from natural persons, but no result counts them (2 + 0 ≠ 0 + 0).
  t3Row([{ t: '一、本年新收政府信息公开申请数量', cs: 3 }], [2, 0, 0, 0, 0, 0, 2]),
  t3Row([{ t: '二、上年结转政府信息公开申请数量', cs: 3 }], [0, 0, 0, 0, 0, 0, 0]),
  [{ t: '三、本年度办理结果', rs: 22 }, { t: '（一）予以公开', cs: 2 }, ...z(7)],
  [{ t: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', cs: 2 }, ...z(7)],
  [{ t: '（三）不予公开', rs: 8 }, { t: '1.属于国家秘密' }, ...z(7)],
  [{ t: '2.其他法律行政法规禁止公开' }, ...z(7)],
  [{ t: '3.危及“三安全一稳定”' }, ...z(7)],
  [{ t: '4.保护第三方合法权益' }, ...z(7)],
  [{ t: '5.属于三类内部事务信息' }, ...z(7)],
  [{ t: '6.属于四类过程性信息' }, ...z(7)],
  [{ t: '7.属于行政执法案卷' }, ...z(7)],
  [{ t: '8.属于行政查询事项' }, ...z(7)],
  [{ t: '（四）无法提供', rs: 3 }, { t: '1.本机关不掌握相关政府信息' }, ...z(7)],
  [{ t: '2.没有现成信息需要另行制作' }, ...z(7)],
  [{ t: '3.补正后申请内容仍不明确' }, ...z(7)],
  [{ t: '（五）不予处理', rs: 5 }, { t: '1.信访举报投诉类申请' }, ...z(7)],
  [{ t: '2.重复申请' }, ...z(7)],
  [{ t: '3.要求提供公开出版物' }, ...z(7)],
  [{ t: '4.无正当理由大量反复申请' }, ...z(7)],
  [{ t: '5.要求行政机关确认或重新出具已获取信息' }, ...z(7)],
  [{ t: '（六）其他处理', rs: 3 }, { t: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' }, ...z(7)],
  [{ t: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' }, ...z(7)],
  [{ t: '3.其他' }, ...z(7)],
  [{ t: '（七）总计', cs: 2 }, ...z(7)],
  [{ t: '四、结转下年度继续办理', cs: 3 }, ...z(7)],
];

const T4: Row[] = [
  [{ t: '行政复议', cs: 5 }, { t: '行政诉讼', cs: 10 }],
  [{ t: '结果维持', rs: 2 }, { t: '结果纠正', rs: 2 }, { t: '其他结果', rs: 2 }, { t: '尚未审结', rs: 2 }, { t: '总计', rs: 2 }, { t: '未经复议直接起诉', cs: 5 }, { t: '复议后起诉', cs: 5 }],
  ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((t) => ({ t })),
  z(15),
];

const T2: Row[] = [
  [{ t: '第二十条第（一）项', cs: 4 }],
  ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'].map((t) => ({ t })),
  [{ t: '规章' }, ...z(3)],
  [{ t: '行政规范性文件' }, ...z(3)],
  [{ t: '第二十条第（五）项', cs: 4 }],
  [{ t: '信息内容' }, { t: '本年处理决定数量', cs: 3 }],
  [{ t: '行政许可' }, { t: '0', cs: 3 }],
  [{ t: '第二十条第（六）项', cs: 4 }],
  [{ t: '信息内容' }, { t: '本年处理决定数量', cs: 3 }],
  [{ t: '行政处罚' }, { t: '0', cs: 3 }],
  [{ t: '行政强制' }, { t: '0', cs: 3 }],
  [{ t: '第二十条第（八）项', cs: 4 }],
  [{ t: '信息内容' }, { t: '本年收费金额（单位：万元）', cs: 3 }],
  [{ t: '行政事业性收费' }, { t: '0', cs: 3 }],
];

const REPORT: Block[] = [
  { title: '海原县西安镇人民政府2024年政府信息公开工作年度报告' },
  {
    p: '根据《中华人民共和国政府信息公开条例》规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现发布《海原县西安镇2024年政府信息公开工作年度报告》，本报告统计数据从2024年1月1日至12月31日。如对本报告有疑问，请联系：海原县西安镇综合办公室，电话：0955-4719171。',
  },
  { h1: '总体情况' },
  { p: '2024年，西安镇把政府信息公开作为密切联系群众、回应社会关切的重要途径，扎实推进政府信息公开工作。' },
  { h2: '主动公开' },
  { p: '通过政府网站、政务新媒体等多渠道主动公开各类政府信息，在县政府网站主动公开信息共63条。' },
  { h2: '依申请公开' },
  { p: '2024年我镇收到自然人提交的政府信息公开申请2件。' },
  { h2: '政府信息管理' },
  { p: '严格落实信息发布审核制度，确保公开信息准确规范。' },
  { h2: '平台建设' },
  { p: '持续做好政府网站栏目维护，及时更新各类信息。' },
  { h2: '监督保障' },
  { p: '将政务公开工作纳入年度考核，接受社会监督。' },
  { h1: '主动公开政府信息情况' },
  { table: T2 },
  { h1: '收到和处理政府信息公开申请情况' },
  { table: T3 },
  { h1: '政府信息公开行政复议、行政诉讼情况' },
  { table: T4 },
  { h1: '存在的主要问题及改进情况' },
  { p: '2024年，我镇政府信息公开工作取得一定成效，但仍存在公开内容不够丰富等问题。2025年，我镇将进一步丰富公开内容，提升公开质量。' },
  // The second fault: section 六 says nothing about 信息处理费.
  { h1: '其他需要报告的事项' },
  { p: '本年度无其他需要报告的事项。' },
  { p: '海原县西安镇人民政府' },
  { p: '2025年1月20日' },
];

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The report as text, as a copy out of Word gives it: merged cells hold their text in their first slot. */
function asText(blocks: Block[]): string {
  const out: string[] = [];
  let h1 = 0;
  let h2 = 0;
  for (const b of blocks) {
    if ('title' in b) out.push(b.title, '');
    else if ('h1' in b) {
      h2 = 0;
      out.push(`${CN[h1++]}、${b.h1}`, '');
    } else if ('h2' in b) out.push(`（${CN[h2++]}）${b.h2}`, '');
    else if ('p' in b) out.push(b.p, '');
    else {
      const grid: string[][] = [];
      b.table.forEach((row, r) => {
        grid[r] ??= [];
        let c = 0;
        for (const cell of row) {
          while (grid[r][c] !== undefined) c++;
          for (let dr = 0; dr < (cell.rs ?? 1); dr++) {
            grid[r + dr] ??= [];
            for (let dc = 0; dc < (cell.cs ?? 1); dc++) grid[r + dr][c + dc] = dr === 0 && dc === 0 ? cell.t : '';
          }
          c += cell.cs ?? 1;
        }
      });
      for (const row of grid) out.push(row.join('\t'));
      out.push('');
    }
  }
  return out.join('\n');
}

function asDocx(blocks: Block[]): Document {
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if ('title' in b) children.push(new Paragraph({ text: b.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }));
    else if ('h1' in b) children.push(new Paragraph({ text: b.h1, heading: HeadingLevel.HEADING_1, numbering: { reference: 'sections', level: 0 } }));
    else if ('h2' in b) children.push(new Paragraph({ text: b.h2, heading: HeadingLevel.HEADING_2, numbering: { reference: 'sections', level: 1 } }));
    else if ('p' in b) children.push(new Paragraph({ children: [new TextRun(b.p)] }));
    else {
      // docx writes rowSpan as vMerge restart/continue cells in the rows below.
      const rows = b.table.map(
        (row) =>
          new TableRow({
            children: row.map(
              (cell) =>
                new TableCell({
                  children: [new Paragraph(cell.t)],
                  ...(cell.cs ? { columnSpan: cell.cs } : {}),
                  ...(cell.rs ? { rowSpan: cell.rs } : {}),
                  verticalMerge: cell.rs ? VerticalMergeType.RESTART : undefined,
                }),
            ),
          }),
      );
      children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    }
  }
  return new Document({
    creator: 'nianbao fixtures',
    numbering: {
      config: [
        {
          reference: 'sections',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [{ children }],
  });
}

// ---- PDF: A4 pages, a CID font with a ToUnicode map (text extractable, nothing embedded), tables ruled with
// stroked lines and merged cells drawn as one box, page numbers `- n -` at the foot of each page.
const PAGE = { w: 595, h: 842, left: 72, right: 523, top: 770, bottom: 80 };
const BODY = 10.5;
const CELL = 9;
const wide = (ch: string) => ch.charCodeAt(0) > 0x7f;
const widthOf = (s: string, size: number) => [...s].reduce((a, ch) => a + (wide(ch) ? size : size / 2), 0);

/** `s` in lines no wider than `width` (any character may end a line, as in Chinese). */
function wrap(s: string, width: number, size: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of s) {
    if (line && widthOf(line + ch, size) > width) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  if (line || !out.length) out.push(line);
  return out;
}

const hex = (s: string) => [...s].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, '0')).join('');

function asPdf(blocks: Block[]): Buffer {
  const pages: string[][] = [[]];
  let y = PAGE.top;
  const ops = () => pages[pages.length - 1];
  const newPage = () => {
    pages.push([]);
    y = PAGE.top;
  };
  const text = (x: number, baseline: number, s: string, size: number) => ops().push(`BT /F1 ${size} Tf ${x.toFixed(2)} ${baseline.toFixed(2)} Td <${hex(s)}> Tj ET`);
  const line = (x1: number, y1: number, x2: number, y2: number) => ops().push(`${x1.toFixed(2)} ${y1.toFixed(2)} m ${x2.toFixed(2)} ${y2.toFixed(2)} l S`);
  const paragraph = (s: string, size: number, indent: number, center = false) => {
    const lines = wrap(s, PAGE.right - PAGE.left - indent, size);
    lines.forEach((l, i) => {
      if (y - size * 1.6 < PAGE.bottom) newPage();
      y -= size * 1.6;
      const x = center ? (PAGE.w - widthOf(l, size)) / 2 : PAGE.left + (i === 0 ? indent : 0);
      text(x, y, l, size);
    });
  };
  const table = (rows: Row[], widths: number[]) => {
    // Grid positions of the cells, as in asText.
    const placed: { r: number; c: number; cell: C }[] = [];
    const taken: boolean[][] = [];
    rows.forEach((row, r) => {
      taken[r] ??= [];
      let c = 0;
      for (const cell of row) {
        while (taken[r][c]) c++;
        for (let dr = 0; dr < (cell.rs ?? 1); dr++) for (let dc = 0; dc < (cell.cs ?? 1); dc++) (taken[r + dr] ??= [])[c + dc] = true;
        placed.push({ r, c, cell });
        c += cell.cs ?? 1;
      }
    });
    const xs = [PAGE.left];
    for (const w of widths) xs.push(xs[xs.length - 1] + w);
    const span = (c: number, n: number) => xs[c + n] - xs[c];
    // Row heights: enough for the wrapped text of the one-row cells starting in the row.
    const heights = rows.map((_, r) => {
      let lines = 1;
      for (const p of placed) if (p.r === r && (p.cell.rs ?? 1) === 1) lines = Math.max(lines, wrap(p.cell.t, span(p.c, p.cell.cs ?? 1) - 4, CELL).length);
      return lines * CELL * 1.4 + 6;
    });
    for (const p of placed) {
      const rs = p.cell.rs ?? 1;
      if (rs === 1) continue;
      const need = wrap(p.cell.t, span(p.c, p.cell.cs ?? 1) - 4, CELL).length * CELL * 1.4 + 6;
      const have = heights.slice(p.r, p.r + rs).reduce((a, b) => a + b, 0);
      if (need > have) heights[p.r + rs - 1] += need - have;
    }
    const total = heights.reduce((a, b) => a + b, 0);
    if (y - total - 10 < PAGE.bottom) newPage();
    const top = y - 6;
    const ys = [top];
    for (const h of heights) ys.push(ys[ys.length - 1] - h);
    for (const p of placed) {
      const cs = p.cell.cs ?? 1;
      const rs = p.cell.rs ?? 1;
      const [x1, x2, y1, y2] = [xs[p.c], xs[p.c + cs], ys[p.r], ys[p.r + rs]];
      line(x1, y1, x2, y1);
      line(x1, y2, x2, y2);
      line(x1, y1, x1, y2);
      line(x2, y1, x2, y2);
      const lines = wrap(p.cell.t, x2 - x1 - 4, CELL);
      const block = lines.length * CELL * 1.4;
      let baseline = (y1 + y2) / 2 + block / 2 - CELL * 1.1;
      for (const l of lines) {
        text((x1 + x2 - widthOf(l, CELL)) / 2, baseline, l, CELL);
        baseline -= CELL * 1.4;
      }
    }
    y = ys[ys.length - 1] - 8;
  };
  let h1 = 0;
  let h2 = 0;
  for (const b of blocks) {
    if ('title' in b) paragraph(b.title, 16, 0, true);
    else if ('h1' in b) {
      h2 = 0;
      paragraph(`${CN[h1++]}、${b.h1}`, BODY, BODY * 2);
    } else if ('h2' in b) paragraph(`（${CN[h2++]}）${b.h2}`, BODY, BODY * 2);
    else if ('p' in b) paragraph(b.p, BODY, BODY * 2);
    else {
      const cols = b.table[0].reduce((a, c) => a + (c.cs ?? 1), 0);
      const widths = cols === 10 ? [28, 72, 134, ...Array(7).fill(31)] : Array(cols).fill((PAGE.right - PAGE.left) / cols);
      table(b.table, widths);
    }
  }
  pages.forEach((p, i) => {
    const n = `- ${i + 1} -`;
    p.push(`BT /F1 10 Tf ${((PAGE.w - widthOf(n, 10)) / 2).toFixed(2)} 50 Td <${hex(n)}> Tj ET`);
  });

  // Objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 ToUnicode, then a page and its content per page.
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) if (hi < 0xd8 || hi > 0xdf) ranges.push(`<${hi.toString(16).padStart(2, '0')}00> <${hi.toString(16).padStart(2, '0')}ff> <${hi.toString(16).padStart(2, '0')}00>`);
  const chunks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) chunks.push(`${Math.min(100, ranges.length - i)} beginbfrange\n${ranges.slice(i, i + 100).join('\n')}\nendbfrange`);
  const cmap = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n${chunks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9999 0 R /DW 1000 /W [32 [500] 33 126 500] /CIDToGIDMap /Identity >>',
    `<< /Length ${cmap.length} >>\nstream\n${cmap}\nendstream`,
  ];
  pages.forEach((p, i) => {
    const content = ['0.6 w 0 0 0 RG 0 0 0 rg', ...p].join('\n');
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.w} ${PAGE.h}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${7 + 2 * i} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  });
  // The font descriptor, last.
  objects.push('<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>');
  const fdNumber = objects.length;
  objects[3] = objects[3].replace('9999 0 R', `${fdNumber} 0 R`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const escHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The report as a saved web page of a county government's site. */
function asHtml(blocks: Block[]): string {
  const body: string[] = [];
  let h1 = 0;
  let h2 = 0;
  for (const b of blocks) {
    if ('title' in b) body.push(`<h1 class="article-title">${escHtml(b.title)}</h1>`, '<div class="info">发布时间：2025-01-20 &nbsp; 来源：西安镇 &nbsp; 浏览次数：128</div>');
    else if ('h1' in b) {
      h2 = 0;
      body.push(`<p style="text-indent:2em"><strong>${CN[h1++]}、${escHtml(b.h1)}</strong></p>`);
    } else if ('h2' in b) body.push(`<p style="text-indent:2em">（${CN[h2++]}）${escHtml(b.h2)}</p>`);
    else if ('p' in b) body.push(`<p style="text-indent:2em">${escHtml(b.p)}</p>`);
    else {
      body.push('<table border="1" cellspacing="0" style="width:100%">', '<tbody>');
      for (const row of b.table) {
        const cells = row.map((c) => {
          const attrs = `${c.cs ? ` colspan="${c.cs}"` : ''}${c.rs ? ` rowspan="${c.rs}"` : ''}`;
          return `<td${attrs}><p style="text-align:center">${escHtml(c.t) || '&nbsp;'}</p></td>`;
        });
        body.push(`<tr>${cells.join('')}</tr>`);
      }
      body.push('</tbody>', '</table>');
    }
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>海原县西安镇人民政府2024年政府信息公开工作年度报告_年度报告_海原县人民政府</title>',
    '<style>body{font-family:SimSun}</style>',
    '<script>var _hmt = _hmt || []; document.write("<p>一、总体情况</p>");</script>',
    '</head>',
    '<body>',
    '<div class="header"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hdjl">互动交流</a> | <a href="/ztzl">专题专栏</a></div>',
    '<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt; 年度报告</div>',
    '<div class="sidebar"><ul><li><a href="/2023.html">2023年政府信息公开工作年度报告</a></li><li><a href="/2022.html">2022年政府信息公开工作年度报告</a></li></ul></div>',
    '<div class="article">',
    ...body,
    '</div>',
    '<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>',
    '<div class="footer"><p>主办单位：海原县人民政府办公室 &nbsp; 网站标识码：6405220001</p><p>宁ICP备05001234号 &nbsp; 宁公网安备 64052202000001号</p></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(join(FIXTURES, 'html'), { recursive: true });
  writeFileSync(join(OUT, 'xian-merged.txt'), asText(REPORT));
  writeFileSync(join(OUT, 'xian-merged.docx'), await Packer.toBuffer(asDocx(REPORT)));
  writeFileSync(join(FIXTURES, 'html', 'xian-page.html'), asHtml(REPORT));
  mkdirSync(join(FIXTURES, 'pdf'), { recursive: true });
  writeFileSync(join(FIXTURES, 'pdf', 'xian-ruled.pdf'), asPdf(REPORT));
  console.log(`wrote ${OUT}/xian-merged.{docx,txt}, ${FIXTURES}/html/xian-page.html and ${FIXTURES}/pdf/xian-ruled.pdf`);
}

void main();
