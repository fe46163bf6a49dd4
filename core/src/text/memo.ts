/**
 * `fn` memoised by its string argument in a map of at most `limit` entries, emptied when full (what repeats —
 * table labels, cells, URIs, paragraphs — is back in it at once); arguments longer than `maxLength` are not kept.
 */
export function memoByString<T>(fn: (s: string) => T, limit: number, maxLength = Infinity): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined) {
      v = fn(s);
      if (memo.size >= limit) memo.clear();
      if (s.length <= maxLength) memo.set(s, v);
    }
    return v;
  };
}
