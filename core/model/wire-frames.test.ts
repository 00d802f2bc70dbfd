// The streamed subscriptions' frames: what the host writes is what the page reads, however the bytes are split
// on the way, and bytes that are not frames stop the stream instead of being misread.
import { describe, expect, it } from 'vitest';
import { concatBytes, encodeMessage, encodeTerminalData, FrameDecoder, FrameError } from './wire-frames.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** What a decoder makes of `bytes` pushed in pieces cut at `cuts`, with terminal bytes as text. */
function decode(bytes: Uint8Array, cuts: number[]) {
  const d = new FrameDecoder();
  const out: unknown[] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    for (const f of d.push(bytes.subarray(from, to)))
      out.push(f.kind === 'terminal' ? { ...f, bytes: text(f.bytes) } : f);
    from = to;
  }
  return { frames: out, buffered: d.buffered };
}

describe('wire frames', () => {
  const stream = concatBytes([
    encodeMessage({ t: 'data', id: 3, data: { kind: 'exit', code: 0 } }),
    encodeTerminalData(3, 41, utf8('héllo \u001b[1mwörld\u001b[0m 🦫\r\n')),
    encodeTerminalData(3, 42, new Uint8Array(0)),
    encodeMessage({ t: 'end', id: 3, error: { code: 'not_found', message: 'gone: “t1”' } }),
  ]);
  const expected = [
    { kind: 'message', message: { t: 'data', id: 3, data: { kind: 'exit', code: 0 } } },
    { kind: 'terminal', id: 3, seq: 41, bytes: 'héllo \u001b[1mwörld\u001b[0m 🦫\r\n' },
    { kind: 'terminal', id: 3, seq: 42, bytes: '' },
    { kind: 'message', message: { t: 'end', id: 3, error: { code: 'not_found', message: 'gone: “t1”' } } },
  ];

  it('reads back what was written, in one piece', () => {
    expect(decode(stream, [])).toEqual({ frames: expected, buffered: 0 });
  });

  it('reads back what was written, cut at every byte, and in two pieces cut anywhere', () => {
    const everyByte = Array.from({ length: stream.length - 1 }, (_, i) => i + 1);
    expect(decode(stream, everyByte)).toEqual({ frames: expected, buffered: 0 });
    for (let cut = 1; cut < stream.length; cut++)
      expect(decode(stream, [cut]).frames, `cut at ${cut}`).toEqual(expected);
  });

  it('keeps an unfinished frame until the rest arrives', () => {
    const one = encodeTerminalData(1, 1, utf8('abc'));
    const d = new FrameDecoder();
    expect(d.push(one.subarray(0, one.length - 1))).toEqual([]);
    expect(d.buffered).toBe(one.length - 1);
    expect(d.push(one.subarray(one.length - 1)).map((f) => f.kind)).toEqual(['terminal']);
    expect(d.buffered).toBe(0);
  });

  it('refuses bytes that are not frames (an HTML error page, JSON lines of the old wire)', () => {
    expect(() => new FrameDecoder().push(utf8('<!doctype html><p>502</p>'))).toThrow(FrameError);
    expect(() => new FrameDecoder().push(utf8('{"t":"end","id":1}\n'))).toThrow(FrameError);
  });
});
