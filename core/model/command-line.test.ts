import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './command-line.js';

const words = (s: string) => {
  const r = parseCommandLine(s);
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.words;
};

describe('command lines as people type them', () => {
  it('splits words and honours quotes', () => {
    expect(words(`a 'b c' "d \\"e\\""`)).toEqual(['a', 'b c', 'd "e"']);
    expect(words('sh -c "echo hi there"')).toEqual(['sh', '-c', 'echo hi there']);
    expect(words('  httpd   -f  ')).toEqual(['httpd', '-f']);
  });

  it('keeps a quoted part inside its word: --opt="a b"', () => {
    expect(words('run --opt="a b" x')).toEqual(['run', '--opt=a b', 'x']);
  });

  it('joins a backslash-escaped space: a\\ b', () => {
    expect(words('ls a\\ b c')).toEqual(['ls', 'a b', 'c']);
  });

  it('leaves variables and globs for the container', () => {
    expect(words('sh -c "echo $HOME ${USER}dir"')).toEqual(['sh', '-c', 'echo ${HOME} ${USER}dir']);
    expect(words("sh -c 'echo $HOME'")).toEqual(['sh', '-c', 'echo $HOME']);
    expect(words('ls *.txt')).toEqual(['ls', '*.txt']);
    expect(words('echo "a > b" \\|')).toEqual(['echo', 'a > b', '|']);
  });

  it.each([
    ['echo hi > /tmp/out', '>'],
    ['a | b', '|'],
    ['a && b', '&&'],
    ['a; b', ';'],
    ['sleep 1 &', '&'],
  ])('refuses the shell operator in %s, saying how to run a shell', (line, op) => {
    const r = parseCommandLine(line);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining(`"${op}"`) });
    expect(!r.ok && r.hint).toContain("sh -c '…'");
  });

  it('refuses a comment and an unclosed quote', () => {
    expect(parseCommandLine('echo hi # later')).toMatchObject({
      ok: false,
      message: expect.stringContaining('comment'),
    });
    expect(parseCommandLine('echo "hi')).toMatchObject({
      ok: false,
      message: 'A double quote is not closed',
    });
    expect(parseCommandLine("echo 'hi")).toMatchObject({
      ok: false,
      message: 'A single quote is not closed',
    });
    expect(words(`echo "it's"`)).toEqual(['echo', "it's"]);
  });
});
