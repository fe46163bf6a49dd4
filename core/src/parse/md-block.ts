import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Nodes, Parents, PhrasingContent, RootContent, TableCell } from 'mdast';
import { plainText, type CellItem, type Item, type MappedText, type Seg } from './items';
import { parseHtmlTable } from './html-table';
import { parseMarkdownFast } from './md-fast';

const micromarkExtensions = [gfmTable()];
const mdastExtensions = [gfmTableFromMarkdown()];

/** Builds extracted text while remembering where each character came from. */
class TextBuilder {
  text = '';
  segs: Seg[] = [];

  push(ch: string, line: number, character: number): void {
    const last = this.segs[this.segs.length - 1];
    const offset = this.text.length;
    this.text += ch;
    if (last && last.line === line && last.character + last.length === character && last.offset + last.length === offset) {
      last.length += ch.length;
    } else {
      this.segs.push({ offset, line, character, length: ch.length });
    }
  }

  result(): MappedText {
    return { text: this.text, segs: this.segs };
  }
}

const LOOKAHEAD = 16;

/**
 * Appends a node's value, aligning it with its source slice: values differ from source only by
 * escapes, entities and line-continuation indentation, so a bounded forward search stays linear.
 */
function appendAligned(out: TextBuilder, value: string, src: string, from: number, to: number, line: number, col: number): void {
  let si = from;
  let l = line;
  let c = col;
  for (let vi = 0; vi < value.length; vi++) {
    const ch = value[vi];
    let k = si;
    let kl = l;
    let kc = c;
    const limit = Math.min(to, si + LOOKAHEAD);
    while (k < limit && src[k] !== ch) {
      if (src[k] === '\n') { kl++; kc = 0; } else kc++;
      k++;
    }
    if (ch === '\n') {
      if (k < limit) { si = k + 1; l = kl + 1; c = 0; }
      continue;
    }
    if (k < limit) {
      out.push(ch, kl, kc);
      si = k + 1; l = kl; c = kc + 1;
    } else {
      out.push(ch, l, c);
    }
  }
}

/**
 * Visits the nodes depth first, in document order, descending into what `visit` returns. Iterative: lists, quotes,
 * emphasis and links nest as deep as the input says (4,000 `>` on a line), deeper than the call stack goes.
 */
function depthFirst<T>(top: readonly T[], visit: (node: T) => readonly T[] | undefined): void {
  const stack: { nodes: readonly T[]; i: number }[] = [{ nodes: top, i: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.i >= frame.nodes.length) stack.pop();
    else {
      const children = visit(frame.nodes[frame.i++]);
      if (children) stack.push({ nodes: children, i: 0 });
    }
  }
}

function collectText(out: TextBuilder, top: readonly (PhrasingContent | Nodes)[], src: string): void {
  depthFirst<PhrasingContent | Nodes>(top, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') {
      const p = node.position;
      if (!p || p.start.offset === undefined || p.end.offset === undefined) return undefined;
      const from = node.type === 'inlineCode' ? src.indexOf(node.value, p.start.offset) : p.start.offset;
      const start = from >= 0 ? from : p.start.offset;
      const col = p.start.column - 1 + (start - p.start.offset);
      appendAligned(out, node.value, src, start, p.end.offset, p.start.line - 1, col);
    } else if (node.type === 'break') {
      // a hard break joins the two lines, as a soft break does
    } else if ('children' in node) {
      return (node as Parents).children as PhrasingContent[];
    }
    return undefined;
  });
}

function mapped(nodes: readonly PhrasingContent[], src: string): MappedText {
  const b = new TextBuilder();
  collectText(b, nodes, src);
  return b.result();
}

function cellItem(cell: TableCell, src: string): CellItem {
  const m = mapped(cell.children, src);
  const text = m.text.trim();
  const p = cell.position!;
  if (!text || m.segs.length === 0) {
    // An empty cell: point inside its pipes.
    const line = p.start.line - 1;
    const start = p.start.column; // just after the leading pipe
    return { text: '', line, start, end: Math.max(start, p.end.column - 2) };
  }
  const lead = m.text.length - m.text.trimStart().length;
  const endOffset = lead + text.length;
  const first = segAt(m, lead);
  const last = segAt(m, endOffset - 1);
  return { text, line: first.line, start: first.character, end: last.character + 1 };
}

function segAt(m: MappedText, offset: number): { line: number; character: number } {
  for (const s of m.segs) {
    if (offset >= s.offset && offset < s.offset + s.length) return { line: s.line, character: s.character + offset - s.offset };
  }
  const s = m.segs[m.segs.length - 1];
  return { line: s.line, character: s.character + s.length };
}

function lineOf(node: Nodes): number {
  return (node.position?.start.line ?? 1) - 1;
}
function endLineOf(node: Nodes): number {
  return (node.position?.end.line ?? 1) - 1;
}

function walk(top: readonly RootContent[], src: string, items: Item[]): void {
  depthFirst<RootContent>(top, (node) => {
    switch (node.type) {
      case 'heading':
        items.push({ kind: 'heading', depth: node.depth, text: mapped(node.children, src), line: lineOf(node), endLine: endLineOf(node) });
        break;
      case 'paragraph':
        items.push({ kind: 'para', text: mapped(node.children, src), line: lineOf(node), endLine: endLineOf(node) });
        break;
      case 'table':
        for (const row of node.children) {
          items.push({ kind: 'row', cells: row.children.map((c) => cellItem(c, src)), line: lineOf(row) });
        }
        items.push({ kind: 'tableEnd', line: endLineOf(node) });
        break;
      case 'html': {
        const p = node.position!;
        if (/<table[\s>]/i.test(node.value)) {
          for (const row of parseHtmlTable(node.value, p.start.line - 1, p.start.column - 1)) items.push(row);
          items.push({ kind: 'tableEnd', line: endLineOf(node) });
        } else if (node.value.startsWith('<!--')) {
          items.push({ kind: 'comment', text: node.value, line: lineOf(node), endLine: endLineOf(node) });
        } else {
          items.push({ kind: 'other', line: lineOf(node), endLine: endLineOf(node) });
        }
        break;
      }
      case 'list':
      case 'listItem':
      case 'blockquote':
        return node.children as RootContent[];
      default:
        items.push({ kind: 'other', line: lineOf(node), endLine: endLineOf(node) });
    }
    return undefined;
  });
}

/** Parses one Markdown block; positions are block-relative. Plain blocks take a fast path (md-fast.ts). */
export function parseMarkdownBlock(lines: readonly string[]): Item[] {
  return parseMarkdownFast(lines) ?? parseMarkdownBlockFull(lines);
}

/**
 * Past these, a block is read as plain text, one paragraph per line: no report nests lists or quotes this deep or
 * writes a paragraph this long, and the Markdown parser's time grows faster than the input on such blocks
 * (nested containers, runs of `*`, `[` and `<`).
 */
export const MAX_MARKDOWN_NESTING = 32;
export const MAX_MARKDOWN_BLOCK_CHARS = 64 * 1024;

/**
 * How deep the containers at the start of any line go (each `>` and list marker, and the indentation before a
 * marker: a list nested 1,000 deep has one marker per line), stopping at `limit`. Indented text is not counted.
 */
function nesting(lines: readonly string[], limit: number): number {
  let max = 0;
  for (const line of lines) {
    let depth = 0;
    let indent = 0;
    for (let i = 0; i < line.length && depth <= limit; i++) {
      const c = line.charCodeAt(i);
      if (c === 0x20) indent++;
      else if (c === 0x09) indent += 4;
      else if (c === 0x3e /* > */ || c === 0x2d || c === 0x2a || c === 0x2b /* - * + */) {
        depth += 1 + (indent >> 1);
        indent = 0;
      } else if (!(c >= 0x30 && c <= 0x39) && c !== 0x2e && c !== 0x29) break;
    }
    if (depth > max) max = depth;
    if (max > limit) break;
  }
  return max;
}

/** A block read line by line as paragraphs (see MAX_MARKDOWN_NESTING). */
function plainLines(lines: readonly string[]): Item[] {
  const items: Item[] = [];
  lines.forEach((line, i) => {
    const start = line.length - line.trimStart().length;
    const text = line.trim();
    if (text) items.push({ kind: 'para', text: plainText(text, i, start), line: i, endLine: i });
  });
  return items;
}

/** Parses one Markdown block with a CommonMark + GFM-tables parser. */
export function parseMarkdownBlockFull(lines: readonly string[]): Item[] {
  let size = 0;
  for (const l of lines) size += l.length + 1;
  if (size > MAX_MARKDOWN_BLOCK_CHARS || nesting(lines, MAX_MARKDOWN_NESTING) > MAX_MARKDOWN_NESTING) return plainLines(lines);
  const src = lines.join('\n');
  const tree = fromMarkdown(src, { extensions: micromarkExtensions, mdastExtensions });
  const items: Item[] = [];
  walk(tree.children, src, items);
  return items;
}
