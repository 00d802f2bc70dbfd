// NDJSON (events, pull progress, build output, stats): a pure incremental line splitter that works on bytes,
// so a chunk boundary inside a multi-byte UTF-8 sequence or between \r and \n never corrupts a line.

export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);

  /** Feed a chunk; returns the complete lines it finished (without line terminators). */
  push(chunk: Buffer): string[] {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      lines.push(buf.subarray(start, end).toString('utf8'));
      start = nl + 1;
    }
    this.pending = Buffer.from(buf.subarray(start));
    return lines;
  }

  /** The unterminated last line, if any. */
  flush(): string | undefined {
    if (this.pending.length === 0) return undefined;
    let end = this.pending.length;
    if (this.pending[end - 1] === 0x0d) end -= 1;
    const s = this.pending.subarray(0, end).toString('utf8');
    this.pending = Buffer.alloc(0);
    return s;
  }
}

/** JSON values from an NDJSON byte stream; blank lines are skipped, a malformed line is an error. */
export async function* ndjson<T = unknown>(source: AsyncIterable<Buffer | string>): AsyncGenerator<T> {
  const splitter = new LineSplitter();
  const parse = (line: string): T => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new Error(`malformed JSON line from the engine: ${line.slice(0, 200)}`);
    }
  };
  for await (const chunk of source) {
    for (const line of splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) {
      if (line.trim()) yield parse(line);
    }
  }
  const last = splitter.flush();
  if (last !== undefined && last.trim()) yield parse(last);
}
