// The Electron main process: lifecycle, one secure window, the tray, desktop notifications, and the app (app.ts)
// over IPC. Everything with logic lives in app.ts, router.ts, tray-*.ts, desktop/, terminals/ and core/ — tested
// under Node; this file only hands Electron's objects to them.
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  session,
  shell,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toErrorData } from '../core/errors.js';
import { containerLink } from '../core/model/notifications.js';
import type { Settings, TraySupport, WindowBounds } from '../core/model/settings.js';
import type { SettingsStore } from '../core/settings/store.js';
import { createBurrowApp, logServiceEvent, type BurrowApp } from './app.js';
import {
  chromiumSwitches,
  claimSingleInstance,
  probeStatusNotifierWatcher,
  traySupport,
} from './desktop/linux.js';
import { DesktopNotifier } from './desktop/notifier.js';
import { installIpcBridge } from './ipc-bridge.js';
import { TrayController } from './tray-controller.js';
import type { TrayItem, TrayModel } from './tray-model.js';

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();
const assets = join(__dirname, '..', '..', 'assets');

// Native Wayland where the session has it; set before the app is ready, as Chromium reads switches at start.
for (const [name, value] of chromiumSwitches(process.argv, process.env))
  app.commandLine.appendSwitch(name, value);

let win: BrowserWindow | undefined;
let tray: Tray | undefined;
let quitting = false;
let settings: SettingsStore | undefined;
let traySupported: TraySupport = { available: true };

const current = (): Settings | undefined => settings?.get();

/** Closing hides to the tray only where there is a tray to come back from (GNOME without AppIndicator has none). */
const closesToTray = () => Boolean(tray && traySupported.available && (current()?.closeToTray ?? true));

/** Bounds and closeToTray from the settings file Burrow wrote before it had a settings store, once. */
async function importWindowSettings(store: SettingsStore): Promise<void> {
  if (store.existed) return;
  try {
    const old = JSON.parse(await readFile(join(app.getPath('userData'), 'settings.json'), 'utf8')) as {
      bounds?: WindowBounds;
      closeToTray?: boolean;
    };
    store.update({
      ...(typeof old.closeToTray === 'boolean' ? { closeToTray: old.closeToTray } : {}),
      ...(old.bounds ? { window: { bounds: old.bounds } } : {}),
    });
  } catch {
    // nothing to import, or not readable: the defaults stand
  }
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function createWindow(): BrowserWindow {
  const bounds = current()?.window?.bounds;
  const w = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 900,
    minHeight: 560,
    title: 'Burrow',
    icon: join(assets, 'icon.png'),
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  w.webContents.setWindowOpenHandler(({ url }) => {
    // Published-port links open in the user's browser, never inside Burrow.
    if (/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (e, url) => {
    if (url !== rendererUrl) e.preventDefault();
  });
  w.once('ready-to-show', () => {
    if (current()?.window?.maximized) w.maximize();
    w.show();
  });
  // In memory at once; the store writes the file after a quiet moment (a drag is one write, not hundreds).
  const remember = () => {
    if (!w.isMinimized() && !w.isMaximized()) settings?.update({ window: { bounds: w.getBounds() } });
  };
  w.on('resize', remember);
  w.on('move', remember);
  w.on('maximize', () => settings?.update({ window: { maximized: true } }));
  w.on('unmaximize', () => settings?.update({ window: { maximized: false } }));
  w.on('close', (e) => {
    if (!quitting && closesToTray()) {
      e.preventDefault();
      w.hide();
    }
  });
  void w.loadFile(rendererIndex);
  return w;
}

function toMenu(
  items: TrayItem[],
  run: (i: Extract<TrayItem, { type: 'action' }>) => void,
): MenuItemConstructorOptions[] {
  return items.map((i): MenuItemConstructorOptions => {
    switch (i.type) {
      case 'separator':
        return { type: 'separator' };
      case 'header':
        return { label: i.label, enabled: false };
      case 'submenu':
        return { label: i.label, submenu: toMenu(i.items, run) };
      case 'action':
        return { label: i.label, enabled: i.enabled, click: () => run(i) };
    }
  });
}

/** The one window, brought back however it was left: closed to the tray, minimized, behind others. */
function showWindow(): void {
  if (!win || win.isDestroyed()) win = createWindow();
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function main(): Promise<void> {
  if (!claimSingleInstance(app, showWindow)) return;
  await app.whenReady();
  traySupported = traySupport(process.platform, process.env, await probeStatusNotifierWatcher());
  if (!traySupported.available) console.error(`burrow: ${traySupported.reason ?? 'no tray on this desktop'}`);

  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
  });

  let burrow: BurrowApp;
  try {
    burrow = await createBurrowApp({
      mode: 'electron',
      version: app.getVersion(),
      connect: { onServiceEvent: logServiceEvent },
      tray: traySupported,
    });
  } catch (e) {
    const d = toErrorData(e);
    console.error(`burrow: ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
    app.exit(1);
    return;
  }
  installIpcBridge({
    ipcMain,
    router: burrow.router,
    isTrustedUrl: (u) => u === rendererUrl || u.startsWith(`${rendererUrl}#`),
  });
  settings = burrow.settings;
  await importWindowSettings(burrow.settings);
  nativeTheme.themeSource = burrow.settings.get().theme;
  burrow.settings.onChange((next) => (nativeTheme.themeSource = next.theme));

  // Notifications on the desktop; a click shows the window at what it is about.
  const open = (link: string) => {
    showWindow();
    burrow.notifications.open(link);
  };
  const notifier = new DesktopNotifier({
    create: (o) =>
      new Notification({
        title: o.title,
        body: o.body,
        urgency: o.urgency,
        ...(o.icon ? { icon: o.icon } : {}),
      }),
    supported: () => Notification.isSupported(),
    enabled: () => {
      const n = burrow.settings.get().notifications;
      return n.enabled && n.desktop;
    },
    onClick: open,
    icon: join(assets, 'icon.png'),
  });

  let controller: TrayController | undefined;
  if (traySupported.available) {
    const icons = {
      normal: nativeImage.createFromPath(join(assets, 'tray', 'tray-24.png')),
      down: nativeImage.createFromPath(join(assets, 'tray', 'tray-down-24.png')),
      attention: nativeImage.createFromPath(join(assets, 'tray', 'tray-attention-24.png')),
    };
    tray = new Tray(icons.normal);
    const c = new TrayController(burrow.engine, {
      onModel: (m: TrayModel) => {
        tray?.setImage(icons[m.icon]);
        tray?.setToolTip(m.tooltip);
        tray?.setContextMenu(Menu.buildFromTemplate(toMenu(m.items, (i) => void c.run(i.action))));
      },
      onShow: showWindow,
      onOpen: (id) => open(containerLink(id)),
      onOwnAction: (id, phase) => burrow.notifications.ownAction(id, 'stop', phase),
      onQuit: () => app.quit(),
    });
    controller = c;
    await c.start();
    c.setProblems(burrow.notifications.problems());
  }
  burrow.notifications.listen((f) => {
    if (f.kind === 'notification') notifier.show(f.notification);
    else if (f.kind === 'problems') controller?.setProblems(f.problems);
  });

  win = createWindow();
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // Without a tray to come back from (or with close-to-tray off) closing the window quits.
    if (!closesToTray()) app.quit();
  });
  app.on('before-quit', (e) => {
    if (quitting) return;
    quitting = true;
    e.preventDefault();
    // Stop Burrow's own service; the containers keep running (conmon owns them). Pending settings are written.
    controller?.dispose();
    notifier.dispose();
    void burrow.dispose().finally(() => app.exit(0));
  });
}

void main();
