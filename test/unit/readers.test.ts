// Reading reports as people have them: encodings, saved web pages, Word, PDF, and files that cannot be read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { checkText, decodeText, formatOfPath, placeOf, type Diagnostic, type SourceFormat } from '../../core/src/index';
import { readReport, type ReadFile } from '../../core/src/readers/index';
import { chineseNumber } from '../../core/src/readers/numbering';
import { isPageFurniture } from '../../core/src/readers/pdf-text';
import { ROOT, SEED_FILES } from '../helpers';

const bytesOf = (rel: string) => new Uint8Array(readFileSync(join(ROOT, rel)));
const check = (text: string, format: SourceFormat) => checkText(text, format, { explicit: true }).diagnostics;
const ids = (ds: Diagnostic[]) => ds.map((d) => `${d.code}:${d.severity}`).sort();
const same = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range }));

/** GB18030 bytes of a string, by a reverse map of the two-byte codes (TextDecoder has no encoder for it). */
function gb18030(text: string): Uint8Array {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = map.get(ch);
      assert.ok(b, `no GB18030 two-byte code for ${ch} (U+${code.toString(16)})`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const all = (bom ? '\ufeff' : '') + text;
  for (let i = 0; i < all.length; i++) {
    const c = all.charCodeAt(i);
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
  }
  return out;
}

async function readOk(name: string, bytes: Uint8Array): Promise<ReadFile> {
  const r = await readReport(name, bytes, formatOfPath(name)?.id ?? null);
  assert.ok(r.ok, `${name} not read: ${r.ok ? '' : r.reason}`);
  return r;
}

describe('text encodings', () => {
  it('tells UTF-8, UTF-8 with BOM, UTF-16 LE/BE (with and without BOM) and GB18030 apart', () => {
    const text = '某局2024年政府信息公开工作年度报告\n一、总体情况\n';
    const utf8 = new TextEncoder().encode(text);
    assert.deepEqual(decodeText(utf8), { text, encoding: 'utf-8' });
    assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), { text, encoding: 'utf-8-bom' });
    assert.deepEqual(decodeText(utf16(text, false, true)), { text, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(utf16(text, true, true)), { text, encoding: 'utf-16be' });
    assert.deepEqual(decodeText(utf16('Report 2024 annual, plain ASCII mostly\n', false, false)), { text: 'Report 2024 annual, plain ASCII mostly\n', encoding: 'utf-16le' });
    assert.deepEqual(decodeText(gb18030(text)), { text, encoding: 'gb18030' });
  });

  it('calls binary and undecodable bytes unreadable', () => {
    assert.deepEqual(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48])), { unreadable: 'binary' });
    // Bytes that are neither UTF-8 nor GB18030 (0x80 and 0xff never start a GB18030 character).
    assert.deepEqual(decodeText(new Uint8Array(Array.from({ length: 64 }, (_, i) => (i % 2 ? 0xff : 0x80)))), { unreadable: 'encoding' });
  });

  for (const seed of SEED_FILES) {
    it(`a GBK and a UTF-16 copy of seed ${seed.id} give the same problems as the UTF-8 one`, async () => {
      const text = readFileSync(join(ROOT, seed.txt), 'utf8');
      const expected = same(check(text, 'text'));
      assert.ok(expected.length > 0 || seed.id === '000');
      for (const [encoding, bytes] of [
        ['gb18030', gb18030(text)],
        ['utf-16le', utf16(text, false, true)],
        ['utf-16be', utf16(text, true, true)],
      ] as const) {
        const r = await readOk(seed.txt, bytes);
        assert.equal(r.encoding, encoding);
        assert.deepEqual(same(check(r.text, r.format)), expected, encoding);
      }
    });
  }
});

describe('a saved web page (site chrome included)', () => {
  it('reads the report body and gives the same problems as the report in text', async () => {
    const page = await readOk('xian-page.html', bytesOf('test/fixtures/formats/html/xian-page.html'));
    assert.equal(page.format, 'html');
    const text = readFileSync(join(ROOT, 'test/fixtures/formats/docx/xian-merged.txt'), 'utf8');
    assert.deepEqual(ids(check(page.text, 'html')), ids(check(text, 'text')));
    assert.deepEqual(ids(check(text, 'text')), ['fee-statement-missing:warning', 'table3-balance:error', 'table3-balance:error']);
  });

  it('points at the cell in the page source', () => {
    const html = readFileSync(join(ROOT, 'test/fixtures/formats/html/xian-page.html'), 'utf8');
    const d = check(html, 'html').find((x) => x.code === 'table3-balance')!;
    const line = html.split('\n')[d.range.start.line];
    // As in text: the balance is shown on the 四 row's 自然人 cell.
    assert.match(line, /四、结转下年度继续办理/);
    assert.equal(line.slice(d.range.start.character, d.range.end.character), '0');
    assert.equal(line.slice(d.range.start.character - 29, d.range.start.character), '<p style="text-align:center">');
  });

  it('leaves out the sidebar, the menus, the script and the footer', () => {
    const html = readFileSync(join(ROOT, 'test/fixtures/formats/html/xian-page.html'), 'utf8');
    const r = checkText(html, 'html', { explicit: true });
    assert.ok(r.checked);
    assert.equal(r.report.year, 2024);
    assert.equal(r.report.title?.text, '海原县西安镇人民政府2024年政府信息公开工作年度报告');
  });
});

describe('Word (.docx) with merged cells and automatic numbering', () => {
  it('gives the same problems as the same report in text', async () => {
    const docx = await readOk('xian-merged.docx', bytesOf('test/fixtures/formats/docx/xian-merged.docx'));
    assert.equal(docx.source, 'docx');
    assert.equal(docx.format, 'markdown');
    const text = readFileSync(join(ROOT, 'test/fixtures/formats/docx/xian-merged.txt'), 'utf8');
    assert.deepEqual(ids(check(docx.text, 'markdown')), ids(check(text, 'text')));
  });

  it('writes Word numbering, headings and merged cells into the draft', async () => {
    const { text } = await readOk('xian-merged.docx', bytesOf('test/fixtures/formats/docx/xian-merged.docx'));
    assert.match(text, /^# 一、总体情况$/m);
    assert.match(text, /^## （二）依申请公开$/m);
    assert.match(text, /<td rowspan="22">三、本年度办理结果<\/td>/);
    assert.match(text, /<td colspan="3" rowspan="3">（本列数据的勾稽关系为/);
    assert.match(text, /<td colspan="10">行政诉讼<\/td>/);
  });

  it('names the table cell and the paragraph of a problem', async () => {
    const docx = await readOk('xian-merged.docx', bytesOf('test/fixtures/formats/docx/xian-merged.docx'));
    const ds = check(docx.text, 'markdown');
    const balance = ds.filter((d) => d.code === 'table3-balance').map((d) => placeOf(docx.places, d.range));
    assert.deepEqual(balance, [
      { table: 2, row: 28, cell: 2 },
      { table: 2, row: 28, cell: 8 },
    ]);
    const fee = ds.find((d) => d.code === 'fee-statement-missing')!;
    const place = placeOf(docx.places, fee.range);
    assert.ok(place && 'paragraph' in place, JSON.stringify(place));
  });

  it('reads a Word 97–2003 or WPS file as unreadable, asking for .docx', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    assert.deepEqual(await readReport('报告.doc', ole), { ok: false, reason: 'legacyWord' });
    assert.deepEqual(await readReport('报告.wps', ole), { ok: false, reason: 'legacyWord' });
    // Saved with the wrong ending: the content decides.
    assert.deepEqual(await readReport('报告.docx', ole), { ok: false, reason: 'legacyWord' });
  });

  it('calls a broken package damaged', async () => {
    assert.deepEqual(await readReport('a.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), { ok: false, reason: 'damaged' });
    const noDocument = zipSync({ 'word/styles.xml': new TextEncoder().encode('<w:styles/>') });
    assert.deepEqual(await readReport('a.docx', noDocument), { ok: false, reason: 'damaged' });
  });

  it('counts in Chinese the way Word does', () => {
    assert.deepEqual([1, 9, 10, 11, 20, 21, 100, 105, 110].map((n) => chineseNumber(n)), ['一', '九', '十', '十一', '二十', '二十一', '一百', '一百零五', '一百一十']);
  });
});

/** A PDF of one page whose content stream is `content`; `extra` goes into the trailer. */
function pdfOf(content: string, extra = ''): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${extra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe('PDF', () => {
  it('reads a PDF with ruled tables and merged cells: the same problems as the report in text, on their pages', async () => {
    const pdf = await readOk('xian-ruled.pdf', bytesOf('test/fixtures/formats/pdf/xian-ruled.pdf'));
    assert.equal(pdf.source, 'pdf');
    assert.equal(pdf.pages, 3);
    const text = readFileSync(join(ROOT, 'test/fixtures/formats/docx/xian-merged.txt'), 'utf8');
    const ds = check(pdf.text, pdf.format);
    assert.deepEqual(ids(ds), ids(check(text, 'text')));
    assert.deepEqual(
      ds.map((d) => [d.code, placeOf(pdf.places, d.range)]),
      [
        ['table3-balance', { page: 2 }],
        ['table3-balance', { page: 2 }],
        ['fee-statement-missing', { page: 3 }],
      ],
    );
    // A merged cell's text sits in its first grid slot, the slots it covers are empty.
    assert.match(pdf.text, /^三、本年度办理结果\t（一）予以公开\t\t0\t/m);
    assert.match(pdf.text, /^\t（三）不予公开\t1\.属于国家秘密\t0/m);
    assert.match(pdf.text, /^- 2 -$/m);
    // Its Markdown draft keeps the spans and says the same.
    assert.match(pdf.draft!, /<td rowspan="22">三、本年度办理结果<\/td>/);
    assert.deepEqual(ids(check(pdf.draft!, 'markdown')), ids(check(text, 'text')));
  });

  it('says a scan (no text layer) cannot be checked', async () => {
    // A page with only a drawn frame, as a scanned image would have no text either.
    assert.deepEqual(await readReport('scan.pdf', pdfOf('0 0 0 RG 50 50 495 742 re S')), { ok: false, reason: 'noText' });
  });

  it('says an encrypted PDF cannot be read', async () => {
    const hex = (n: number) => '<' + '11'.repeat(n) + '>';
    const bytes = pdfOf('', `/Encrypt << /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -4 >> /ID [${hex(16)} ${hex(16)}] `);
    assert.deepEqual(await readReport('locked.pdf', bytes), { ok: false, reason: 'encrypted' });
  });

  it('calls a truncated PDF damaged', async () => {
    assert.deepEqual(await readReport('cut.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type')), { ok: false, reason: 'damaged' });
  });

  it('knows page numbers from text', () => {
    for (const s of ['- 3 -', '— 12 —', '第 3 页', '3/5', '第2页 共5页', '3']) assert.ok(isPageFurniture(s), s);
    for (const s of ['2023 年', '三、收到和处理政府信息公开申请情况', '10 件']) assert.ok(!isPageFurniture(s), s);
  });
});
