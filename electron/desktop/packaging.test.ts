// The Linux packages' launcher entry and icons, checked with electron-builder's own code (the packages cannot be
// built here: that needs Electron's binary): the configuration is valid for the installed electron-builder, the
// .desktop entry it writes has the name, class and keywords Burrow's window needs, and the icons it installs are
// PNGs of the sizes their names promise.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
// app-builder-lib ships with electron-builder (the devDependency); resolved from there, wherever npm put it.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));

interface LinuxOptions {
  executableName: string;
  icon: string;
  syncDesktopName?: boolean;
  category?: string;
  description?: string;
  desktop?: { entry?: Record<string, string> };
}

async function loadConfig(): Promise<{ linux: LinuxOptions } & Record<string, unknown>> {
  const config = fromBuilder('app-builder-lib/out/util/config/config') as {
    getConfig(
      dir: string,
      file: string,
      extra: null,
    ): Promise<{ linux: LinuxOptions } & Record<string, unknown>>;
    validateConfiguration(c: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const c = await config.getConfig(root, 'electron-builder.yml', null);
  await config.validateConfiguration(c, new DebugLogger(false));
  return c;
}

function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

describe('Linux packages', () => {
  it('have a valid electron-builder configuration and a .desktop entry for Burrow’s window', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, string>;
    const { LinuxTargetHelper } = fromBuilder('app-builder-lib/out/targets/LinuxTargetHelper') as {
      LinuxTargetHelper: new (p: unknown) => {
        computeDesktopEntry(o: LinuxOptions): Promise<string>;
        getDesktopFileName(): string;
      };
    };
    // The slice of a LinuxPackager that writing the entry reads.
    const packager = {
      appInfo: {
        productName: pkg.productName,
        sanitizedProductName: pkg.productName,
        description: pkg.description,
      },
      executableName: config.linux.executableName,
      info: { metadata: pkg },
      config,
      platformSpecificBuildOptions: config.linux,
      fileAssociations: [],
    };
    const helper = new LinuxTargetHelper(packager);
    expect(`${helper.getDesktopFileName()}.desktop`).toBe(pkg.desktopName);
    const entry = Object.fromEntries(
      (await helper.computeDesktopEntry(config.linux))
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(entry).toMatchObject({
      Name: 'Burrow',
      GenericName: 'Container Manager',
      Type: 'Application',
      Terminal: 'false',
      Icon: 'burrow',
      // Electron names the window after desktopName (Wayland app id, X11 class): the dock matches them.
      StartupWMClass: 'burrow',
      StartupNotify: 'true',
      Categories: 'Development;',
      Keywords: 'podman;containers;rootless;docker;',
      Exec: '/opt/Burrow/burrow %U',
    });
    expect(entry.Comment).toMatch(/rootless Podman containers/);
  }, 60_000);

  it('install icons from 16 to 512 px, each a PNG of the size its name says', async () => {
    const config = await loadConfig();
    const dir = join(root, config.linux.icon);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    const sizes = files.map((f) => Number(/^(\d+)x\1\.png$/.exec(f)?.[1])).sort((a, b) => a - b);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    for (const f of files) {
      const n = Number(f.split('x')[0]);
      expect(pngSize(await readFile(join(dir, f)))).toEqual([n, n]);
    }
  }, 60_000);

  it('has tray icons for every state the tray model shows, at 1× and 2×', async () => {
    const { buildTrayModel } = await import('../tray-model.js');
    const states = new Set(
      [
        buildTrayModel([], true),
        buildTrayModel(undefined, false),
        buildTrayModel([], true, {}, [
          { containerId: 'x', name: 'x', reason: 'exited', detail: '', since: '' },
        ]),
      ].map((m) => m.icon),
    );
    expect([...states].sort()).toEqual(['attention', 'down', 'normal']);
    for (const state of states) {
      const base = state === 'normal' ? 'tray' : `tray-${state}`;
      for (const s of [16, 24, 32]) {
        expect(pngSize(await readFile(join(root, 'assets', 'tray', `${base}-${s}.png`)))).toEqual([s, s]);
        expect(pngSize(await readFile(join(root, 'assets', 'tray', `${base}-${s}@2x.png`)))).toEqual([
          2 * s,
          2 * s,
        ]);
      }
    }
  });
});
