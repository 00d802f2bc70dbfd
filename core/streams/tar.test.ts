import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePax, tarEntries, tarNumber, type TarEntry } from './tar.js';

const dir = mkdtempSync(join(tmpdir(), 'burrow-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const long = `${'d'.repeat(60)}/${'f'.repeat(120)}.txt`;
mkdirSync(join(dir, 'root', 'sub'), { recursive: true });
mkdirSync(join(dir, 'root', 'd'.repeat(60)));
writeFileSync(join(dir, 'root', 'hello.txt'), 'hello ✓\n');
writeFileSync(join(dir, 'root', 'sub', 'big.bin'), Buffer.alloc(70_000, 7));
writeFileSync(join(dir, 'root', long), 'long');
symlinkSync('hello.txt', join(dir, 'root', 'link'));

/** An archive made by tar(1) in the given format, as Podman's peers would write it. */
function archive(format: 'gnu' | 'pax' | 'ustar'): Buffer {
  const args = ['-C', dir, `--format=${format}`, '--sort=name', '-cf', '-', 'root'];
  return execFileSync('tar', args, { maxBuffer: 16 << 20 });
}

async function* chunks(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let off = 0; off < buf.length; off += size) yield buf.subarray(off, off + size);
}

async function collect(it: AsyncIterable<TarEntry>): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('tar reader', () => {
  it.each([
    ['gnu', 1],
    ['gnu', 7],
    ['pax', 513],
    ['pax', 65536],
  ] as const)('reads names, types, sizes and bodies of a %s archive in %i-byte chunks', async (format, n) => {
    const entries = await collect(
      tarEntries(chunks(archive(format), n), { wantBody: (e) => e.name.endsWith('.txt') }),
    );
    const by = Object.fromEntries(entries.map((e) => [e.name.replace(/\/$/, ''), e]));
    expect(Object.keys(by).sort()).toEqual(
      [
        'root',
        'root/hello.txt',
        'root/link',
        'root/sub',
        'root/sub/big.bin',
        `root/${'d'.repeat(60)}`,
        `root/${long}`,
      ].sort(),
    );
    expect(by['root']?.type).toBe('directory');
    expect(by['root/hello.txt']).toMatchObject({ type: 'file', size: Buffer.byteLength('hello ✓\n') });
    expect(by['root/hello.txt']?.data?.toString()).toBe('hello ✓\n');
    expect(by['root/link']).toMatchObject({ type: 'symlink', linkName: 'hello.txt' });
    expect(by['root/sub/big.bin']).toMatchObject({ type: 'file', size: 70_000 });
    expect(by['root/sub/big.bin']?.data).toBeUndefined();
    expect(by[`root/${long}`]?.data?.toString()).toBe('long');
    expect(by['root/hello.txt']?.uid).toBe(process.getuid?.());
  });

  it('keeps only the first maxBody bytes and says so', async () => {
    const [e] = (
      await collect(
        tarEntries(chunks(archive('gnu'), 4096), {
          wantBody: (x) => x.name.endsWith('big.bin'),
          maxBody: 10,
        }),
      )
    ).filter((x) => x.data);
    expect(e?.data?.length).toBe(10);
    expect(e?.truncated).toBe(true);
  });

  it('refuses what is not a tar stream, and a stream cut inside an entry', async () => {
    await expect(collect(tarEntries(chunks(Buffer.alloc(1024, 65), 100)))).rejects.toThrow(/not a tar/);
    const cut = archive('gnu').subarray(0, 512 * 5 + 100);
    await expect(collect(tarEntries(chunks(cut, 512)))).rejects.toThrow(/ended inside/);
  });

  it('decodes GNU base-256 numbers and PAX records', () => {
    const b = Buffer.alloc(12);
    b[0] = 0x80;
    b.writeUIntBE(10 * 2 ** 32, 6, 6); // 40 GiB: does not fit 11 octal digits
    expect(tarNumber(b, 0, 12)).toBe(10 * 2 ** 32);
    expect(tarNumber(Buffer.from('0000644\0'), 0, 8)).toBe(0o644);
    // "<len> key=value\n", where len counts the bytes of the whole record including its own digits.
    const rec = (k: string, v: string) => {
      const body = Buffer.byteLength(` ${k}=${v}\n`);
      let len = body + 1;
      while (String(len).length + body !== len) len = String(len).length + body;
      return `${len} ${k}=${v}\n`;
    };
    expect(parsePax(Buffer.from(rec('path', 'a/é b') + rec('size', '12')))).toEqual({
      path: 'a/é b',
      size: '12',
    });
  });
});
