// Control characters in user input: NUL can never reach a process (argv, env and paths are C strings), and the
// rest are almost always a paste accident (a terminal escape sequence, a stray carriage return) that would make
// a name, a path or an argument mean something other than what the screen shows.

/** The first control character in `s` (tab and, when `multiline`, newline and carriage return allowed). */
export function firstControlChar(s: string, opts: { multiline?: boolean } = {}): string | undefined {
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x09) continue;
    if (opts.multiline && (c === 0x0a || c === 0x0d)) continue;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) return ch;
  }
  return undefined;
}

/** "U+001B" for a message that shows an invisible character. */
export function describeChar(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export const CONTROL_CHAR_HINT =
  'Remove the invisible control character (often pasted from a terminal); NUL cannot be passed to a process at all.';
