// Reading the tar streams libpod's archive endpoint sends (Go's archive/tar: ustar headers, PAX records for long
// names and large sizes, GNU long names from older writers), incrementally: a container's file listing reads
// the headers and skips the bodies, a file view keeps one body. Pure byte handling, no Node file system.

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** As stored in the archive ("etc/passwd", "/bin" for an archive of "/"). */
  name: string;
  type: TarEntryType;
  size: number;
  /** Permission bits (07777). */
  mode: number;
  uid: number;
  gid: number;
  /** Owner and group names as the writer resolved them (empty when it could not). */
  uname: string;
  gname: string;
  /** ISO time. */
  mtime: string;
  /** Target of a symlink or hard link. */
  linkName?: string;
  /** The body (or its first `maxBody` bytes), when the caller asked for it. */
  data?: Buffer;
  /** The body was longer than `maxBody` and `data` holds only its start. */
  truncated?: boolean;
}

export interface TarReadOptions {
  /** Keep the body of entries this returns true for. */
  wantBody?(e: TarEntry): boolean;
  /** Keep at most this many bytes of a body (the rest is skipped and the entry marked truncated). */
  maxBody?: number;
}

const BLOCK = 512;

/** Pulls exact byte counts out of a chunked stream. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly it: AsyncIterator<Buffer>;
  private done = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    return this.buf.length >= n;
  }

  /** Exactly n bytes, or undefined at a clean end of stream (nothing left). */
  async read(n: number): Promise<Buffer | undefined> {
    if (!(await this.fill(n))) {
      if (this.buf.length === 0) return undefined;
      throw new Error(`tar stream ended inside a record (${this.buf.length} of ${n} bytes)`);
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Discard n bytes without keeping them. */
  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.fill(1))) throw new Error('tar stream ended inside an entry');
      const take = Math.min(left, this.buf.length);
      this.buf = this.buf.subarray(take);
      left -= take;
    }
  }

  async return(): Promise<void> {
    await this.it.return?.();
  }
}

function cString(b: Buffer, start: number, len: number): string {
  const field = b.subarray(start, start + len);
  const nul = field.indexOf(0);
  return field.subarray(0, nul < 0 ? len : nul).toString('utf8');
}

/** Octal text, or GNU base-256 (high bit of the first byte set) for values that do not fit. */
export function tarNumber(b: Buffer, start: number, len: number): number {
  const field = b.subarray(start, start + len);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let v = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + (field[i] ?? 0);
    return v;
  }
  const text = cString(b, start, len).trim();
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] ?? 0);
  return sum === tarNumber(h, 148, 8);
}

/** PAX extended header records: "<len> key=value\n" repeated. */
export function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let off = 0;
  while (off < data.length) {
    const sp = data.indexOf(0x20, off);
    if (sp < 0) break;
    const len = parseInt(data.subarray(off, sp).toString('ascii'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, off + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    off += len;
  }
  return out;
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'directory',
};

const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;

/** The entries of a tar stream, in order. Stops at the end-of-archive marker or the end of the stream. */
export async function* tarEntries(
  source: AsyncIterable<Buffer>,
  opts: TarReadOptions = {},
): AsyncGenerator<TarEntry> {
  const r = new ByteReader(source);
  let pax: Record<string, string> = {};
  let global: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  try {
    for (;;) {
      const h = await r.read(BLOCK);
      if (!h) return;
      if (h.every((x) => x === 0)) return; // end-of-archive (the second zero block need not arrive)
      if (!checksumOk(h)) throw new Error('not a tar stream (header checksum mismatch)');
      const flag = String.fromCharCode(h[156] ?? 0);
      const size = tarNumber(h, 124, 12);
      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        const body = (await r.read(padded(size)))?.subarray(0, size) ?? Buffer.alloc(0);
        if (flag === 'x') pax = parsePax(body);
        else if (flag === 'g') global = { ...global, ...parsePax(body) };
        else if (flag === 'L') longName = cString(body, 0, body.length);
        else longLink = cString(body, 0, body.length);
        continue;
      }
      const ext = { ...global, ...pax };
      const prefix = cString(h, 345, 155);
      const baseName = cString(h, 0, 100);
      const name = ext.path ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
      const link = ext.linkpath ?? longLink ?? cString(h, 157, 100);
      const realSize = ext.size !== undefined ? Number(ext.size) : size;
      const mtime = ext.mtime !== undefined ? Number(ext.mtime) : tarNumber(h, 136, 12);
      const entry: TarEntry = {
        name,
        type: TYPES[flag] ?? 'other',
        size: realSize,
        mode: tarNumber(h, 100, 8) & 0o7777,
        uid: ext.uid !== undefined ? Number(ext.uid) : tarNumber(h, 108, 8),
        gid: ext.gid !== undefined ? Number(ext.gid) : tarNumber(h, 116, 8),
        uname: ext.uname ?? cString(h, 265, 32),
        gname: ext.gname ?? cString(h, 297, 32),
        mtime: new Date(mtime * 1000).toISOString(),
        ...(link && (flag === '1' || flag === '2') ? { linkName: link } : {}),
      };
      pax = {};
      longName = undefined;
      longLink = undefined;
      const bodyBytes = entry.type === 'directory' || entry.type === 'symlink' ? 0 : realSize;
      if (bodyBytes > 0 && opts.wantBody?.(entry)) {
        const keep = Math.min(bodyBytes, opts.maxBody ?? bodyBytes);
        entry.data = Buffer.from((await r.read(keep)) ?? Buffer.alloc(0));
        await r.skip(padded(bodyBytes) - keep);
        if (keep < bodyBytes) entry.truncated = true;
      } else if (bodyBytes > 0) await r.skip(padded(bodyBytes));
      yield entry;
    }
  } finally {
    await r.return();
  }
}
