// The doctor reads the host through this narrow interface, so its logic is tested with a fake host and its
// integration test reads the real one.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export interface FileStat {
  mode: number;
  uid: number;
  gid: number;
}

export interface HostProbe {
  readFile(path: string): Promise<string | undefined>;
  stat(path: string): Promise<FileStat | undefined>;
  /** Absolute path of an executable on PATH (or in /usr/sbin, /sbin), if any. */
  which(bin: string): Promise<string | undefined>;
  /** Output of a read-only command (getcap), or undefined when it cannot run. */
  run(bin: string, args: string[]): Promise<string | undefined>;
  user(): { name: string; uid: number; gid: number };
}

const EXTRA_PATH = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

export const localHostProbe: HostProbe = {
  async readFile(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  async stat(path) {
    try {
      const s = await stat(path);
      return { mode: s.mode, uid: s.uid, gid: s.gid };
    } catch {
      return undefined;
    }
  },
  async which(bin) {
    const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...EXTRA_PATH];
    for (const dir of dirs) {
      const p = `${dir}/${bin}`;
      try {
        const s = await stat(p);
        if (s.isFile() && (s.mode & 0o111) !== 0) return p;
      } catch {
        // not here
      }
    }
    return undefined;
  },
  async run(bin, args) {
    try {
      const { stdout } = await execFileP(bin, args, { timeout: 5000 });
      return stdout;
    } catch {
      return undefined;
    }
  },
  user() {
    const u = userInfo();
    return { name: u.username, uid: u.uid, gid: u.gid };
  },
};
