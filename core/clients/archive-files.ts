// Tar archives on the machine Burrow runs on: image save/load and volume export/import read and write them here
// and stream them through the engine's API, so they work the same for a local and a remote engine. A written
// archive appears under its name only when complete (a partial file beside it is renamed at the end and removed
// on failure or cancel); progress is the bytes moved so far, reported at most once per MiB.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { once } from 'node:events';
import { BurrowError, invalidInput } from '../errors.js';
import type { ArchiveEvent } from '../model/types.js';

export const PROGRESS_STEP = 1024 * 1024;

type Bytes = Extract<ArchiveEvent, { kind: 'bytes' }>;

/** Where a new archive may go: an absolute path in an existing directory, not a directory itself. */
export async function checkArchiveTarget(path: string, field: string, overwrite = false): Promise<string> {
  if (!path || !isAbsolute(path))
    throw invalidInput(field, 'The archive path must be absolute', 'For example /home/you/backups/app.tar');
  const dir = await stat(dirname(path)).catch(() => undefined);
  if (!dir?.isDirectory())
    throw invalidInput(
      field,
      `${dirname(path)} is not a directory`,
      'Create the folder first, or pick another.',
    );
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory())
    throw invalidInput(field, `${path} is a directory`, 'Give a file name, e.g. …/backup.tar');
  if (existing && !overwrite)
    throw new BurrowError({
      code: 'conflict',
      field,
      message: `${path} already exists`,
      hint: 'Pick another file name, or choose to replace it.',
    });
  return path;
}

/** An archive to read: an absolute path to a regular file. Returns its size. */
export async function checkArchiveSource(path: string, field: string): Promise<number> {
  if (!path || !isAbsolute(path))
    throw invalidInput(field, 'The archive path must be absolute', 'For example /home/you/backups/app.tar');
  const st = await stat(path).catch(() => undefined);
  if (!st)
    throw invalidInput(
      field,
      `${path} does not exist`,
      'Check the path (it is on the machine Burrow runs on).',
    );
  if (!st.isFile()) throw invalidInput(field, `${path} is not a file`, 'Pick a .tar file.');
  return st.size;
}

/**
 * Write `source` to `path` through a partial file, yielding byte progress; returns the bytes written. The
 * partial file is removed when the source fails or the caller stops iterating (a cancelled subscription).
 */
export async function* writeArchive(
  source: AsyncIterable<Buffer>,
  path: string,
  total?: number,
): AsyncGenerator<Bytes, number> {
  const partial = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  let bytes = 0;
  let reported = 0;
  let complete = false;
  try {
    await once(out, 'open');
    for await (const chunk of source) {
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      if (bytes - reported >= PROGRESS_STEP) {
        reported = bytes;
        yield { kind: 'bytes', bytes, ...(total ? { total } : {}) };
      }
    }
    out.end();
    await once(out, 'finish');
    await rename(partial, path);
    complete = true;
    yield { kind: 'bytes', bytes, ...(total ? { total } : {}) };
    return bytes;
  } finally {
    if (!complete) {
      out.destroy();
      await rm(partial, { force: true });
    }
  }
}

/**
 * A file's bytes as a stream that counts what has been read (what the engine has taken). `hold`, asked after each
 * chunk, may return a promise: no more is read until it settles.
 */
export function countedReader(
  path: string,
  onBytes: (n: number) => void,
  hold?: () => Promise<void> | undefined,
): Readable {
  let n = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      onBytes(n);
      const wait = hold?.();
      if (wait) void wait.then(() => cb(null, chunk));
      else cb(null, chunk);
    },
  });
  const file = createReadStream(path);
  file.on('error', (e) => counter.destroy(e));
  return file.pipe(counter);
}

/** How far the upload may run ahead of the progress its consumer has taken. */
export const UPLOAD_WINDOW = 2 * PROGRESS_STEP;

/**
 * Send a file as a request body and report progress while `send` runs: yields byte progress (at most once per
 * MiB, and once at the end of the upload) until the engine answers, then returns its answer. The upload moves in
 * step with its consumer (at most UPLOAD_WINDOW ahead of the last progress taken), so a Cancel lands within a
 * couple of MiB of what the user saw, however fast the engine reads. `uploaded`: a status said once the whole
 * file has gone, while the engine has not answered yet (what it does then, e.g. that it can no longer be stopped).
 */
export async function* uploadArchive<T>(
  path: string,
  total: number,
  send: (body: Readable) => Promise<T>,
  opts: { uploaded?: Extract<ArchiveEvent, { kind: 'status' }> } = {},
): AsyncGenerator<Bytes | Extract<ArchiveEvent, { kind: 'status' }>, T> {
  let seen = 0;
  let reported = 0;
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  const body = countedReader(
    path,
    (n) => {
      seen = n;
      if (n - reported >= PROGRESS_STEP || n === total) wake?.();
    },
    () =>
      seen - reported >= UPLOAD_WINDOW && seen < total ? new Promise<void>((r) => (resume = r)) : undefined,
  );
  let settled = false;
  const answer = send(body).finally(() => {
    settled = true;
    wake?.();
  });
  // Keep the answer's rejection observed while we are between awaits.
  answer.catch(() => undefined);
  let said = false;
  try {
    while (!settled) {
      await new Promise<void>((r) => {
        wake = r;
        if (settled || seen - reported >= PROGRESS_STEP || (seen === total && reported < total)) r();
      });
      wake = undefined;
      if (seen > reported) {
        reported = seen;
        yield { kind: 'bytes', bytes: seen, total };
        resume?.();
        resume = undefined;
      }
      if (opts.uploaded && !said && seen === total && !settled) {
        said = true;
        yield opts.uploaded;
      }
    }
    return await answer;
  } finally {
    body.destroy();
  }
}
