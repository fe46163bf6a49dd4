// Word (.docx): the document's paragraphs, headings and tables (merged cells as colspan/rowspan) as a Markdown
// draft with HTML tables, and where each line came from (paragraph, or table row and cells). The package is
// unzipped with fflate and its XML read with htmlparser2 in XML mode (see ARCHITECTURE.md: Runtime dependencies).
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import type { LinePlace } from './places';
import { formatNumber, type NumberFormat } from './numbering';

export interface DocxRead {
  markdown: string;
  places: (LinePlace | null)[];
}

interface Style {
  name: string;
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  outline?: number;
}

interface Level {
  format: NumberFormat;
  text: string;
  start: number;
}

/** Calls `onOpen`/`onClose`/`onText` for the elements of an XML part. */
function walk(xml: string, on: { open?(name: string, attrs: Record<string, string>): void; close?(name: string): void; text?(data: string): void }): void {
  const parser = new Parser(
    {
      onopentag: (name, attrs) => on.open?.(name, attrs),
      onclosetag: (name) => on.close?.(name),
      ontext: (data) => on.text?.(data),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}

function readStyles(xml: string | undefined): Map<string, Style> {
  const styles = new Map<string, Style>();
  if (!xml) return styles;
  let current: Style | null = null;
  walk(xml, {
    open(name, a) {
      if (name === 'w:style') {
        current = { name: '' };
        styles.set(a['w:styleId'] ?? '', current);
      } else if (!current) return;
      else if (name === 'w:name') current.name = a['w:val'] ?? '';
      else if (name === 'w:basedOn') current.basedOn = a['w:val'];
      else if (name === 'w:numId') current.numId = a['w:val'];
      else if (name === 'w:ilvl') current.ilvl = Number(a['w:val']) || 0;
      else if (name === 'w:outlineLvl') current.outline = Number(a['w:val']);
    },
    close(name) {
      if (name === 'w:style') current = null;
    },
  });
  return styles;
}

function readNumbering(xml: string | undefined): Map<string, Map<number, Level>> {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, Map<number, Level>>();
  if (!xml) return nums;
  let levels: Map<number, Level> | null = null;
  let level: Level | null = null;
  interface Num {
    id: string;
    abstractId: string;
    starts: Map<number, number>;
    ilvl: number;
  }
  let num: Num | null = null;
  const numList: Num[] = [];
  walk(xml, {
    open(name, a) {
      if (name === 'w:abstractNum') abstract.set(a['w:abstractNumId'] ?? '', (levels = new Map()));
      else if (name === 'w:lvl' && levels && !num) levels.set(Number(a['w:ilvl']) || 0, (level = { format: 'decimal', text: '', start: 1 }));
      else if (name === 'w:numFmt' && level) level.format = (a['w:val'] ?? 'decimal') as NumberFormat;
      else if (name === 'w:lvlText' && level) level.text = a['w:val'] ?? '';
      else if (name === 'w:start' && level) level.start = Number(a['w:val']) || 0;
      else if (name === 'w:num') numList.push((num = { id: a['w:numId'] ?? '', abstractId: '', starts: new Map(), ilvl: 0 }));
      else if (name === 'w:abstractNumId' && num) num.abstractId = a['w:val'] ?? '';
      else if (name === 'w:lvlOverride' && num) num.ilvl = Number(a['w:ilvl']) || 0;
      else if (name === 'w:startOverride' && num) num.starts.set(num.ilvl, Number(a['w:val']) || 0);
    },
    close(name) {
      if (name === 'w:abstractNum') levels = null;
      else if (name === 'w:lvl') level = null;
      else if (name === 'w:num') num = null;
    },
  });
  for (const n of numList) {
    const base = abstract.get(n.abstractId);
    if (!base) continue;
    const merged = new Map<number, Level>();
    for (const [k, l] of base) merged.set(k, { ...l, start: n.starts.get(k) ?? l.start });
    nums.set(n.id, merged);
  }
  return nums;
}

const HEADING = /^(heading|标题)\s*(\d)$/i;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Markdown that a paragraph's text would otherwise start or contain. */
function mdEscape(s: string): string {
  return s
    .replace(/[\\`*_<&]/g, (c) => (c === '<' ? '&lt;' : c === '&' ? '&amp;' : '\\' + c))
    .replace(/^(#{1,6}|>|[-+]|\d{1,9}[.)])(?=\s|$)/, (m) => m.replace(/[#>+\-.)]/, (c) => '\\' + c));
}
const joinParts = (a: string, b: string) => (a && /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b);

interface Cell {
  text: string;
  colspan: number;
  vmerge: 'restart' | 'continue' | null;
  rowspan: number;
}

/** Reads a .docx; throws an Error whose message is 'damaged' when it is no Word package. */
export function readDocx(bytes: Uint8Array): DocxRead {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => /^word\/(document|styles|numbering)\.xml$/.test(f.name) });
  } catch {
    throw new Error('damaged');
  }
  const part = (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : undefined);
  const documentXml = part('word/document.xml');
  if (!documentXml) throw new Error('damaged');
  const styles = readStyles(part('word/styles.xml'));
  const numbering = readNumbering(part('word/numbering.xml'));
  const counters = new Map<string, number[]>();

  const styleChain = (id: string | undefined): Style[] => {
    const out: Style[] = [];
    for (let s = id ? styles.get(id) : undefined, n = 0; s && n < 10; s = s.basedOn ? styles.get(s.basedOn) : undefined, n++) out.push(s);
    return out;
  };

  const lines: string[] = [];
  const places: (LinePlace | null)[] = [];
  let paragraphNo = 0;
  let tableNo = 0;

  // Paragraph state.
  let styleId: string | undefined;
  let numId: string | undefined;
  let ilvl: number | undefined;
  let outline: number | undefined;
  let text = '';
  let hidden = false;
  let skip = 0;
  let inT = false;
  // Table state (a table in a cell is read as text of that cell).
  let tableDepth = 0;
  let rows: Cell[][] = [];
  let cell: Cell | null = null;

  const numberText = (): string => {
    const chain = styleChain(styleId);
    const id = numId ?? chain.find((s) => s.numId)?.numId;
    if (!id || id === '0') return '';
    const levels = numbering.get(id);
    const lvl = ilvl ?? chain.find((s) => s.ilvl !== undefined)?.ilvl ?? 0;
    const level = levels?.get(lvl);
    if (!levels || !level) return '';
    const count = counters.get(id) ?? [];
    count[lvl] = (count[lvl] ?? level.start - 1) + 1;
    count.length = lvl + 1;
    counters.set(id, count);
    if (level.format === 'bullet' || level.format === 'none') return '';
    return level.text.replace(/%(\d)/g, (_, k: string) => {
      const i = Number(k) - 1;
      const l = levels.get(i);
      return l ? formatNumber(count[i] ?? l.start, l.format) : '';
    });
  };

  const endParagraph = () => {
    const body = text.replace(/[\t\u00a0\u3000]+/g, (m) => (m.includes('\u3000') ? m : ' ')).trim();
    const prefix = body ? numberText() : '';
    const full = (prefix + body).trim();
    text = '';
    if (cell) {
      if (full) cell.text = cell.text ? joinParts(cell.text, full) : full;
      return;
    }
    if (!full) return;
    paragraphNo++;
    const chain = styleChain(styleId);
    const level = outline ?? chain.find((s) => s.outline !== undefined)?.outline;
    const name = chain.find((s) => HEADING.test(s.name) || /^title$/i.test(s.name))?.name ?? '';
    const m = HEADING.exec(name);
    const depth = /^title$/i.test(name) ? 1 : m ? Math.min(6, Number(m[2])) : level !== undefined && level < 6 ? level + 1 : 0;
    for (const [k, part] of full.split('\n').entries()) {
      const t = part.trim();
      if (!t) continue;
      lines.push(depth && k === 0 ? `${'#'.repeat(depth)} ${esc(t)}` : mdEscape(t), '');
      places.push({ paragraph: paragraphNo }, null);
    }
  };

  const endTable = () => {
    tableNo++;
    // vMerge continuations add to the rowspan of the cell above them in the same grid column.
    const grid: (Cell | null)[][] = [];
    rows.forEach((row, r) => {
      grid[r] = [];
      let col = 0;
      for (const c of row) {
        if (c.vmerge === 'continue') {
          for (let up = r - 1; up >= 0; up--) {
            const above = grid[up][col];
            if (above && above.vmerge !== 'continue') {
              above.rowspan++;
              break;
            }
          }
        }
        for (let k = 0; k < c.colspan; k++) grid[r][col + k] = k === 0 ? c : null;
        col += c.colspan;
      }
    });
    lines.push('<table>');
    places.push(null);
    rows.forEach((row, r) => {
      let line = '<tr>';
      const cells: { start: number; end: number; cell: number }[] = [];
      row.forEach((c, k) => {
        if (c.vmerge === 'continue') return;
        const attrs = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
        const start = line.length;
        line += `<td${attrs}>${esc(c.text)}</td>`;
        cells.push({ start, end: line.length, cell: k + 1 });
      });
      lines.push(line + '</tr>');
      places.push({ table: tableNo, row: r + 1, cells });
    });
    lines.push('</table>', '');
    places.push(null, null);
    rows = [];
  };

  walk(documentXml, {
    open(name, a) {
      if (skip) {
        skip++;
        return;
      }
      switch (name) {
        case 'w:del':
        case 'w:moveFrom':
        case 'mc:Fallback':
        case 'w:drawing':
        case 'w:pict':
        case 'w:object':
        case 'w:instrText':
        case 'w:footnoteReference':
          skip = 1;
          return;
        case 'w:tbl':
          if (tableDepth++ === 0) rows = [];
          return;
        case 'w:tr':
          if (tableDepth === 1) rows.push([]);
          return;
        case 'w:tc':
          if (tableDepth === 1) rows[rows.length - 1]?.push((cell = { text: '', colspan: 1, vmerge: null, rowspan: 1 }));
          return;
        case 'w:gridSpan':
          if (cell && tableDepth === 1) cell.colspan = Math.max(1, Math.min(64, Number(a['w:val']) || 1));
          return;
        case 'w:vMerge':
          if (cell && tableDepth === 1) cell.vmerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
          return;
        case 'w:p':
          styleId = numId = ilvl = outline = undefined;
          text = '';
          return;
        case 'w:pStyle':
          styleId = a['w:val'];
          return;
        case 'w:numId':
          numId = a['w:val'];
          return;
        case 'w:ilvl':
          ilvl = Number(a['w:val']) || 0;
          return;
        case 'w:outlineLvl':
          outline = Number(a['w:val']);
          return;
        case 'w:r':
          hidden = false;
          return;
        case 'w:vanish':
          hidden = a['w:val'] !== 'false' && a['w:val'] !== '0';
          return;
        case 'w:t':
          inT = true;
          return;
        case 'w:tab':
          if (!hidden) text += '\t';
          return;
        case 'w:br':
        case 'w:cr':
          if (!hidden && a['w:type'] !== 'page' && a['w:type'] !== 'column') text += '\n';
          return;
        case 'w:noBreakHyphen':
          text += '-';
          return;
      }
    },
    close(name) {
      if (skip) {
        skip--;
        return;
      }
      if (name === 'w:t') inT = false;
      else if (name === 'w:p') endParagraph();
      else if (name === 'w:tc' && tableDepth === 1) cell = null;
      else if (name === 'w:tbl' && --tableDepth === 0) endTable();
    },
    text(data) {
      if (inT && !skip && !hidden) text += data;
    },
  });
  while (lines.length && lines[lines.length - 1] === '') {
    lines.pop();
    places.pop();
  }
  return { markdown: lines.join('\n') + '\n', places };
}
