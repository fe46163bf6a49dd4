// Writing a fixed report back in the encoding it was read in (`--fix`): UTF-8 (with its BOM if it had one),
// UTF-16 LE/BE with a BOM, GB18030 through a reverse map of its two-byte codes (TextDecoder has no encoder).
import type { Encoding } from '../../core/src/index';

let gbMap: Map<number, number> | null = null;

function gb18030Map(): Map<number, number> {
  if (gbMap) return gbMap;
  gbMap = new Map();
  const dec = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      pair[0] = a;
      pair[1] = b;
      const s = dec.decode(pair);
      if (s.length === 1 && s !== '\ufffd' && !gbMap.has(s.charCodeAt(0))) gbMap.set(s.charCodeAt(0), (a << 8) | b);
    }
  }
  return gbMap;
}

/** The bytes of `text` in `encoding`; null when a character has no code there (the file is then left alone). */
export function encodeText(text: string, encoding: Encoding): Uint8Array | null {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new TextEncoder().encode('\ufeff' + text);
    case 'utf-16le':
    case 'utf-16be': {
      const out = new Uint8Array((text.length + 1) * 2);
      const all = '\ufeff' + text;
      const be = encoding === 'utf-16be';
      for (let i = 0; i < all.length; i++) {
        const c = all.charCodeAt(i);
        out[2 * i + (be ? 0 : 1)] = c >> 8;
        out[2 * i + (be ? 1 : 0)] = c & 0xff;
      }
      return out;
    }
    case 'gb18030': {
      const map = gb18030Map();
      const out: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80) out.push(c);
        else {
          const code = map.get(c);
          if (code === undefined) return null;
          out.push(code >> 8, code & 0xff);
        }
      }
      return new Uint8Array(out);
    }
  }
}
