// A command line as people type it ("sh -c 'echo hi'", "--opt=\"a b\"", "a\ b") split into the words a container
// runs, with shell-quote's parser. Nothing here runs a shell: operators and comments would be silently wrong
// (Podman execs the words directly), so they are refused with a hint instead of passed on.
import { parse, quote } from 'shell-quote';

export type CommandLine = { ok: true; words: string[] } | { ok: false; message: string; hint: string };

/** Quote state after scanning `s`, the way sh reads it: does a quote stay open at the end? */
function openQuote(s: string): '"' | "'" | undefined {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') i++;
    else if (c === quote) quote = undefined;
    else if (!quote && (c === '"' || c === "'")) quote = c;
  }
  return quote;
}

export function parseCommandLine(text: string): CommandLine {
  const quote = openQuote(text);
  if (quote)
    return {
      ok: false,
      message: `A ${quote === '"' ? 'double' : 'single'} quote is not closed`,
      hint: `Close it with ${quote}, or escape it as \\${quote} to pass it on.`,
    };
  // Variables are the container's business (sh -c "echo $HOME"): keep them as written, braced so that
  // "${HOME}dir" and "$HOME" both mean what a shell in the container would read.
  const words: string[] = [];
  for (const entry of parse(text, (name) => `\${${name}}`)) {
    if (typeof entry === 'string') words.push(entry);
    else if ('comment' in entry)
      return {
        ok: false,
        message: `"#${entry.comment}" would be a shell comment`,
        hint: "Quote the # ('#') to pass it on, or remove the comment.",
      };
    else if (entry.op === 'glob') words.push(entry.pattern);
    else
      return {
        ok: false,
        message: `"${entry.op}" is a shell operator, and no shell runs this command`,
        hint: `To use pipes, redirections or ;, run a shell: sh -c '…'. To pass "${entry.op}" as text, quote it.`,
      };
  }
  return { ok: true, words };
}

/** Words back into a line that parseCommandLine reads as the same words (the edit form shows commands this way). */
export function formatCommandLine(words: readonly string[]): string {
  return quote([...words]);
}
