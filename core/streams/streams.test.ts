import { describe, expect, it } from 'vitest';
import { completeUtf8Length, demux, Demuxer, looksMultiplexed, Utf8Chunker } from './demux.js';
import { LineSplitter, ndjson } from './ndjson.js';

function frame(type: number, payload: string | Buffer): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(data.length, 4);
  return Buffer.concat([h, data]);
}

async function* chunks(buf: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let off = 0;
  let i = 0;
  while (off < buf.length) {
    const n = sizes[i++ % sizes.length] ?? 1;
    yield buf.subarray(off, off + n);
    off += n;
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('demux', () => {
  const stream = Buffer.concat([frame(1, 'out-1\n'), frame(2, 'err ✓\n'), frame(1, ''), frame(1, 'out-2\n')]);

  it.each([[[1]], [[3]], [[7, 1]], [[8]], [[9, 2, 5]], [[stream.length]]])(
    'splits frames for chunk sizes %j',
    async (sizes) => {
      const frames = await collect(demux(chunks(stream, sizes), { tty: false }));
      const text = (s: string) =>
        frames
          .filter((f) => f.stream === s)
          .map((f) => f.data.toString())
          .join('');
      expect(text('stdout')).toBe('out-1\nout-2\n');
      expect(text('stderr')).toBe('err ✓\n');
    },
  );

  it('keeps an incomplete trailing frame as remainder', () => {
    const d = new Demuxer();
    expect(d.push(frame(1, 'abcdef').subarray(0, 10))).toEqual([]);
    expect(d.remainder).toBe(10);
  });

  it('rejects bytes that are not a frame header', () => {
    expect(() => new Demuxer().push(Buffer.from('hello world, not framed'))).toThrow(
      /not a multiplexed stream/,
    );
  });

  it('passes TTY streams through raw, and detects which one it got', async () => {
    const raw = Buffer.from('\x1b[1mhello\x1b[0m');
    expect(
      (await collect(demux(chunks(raw, [2]), { tty: true }))).map((f) => f.data.toString()).join(''),
    ).toBe(raw.toString());
    expect(
      (await collect(demux(chunks(raw, [2]), { tty: 'auto' }))).map((f) => f.data.toString()).join(''),
    ).toBe(raw.toString());
    const auto = await collect(demux(chunks(stream, [2]), { tty: 'auto' }));
    expect(auto.filter((f) => f.stream === 'stderr')).toHaveLength(1);
    expect(looksMultiplexed(stream)).toBe(true);
    expect(looksMultiplexed(raw)).toBe(false);
  });
});

describe('utf-8 chunking', () => {
  it('never splits a multi-byte character', () => {
    const text = 'aé€😀z';
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const c = new Utf8Chunker();
      const a = c.push(bytes.subarray(0, cut));
      const b = c.push(bytes.subarray(cut));
      expect(a + b + c.flush()).toBe(text);
      expect(a).not.toContain('\uFFFD');
    }
  });

  it('finds the complete prefix', () => {
    const euro = Buffer.from('€'); // e2 82 ac
    expect(completeUtf8Length(euro.subarray(0, 2))).toBe(0);
    expect(completeUtf8Length(Buffer.concat([Buffer.from('ab'), euro.subarray(0, 1)]))).toBe(2);
    expect(completeUtf8Length(euro)).toBe(3);
  });
});

describe('ndjson', () => {
  it('splits lines across chunks, CRLF and a partial last line', async () => {
    const src = Buffer.from('{"a":1}\r\n\n{"b":"ü"}\n{"c":3}');
    for (const sizes of [[1], [2, 3], [src.length]]) {
      expect(await collect(ndjson(chunks(src, sizes)))).toEqual([{ a: 1 }, { b: 'ü' }, { c: 3 }]);
    }
  });

  it('keeps a multi-byte character split between chunks intact', () => {
    const s = new LineSplitter();
    const b = Buffer.from('{"x":"€"}\n');
    expect(s.push(b.subarray(0, 7))).toEqual([]);
    expect(s.push(b.subarray(7))).toEqual(['{"x":"€"}']);
  });

  it('fails on a malformed line with its text', async () => {
    await expect(collect(ndjson(chunks(Buffer.from('{"ok":1}\nnot json\n'), [4])))).rejects.toThrow(
      /not json/,
    );
  });
});
