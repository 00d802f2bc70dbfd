// The headless host's token kept in a file, so a bookmarked tab or an SSH-tunnelled browser survives restarts.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Read the token from `file`, or make one and write it there readable by the user only. */
export async function persistentToken(file: string): Promise<string> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (!/^[A-Za-z0-9_-]{32,}$/.test(text)) throw new Error('holds no valid token (32+ URL-safe characters)');
    const mode = (await stat(file)).mode & 0o077;
    if (mode !== 0) throw new Error('is readable by other users: chmod 600 it');
    return text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const token = randomBytes(24).toString('base64url');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return token;
}
