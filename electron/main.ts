// The Electron main process: lifecycle, one secure window, the tray, and the app (app.ts) over IPC.
// Everything with logic lives in app.ts, router.ts, tray-*.ts, terminals/ and core/ — tested under Node.
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  session,
  shell,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toErrorData } from '../core/errors.js';
import { createBurrowApp, logServiceEvent, type BurrowApp } from './app.js';
import { installIpcBridge } from './ipc-bridge.js';
import { TrayController } from './tray-controller.js';
import type { TrayItem, TrayModel } from './tray-model.js';

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();
const assets = join(__dirname, '..', '..', 'assets');

interface Settings {
  bounds?: { x: number; y: number; width: number; height: number };
  closeToTray: boolean;
}

function settingsPath(): string {
  return join(app.getPath('userData'), 'settings.json');
}

function loadSettings(): Settings {
  try {
    return { closeToTray: true, ...(JSON.parse(readFileSync(settingsPath(), 'utf8')) as Partial<Settings>) };
  } catch {
    return { closeToTray: true };
  }
}

function saveSettings(s: Settings): void {
  try {
    writeFileSync(settingsPath(), JSON.stringify(s, null, 2));
  } catch {
    // not fatal: bounds are a convenience
  }
}

let win: BrowserWindow | undefined;
let tray: Tray | undefined;
let quitting = false;

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

function createWindow(settings: Settings): BrowserWindow {
  const w = new BrowserWindow({
    width: settings.bounds?.width ?? 1280,
    height: settings.bounds?.height ?? 820,
    ...(settings.bounds ? { x: settings.bounds.x, y: settings.bounds.y } : {}),
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
  w.once('ready-to-show', () => w.show());
  const remember = () => {
    if (!w.isMinimized() && !w.isMaximized()) saveSettings({ ...loadSettings(), bounds: w.getBounds() });
  };
  w.on('resize', remember);
  w.on('move', remember);
  w.on('close', (e) => {
    if (!quitting && loadSettings().closeToTray && tray) {
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

function showWindow(): void {
  if (!win || win.isDestroyed()) win = createWindow(loadSettings());
  win.show();
  win.focus();
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', showWindow);
  await app.whenReady();

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

  const icons = {
    normal: nativeImage.createFromPath(join(assets, 'tray', 'tray-24.png')),
    down: nativeImage.createFromPath(join(assets, 'tray', 'tray-down-24.png')),
  };
  tray = new Tray(icons.normal);
  const controller = new TrayController(burrow.engine, {
    onModel: (m: TrayModel) => {
      tray?.setImage(icons[m.icon]);
      tray?.setToolTip(m.tooltip);
      tray?.setContextMenu(Menu.buildFromTemplate(toMenu(m.items, (i) => void controller.run(i.action))));
    },
    onShow: showWindow,
    onQuit: () => app.quit(),
  });
  await controller.start();

  win = createWindow(loadSettings());
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  app.on('before-quit', (e) => {
    if (quitting) return;
    quitting = true;
    e.preventDefault();
    // Stop Burrow's own service; the containers keep running (conmon owns them).
    controller.dispose();
    void burrow.dispose().finally(() => app.exit(0));
  });
}

void main();
