// The terminal's output pacing on a scripted clock: a trickle is written at once, a flood is joined into at most
// one write per interval (or per half window), nothing is lost, reordered or acknowledged before xterm.js parsed it.
import { describe, expect, it } from 'vitest';
import { OutputPacer, type Output, type PacerClock } from './output-pacer.js';

function scripted() {
  let now = 1000;
  let timers: { at: number; fn: () => void }[] = [];
  const clock: PacerClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => (timers = timers.filter((x) => x !== t)),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      now = next.at;
      timers = timers.filter((t) => t !== next);
      next.fn();
    }
    now = until;
  };
  const writes: { at: number; data: Output; parsed: () => void }[] = [];
  const acked: string[] = [];
  const pacer = new OutputPacer(
    (data, parsed) => writes.push({ at: now, data, parsed }),
    { intervalMs: 100, maxBytes: 1000, floodBytes: 300 },
    clock,
  );
  const push = (data: Output, name: string) =>
    pacer.push(data, typeof data === 'string' ? data.length : data.length, () => acked.push(name));
  return { pacer, clock, advance, writes, acked, push, pending: () => timers.length };
}

const text = (d: Output) => (typeof d === 'string' ? d : new TextDecoder().decode(d));

describe('terminal output pacing', () => {
  it('writes a trickle (echoes, a prompt) at once, each in its own write', () => {
    const s = scripted();
    s.push('l', 'a');
    s.advance(30);
    s.push('s', 'b');
    s.advance(5);
    s.push('\r\n$ ', 'c');
    expect(s.writes.map((w) => [w.at, w.data])).toEqual([
      [1000, 'l'],
      [1030, 's'],
      [1035, '\r\n$ '],
    ]);
    expect(s.pending()).toBe(0);
  });

  it('joins a flood into one write per interval, in order, and acknowledges each piece once parsed', () => {
    const s = scripted();
    s.push('a'.repeat(200), 'p1'); // written at once: nothing came before it
    s.advance(10);
    s.push('b'.repeat(200), 'p2'); // 400 bytes within the interval: a flood, held
    s.advance(10);
    s.push('c'.repeat(200), 'p3');
    expect(s.writes).toHaveLength(1);
    s.advance(79);
    expect(s.writes).toHaveLength(1);
    s.advance(1); // 100 ms after the first write
    expect(s.writes.map((w) => [w.at, w.data])).toEqual([
      [1000, 'a'.repeat(200)],
      [1100, 'b'.repeat(200) + 'c'.repeat(200)],
    ]);
    expect(s.acked).toEqual([]);
    s.writes[0]?.parsed();
    s.writes[1]?.parsed();
    expect(s.acked).toEqual(['p1', 'p2', 'p3']);
  });

  it('writes at once when the held output reaches maxBytes, so the host’s window never waits on the page', () => {
    const s = scripted();
    s.push('x'.repeat(400), 'p1');
    for (let i = 2; i <= 4; i++) s.push('x'.repeat(400), `p${i}`);
    // p2 is held (a flood), p3 makes 800, p4 makes 1200 ≥ 1000: all three go as one write now.
    expect(s.writes.map((w) => text(w.data).length)).toEqual([400, 1200]);
    expect(s.pending()).toBe(0);
  });

  it('joins bytes into one byte array, and a flush (the process exited) writes what is held at once', () => {
    const s = scripted();
    const utf8 = (t: string) => new TextEncoder().encode(t);
    s.push(utf8('é'.repeat(100)), 'p1');
    s.push(utf8('ü'.repeat(100)), 'p2');
    s.push(utf8('🦫'), 'p3');
    expect(s.writes).toHaveLength(1);
    s.pacer.flush();
    expect(s.writes).toHaveLength(2);
    expect(s.writes[1]?.data).toBeInstanceOf(Uint8Array);
    expect(text(s.writes[1]!.data)).toBe('ü'.repeat(100) + '🦫');
    expect(s.pending()).toBe(0);
  });

  it('after a quiet interval a small piece is written at once again; disposing drops what is held', () => {
    const s = scripted();
    s.push('x'.repeat(400), 'p1');
    s.advance(150);
    s.push('y', 'p2');
    expect(s.writes.map((w) => w.data)).toEqual(['x'.repeat(400), 'y']);
    s.push('z'.repeat(400), 'p3'); // right after: a flood again, held
    expect(s.writes).toHaveLength(2);
    s.pacer.dispose();
    s.advance(1000);
    expect(s.writes).toHaveLength(2);
    s.push('late', 'p4');
    expect(s.writes).toHaveLength(2);
  });
});
