// Text files as Chinese offices have them: UTF-8 (with or without a BOM), UTF-16 from Windows (with a BOM, or
// without one when NUL bytes say so), and GB18030/GBK from Chinese Windows. TextDecoder is a web standard: no
// Node built-in is needed.

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded = { text: string; encoding: Encoding } | { unreadable: 'binary' | 'encoding' };

/** NUL bytes at even (UTF-16BE) or odd (UTF-16LE) positions of the first bytes: text in UTF-16 without a BOM. */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  // Chinese text in UTF-16 has few NULs; ASCII-heavy text has many on one side only.
  if (odd > n / 8 && even < n / 64) return 'utf-16le';
  if (even > n / 8 && odd < n / 64) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const bare = utf16Without(bytes);
  if (bare) return { text: new TextDecoder(bare).decode(bytes), encoding: bare };
  if (bytes.subarray(0, 8192).includes(0)) return { unreadable: 'binary' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: GB18030 (a superset of GBK and GB2312) when it decodes with next to no replacement characters.
  }
  const text = new TextDecoder('gb18030').decode(bytes);
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  if (bad <= Math.max(2, text.length / 1000)) return { text, encoding: 'gb18030' };
  return { unreadable: 'encoding' };
}
