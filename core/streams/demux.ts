// Podman multiplexes stdout and stderr of non-TTY containers (logs, attach, exec) into frames with an 8-byte
// header: [stream type (0 stdin, 1 stdout, 2 stderr), 0, 0, 0, payload length as uint32 big-endian]. TTY
// streams are raw bytes. The demuxer is incremental: chunks may split anywhere, including inside a header.

export interface Frame {
  stream: 'stdin' | 'stdout' | 'stderr';
  data: Buffer;
}

const STREAMS = ['stdin', 'stdout', 'stderr'] as const;

export class Demuxer {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    let off = 0;
    while (this.buf.length - off >= 8) {
      const type = this.buf[off] ?? 0;
      const size = this.buf.readUInt32BE(off + 4);
      if (type > 2 || this.buf[off + 1] !== 0 || this.buf[off + 2] !== 0 || this.buf[off + 3] !== 0) {
        throw new Error(`not a multiplexed stream (header byte ${type} at offset ${off})`);
      }
      if (this.buf.length - off - 8 < size) break;
      frames.push({
        stream: STREAMS[type] ?? 'stdout',
        data: Buffer.from(this.buf.subarray(off + 8, off + 8 + size)),
      });
      off += 8 + size;
    }
    this.buf = Buffer.from(this.buf.subarray(off));
    return frames;
  }

  /** Bytes of an incomplete frame left at the end of the stream. */
  get remainder(): number {
    return this.buf.length;
  }
}

/** Does this look like a multiplexed stream? (first byte 0–2 then three zero bytes) */
export function looksMultiplexed(first: Buffer): boolean {
  return first.length >= 4 && (first[0] ?? 9) <= 2 && first[1] === 0 && first[2] === 0 && first[3] === 0;
}

/**
 * Frames from a byte stream. With `tty` the stream is raw and everything is stdout; with `tty: 'auto'` the
 * first bytes decide (Podman's logs endpoint does not say which it sends).
 */
export async function* demux(
  source: AsyncIterable<Buffer>,
  opts: { tty: boolean | 'auto' },
): AsyncGenerator<Frame> {
  let mode: 'raw' | 'mux' | undefined = opts.tty === 'auto' ? undefined : opts.tty ? 'raw' : 'mux';
  const d = new Demuxer();
  let head = Buffer.alloc(0);
  for await (const chunk of source) {
    if (mode === undefined) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) continue;
      mode = looksMultiplexed(head) ? 'mux' : 'raw';
      if (mode === 'raw') yield { stream: 'stdout', data: head };
      else for (const f of d.push(head)) yield f;
      continue;
    }
    if (mode === 'raw') yield { stream: 'stdout', data: chunk };
    else for (const f of d.push(chunk)) yield f;
  }
  if (mode === undefined && head.length > 0) yield { stream: 'stdout', data: head };
}

/** Re-chunk text so multi-byte UTF-8 sequences are never split across emitted strings. */
export class Utf8Chunker {
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    this.carry = Buffer.from(buf.subarray(cut));
    return buf.subarray(0, cut).toString('utf8');
  }

  flush(): string {
    const s = this.carry.toString('utf8');
    this.carry = Buffer.alloc(0);
    return s;
  }
}

/** Length of the longest prefix that does not end inside a UTF-8 sequence. */
export function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  // Look back at most 3 bytes for the start of the last sequence.
  for (let i = 1; i <= Math.min(3, n); i++) {
    const b = buf[n - i] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return need > i ? n - i : n;
  }
  return n;
}
