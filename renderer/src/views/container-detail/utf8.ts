/** UTF-8 size of a string without encoding it (a copy per chunk otherwise): what the host counts as unacked. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
      continue;
    }
    n += 2; // 3 bytes for one unit; a surrogate pair is 4 bytes for two units
    const d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) i += 1;
  }
  return n;
}
