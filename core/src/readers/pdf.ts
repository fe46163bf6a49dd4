// PDF through pdf.js (as packaged by unpdf for runtimes without a DOM): each page's text pieces with their
// positions and its ruling lines, which pdf-layout.ts turns into lines and tables.
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { layoutPage, type PageBlock, type PdfPage, type PdfRule, type PdfText } from './pdf-layout';

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: readonly number[]): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

// pdf.js 5 uses ArrayBuffer.prototype.transferToFixedLength (ES2024), which Node 20 lacks.
function polyfill(): void {
  const proto = ArrayBuffer.prototype as { transferToFixedLength?: (n?: number) => ArrayBuffer };
  if (proto.transferToFixedLength) return;
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number) {
      const n = length ?? this.byteLength;
      const out = new ArrayBuffer(n);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
      return out;
    },
  });
}

export type PdfFailure = 'encrypted' | 'damaged';

export interface PdfRead {
  pages: PageBlock[][];
  /** Characters of text found (0: a scan without a text layer). */
  chars: number;
}

/** Ruling lines of one page: stroked straight paths, and thin filled rectangles (rules drawn as fills). */
function rulesOf(fnArray: number[], argsArray: unknown[][], OPS: Record<string, number>, page: { width: number; height: number }): PdfRule[] {
  const rules: PdfRule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stroke = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fill = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const segment = (a: [number, number], b: [number, number]) => rules.push({ x1: a[0], y1: a[1], x2: b[0], y2: b[1] });
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      if (!stroke.has(paint) && !fill.has(paint)) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      const points: [number, number][][] = [];
      let current: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) {
          if (current.length) points.push(current);
          current = [apply(ctm, data[k + 1], data[k + 2])];
          k += 3;
        } else if (op === 1) {
          current.push(apply(ctm, data[k + 1], data[k + 2]));
          k += 3;
        } else if (op === 2) {
          // A curve: no rule; start afresh from its end.
          if (current.length) points.push(current);
          current = [apply(ctm, data[k + 5], data[k + 6])];
          k += 7;
        } else if (op === 3) {
          if (current.length) points.push(current);
          current = [apply(ctm, data[k + 3], data[k + 4])];
          k += 5;
        } else {
          if (current.length > 2) current.push(current[0]);
          k += 1;
        }
      }
      if (current.length) points.push(current);
      for (const path of points) {
        const xs = path.map((p) => p[0]);
        const ys = path.map((p) => p[1]);
        const w = Math.max(...xs) - Math.min(...xs);
        const h = Math.max(...ys) - Math.min(...ys);
        if (w > page.width * 0.9 && h > page.height * 0.9) continue; // the page's background
        if (fill.has(paint) && path.length >= 4 && (w <= 3 || h <= 3)) {
          // A thin filled rectangle is a line.
          const x0 = Math.min(...xs);
          const y0 = Math.min(...ys);
          if (w <= 3) segment([x0 + w / 2, y0], [x0 + w / 2, y0 + h]);
          else segment([x0, y0 + h / 2], [x0 + w, y0 + h / 2]);
          continue;
        }
        // Larger filled shapes are backgrounds (of a cell, or of a line of text), not rules.
        if (!stroke.has(paint)) continue;
        for (let k = 1; k < path.length; k++) segment(path[k - 1], path[k]);
      }
    }
  }
  return rules;
}

/** The pages of a PDF as blocks of lines and tables; throws 'encrypted' or 'damaged' (as the error's message). */
export async function readPdf(bytes: Uint8Array): Promise<PdfRead> {
  polyfill();
  const { OPS } = await getResolvedPDFJS();
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0, disableFontFace: true, useSystemFonts: false });
  } catch (e) {
    throw new Error((e as { name?: string }).name === 'PasswordException' ? 'encrypted' : 'damaged', { cause: e });
  }
  try {
    const pages: PageBlock[][] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const size = { width: x1 - x0, height: y1 - y0 };
      const content = await page.getTextContent();
      const texts: PdfText[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        chars += it.str.trim().length;
        texts.push({ str: it.str, x: it.transform[4], y: it.transform[5], width: it.width, height: it.height || Math.hypot(it.transform[2], it.transform[3]) });
      }
      const ops = await page.getOperatorList();
      const rules = rulesOf(ops.fnArray, ops.argsArray as unknown[][], OPS as unknown as Record<string, number>, size);
      const pdfPage: PdfPage = { ...size, texts, rules };
      pages.push(layoutPage(pdfPage));
      page.cleanup();
    }
    return { pages, chars };
  } finally {
    await (pdf as unknown as { loadingTask?: { destroy(): Promise<void> } }).loadingTask?.destroy();
  }
}
