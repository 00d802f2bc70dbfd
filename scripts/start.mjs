#!/usr/bin/env node
// `npm start`: build if needed, then open the Electron window where Electron's binary and a display exist;
// otherwise say why and start the headless host (the same app in a browser, on loopback, token-protected).
// `npm start -- --headless [--port N] [--host H --allow-remote]` asks for the headless host directly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

// Before building: a root build would leave root-owned files in the checkout, and nothing as root can work.
if (process.getuid?.() === 0) {
  console.error(
    [
      'burrow: refusing to run as root. Burrow manages rootless Podman, which runs as your own user:',
      '  run `npm start` as your normal user, not with sudo. That user needs Podman set up for rootless use:',
      '    Debian/Ubuntu: sudo apt-get install podman uidmap slirp4netns netavark aardvark-dns',
      '    Fedora:        sudo dnf install podman',
      '  and subordinate ids in /etc/subuid and /etc/subgid (useradd adds them; else',
      '    sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 YOUR_USER).',
    ].join('\n'),
  );
  process.exit(1);
}

const built = ['dist/electron/main.cjs', 'dist/headless/cli.mjs', 'dist/renderer/index.html'].every((f) =>
  existsSync(join(root, f)),
);
if (!built || process.env.BURROW_REBUILD === '1') {
  console.log('burrow: building…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { ok: false, why: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  const resolve = () =>
    existsSync(pathFile) ? join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
  let bin = resolve();
  if (!bin || !existsSync(bin)) {
    if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
      return {
        ok: false,
        why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron’s binary was not downloaded',
      };
    console.log('burrow: fetching the Electron binary (first start)…');
    const r = spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'inherit', timeout: 180_000 });
    bin = resolve();
    if (r.status !== 0 || !bin || !existsSync(bin))
      return { ok: false, why: 'Electron’s binary could not be downloaded (offline or blocked network)' };
  }
  return { ok: true, bin };
}

function headless(reason) {
  if (reason) console.log(`burrow: ${reason}; starting the headless host instead.`);
  const child = spawn(
    process.execPath,
    [join(root, 'dist/headless/cli.mjs'), ...args.filter((a) => a !== '--headless')],
    { stdio: 'inherit' },
  );
  const forward = (sig) => process.on(sig, () => child.kill(sig));
  forward('SIGINT');
  forward('SIGTERM');
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (args.includes('--headless') || args.includes('--doctor')) headless();
else if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
  headless('no display ($DISPLAY / $WAYLAND_DISPLAY) for a window');
else {
  const e = electronBinary();
  if (!e.ok) headless(e.why);
  else {
    const child = spawn(e.bin, [join(root, 'dist/electron/main.cjs'), ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
