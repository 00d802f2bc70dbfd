// The README's first command, as a newcomer runs it: `npm start` as an unprivileged user with a clean, empty
// HOME and a runtime directory of its own (no display here, so the headless host).
// - No Podman on PATH: it says exactly what is missing and how to install it, and exits non-zero.
// - Rootless Podman on PATH: it starts its own Podman service and the headless host, prints the URL, the page
//   answers with the token (and refuses without it), and SIGTERM to its PID stops it all.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ping } from '../../core/connection/ping.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function which(bin: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} not found`);
  return r.stdout.trim();
}

interface Newcomer {
  home: string;
  runtime: string;
  bin: string;
  env: NodeJS.ProcessEnv;
}

let made: string[] = [];

/** A clean HOME and runtime dir; PATH is a directory holding only node, npm and a shell, plus `extra`. */
async function newcomer(extra: string[] = []): Promise<Newcomer> {
  const root = await mkdtemp(join(tmpdir(), 'bt-newcomer-'));
  made.push(root);
  const home = join(root, 'home');
  const runtime = join(root, 'run');
  const bin = join(root, 'bin');
  await mkdir(home);
  await mkdir(runtime, { mode: 0o700 });
  await mkdir(bin);
  for (const b of ['node', 'npm', 'sh', 'env', ...extra]) await symlink(which(b), join(bin, b));
  const env: NodeJS.ProcessEnv = {
    PATH: bin,
    HOME: home,
    USER: process.env.USER ?? '',
    LOGNAME: process.env.USER ?? '',
    XDG_RUNTIME_DIR: runtime,
    LANG: 'C.UTF-8',
  };
  return { home, runtime, bin, env };
}

afterEach(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
  made = [];
});

describe('npm start for a newcomer', () => {
  it('without Podman: names what is missing and how to install it, and exits non-zero', async () => {
    const n = await newcomer();
    const r = spawnSync('npm', ['start'], { cwd: repo, env: n.env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).not.toBe(0);
    expect(out).toContain('Podman is not installed: there is no `podman` on your PATH');
    expect(out).toContain('sudo apt-get install podman uidmap slirp4netns netavark aardvark-dns');
  });

  it('with rootless Podman: serves the UI on loopback behind its token, and stops on SIGTERM', async () => {
    // Podman's own helpers (conmon, newuidmap, …) are found through PATH or absolute paths in its config.
    const n = await newcomer(['podman', 'newuidmap', 'newgidmap']);
    const child = spawn(process.execPath, [join(repo, 'scripts', 'start.mjs')], {
      cwd: repo,
      env: n.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 90 s:\n${out}`)), 90_000);
        const look = () => {
          const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        };
        child.stdout.on('data', look);
        child.once('exit', () => reject(new Error(`npm start exited:\n${out}`)));
      });
      expect(out).toContain('starting the headless host');
      expect(out).toMatch(/engine: local \(private_service unix:\/\//);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"></div>');
      const withoutToken = await fetch(new URL('/', url));
      expect(withoutToken.status).toBe(401);
      // A client of Burrow's Podman service stays connected while Burrow stops (as a terminal's
      // `podman --remote` would). With no pause process yet the service re-executed itself into the new user
      // namespace; it must still end (reexecutedChildren in core/connection/private-service.ts).
      const socket = join(n.runtime, 'burrow', 'podman.sock');
      const agent = new Agent({ keepAlive: true });
      const status = await new Promise<number | undefined>((resolve) =>
        get({ socketPath: socket, path: '/_ping', agent }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', () => resolve(undefined)),
      );
      expect(status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await ping(socket, 1000)).toBe(false);
      agent.destroy();
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await endRootlessNamespace(n);
    }
  });
});

/**
 * The fresh runtime dir gave this Podman a user namespace of its own, kept by a pause process: its storage
 * belongs to subordinate ids (removed from inside), and the pause process is ended by the PID it recorded.
 */
async function endRootlessNamespace(n: Newcomer): Promise<void> {
  const pause = Number(await readFile(join(n.runtime, 'libpod', 'tmp', 'pause.pid'), 'utf8').catch(() => ''));
  spawnSync('podman', ['unshare', 'rm', '-rf', join(n.home, '.local')], { env: n.env, stdio: 'ignore' });
  if (pause > 0) {
    try {
      process.kill(pause, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
