// The composition root: Burrow's main-process object graph, built the same way for the Electron window and the
// headless host — settings → connect (a saved connection or local discovery) → switchable engine → live container
// list → notifications and jobs → terminals → router. main.ts and headless/cli.ts add only their shell (window,
// tray, desktop notifications, IPC / HTTP, WebSocket).
import { connectEngine, type ConnectOptions } from '../core/engine.js';
import {
  ConnectionsService,
  strategiesFor,
  switchableEngine,
  type SwitchableEngine,
} from '../core/engine-switch.js';
import { ConnectionStore, LOCAL_CONNECTION } from '../core/connection/connections.js';
import type { ServiceEvent } from '../core/connection/private-service.js';
import { withLiveContainerList, type LiveEngine } from '../core/live-list.js';
import type { TraySupport } from '../core/model/settings.js';
import { JobTracker } from '../core/notify/jobs.js';
import { NotificationService } from '../core/notify/service.js';
import { SettingsStore } from '../core/settings/store.js';
import type { AppInfo } from './contract/index.js';
import { Router } from './router.js';
import { TerminalManager } from './terminals/manager.js';

export interface BurrowAppOptions {
  mode: AppInfo['mode'];
  version: string;
  /** The saved connection to start with (default: the one in the settings, else local discovery). */
  connection?: string;
  /** Where settings live (default: settings.json in the user's config directory). */
  settings?: SettingsStore;
  /** Electron only: whether this desktop has a tray (the Settings view says why close-to-tray is off). */
  tray?: TraySupport;
  /** Told what is wrong (a settings file with bad fields, a start connection that is gone). */
  warn?: (line: string) => void;
  /** How Burrow connects: its private service's socket, service events; used again by every switch. */
  connect?: ConnectOptions;
  /** Where saved connections live (default: the user's config directory). */
  store?: ConnectionStore;
  statusIntervalMs?: number;
  podmanPath?: string;
}

export interface BurrowApp {
  /** What everything above core talks to: the live list over the switchable engine. */
  engine: LiveEngine;
  /** The engine underneath, which switches connection. */
  switchable: SwitchableEngine;
  connections: ConnectionsService;
  terminals: TerminalManager;
  router: Router;
  settings: SettingsStore;
  jobs: JobTracker;
  /** Reads the shared event stream; the shells show what it decides (desktop, tray). */
  notifications: NotificationService;
  /** End terminals and subscriptions, stop Burrow's own service or tunnel. Containers keep running. */
  dispose(): Promise<void>;
}

export async function createBurrowApp(opts: BurrowAppOptions): Promise<BurrowApp> {
  const store = opts.store ?? new ConnectionStore();
  const connect = opts.connect ?? {};
  const warn = opts.warn ?? ((l: string) => console.error(`burrow: ${l}`));
  const settings = opts.settings ?? new SettingsStore();
  await settings.load();
  for (const p of settings.problems) warn(p);
  const wanted = opts.connection ?? settings.get().startConnection;
  const entry = await store.get(wanted).catch(async (e: unknown) => {
    // The start connection of the settings is gone (removed, renamed): start locally and say so. One asked for
    // by name (--connection) is an error.
    if (opts.connection !== undefined || wanted === LOCAL_CONNECTION) throw e;
    warn(`the start connection "${wanted}" is not there any more; starting with local discovery`);
    return store.get(LOCAL_CONNECTION);
  });
  const strategies = strategiesFor(entry);
  const switchable = switchableEngine(
    await connectEngine({ ...connect, ...(strategies ? { strategies } : {}) }),
    entry.name,
  );
  const connections = new ConnectionsService(switchable, { store, connect });
  // Full lists from memory and one shared event stream for every window, socket and the tray.
  const engine = withLiveContainerList(switchable);
  void engine.containers.list().catch(() => undefined); // warm it before the first page asks
  const jobs = new JobTracker();
  const notifications = new NotificationService({ engine, settings, jobs });
  notifications.start();
  const terminals = new TerminalManager(engine, opts.podmanPath ? { podmanPath: opts.podmanPath } : {});
  const router = new Router(engine, {
    mode: opts.mode,
    version: opts.version,
    connections,
    terminals,
    notifications,
    jobs,
    settings,
    ...(opts.tray ? { tray: opts.tray } : {}),
    ...(opts.statusIntervalMs !== undefined ? { statusIntervalMs: opts.statusIntervalMs } : {}),
  });
  let disposed: Promise<void> | undefined;
  return {
    engine,
    switchable,
    connections,
    terminals,
    router,
    settings,
    jobs,
    notifications,
    dispose() {
      disposed ??= (async () => {
        terminals.disposeAll();
        router.disposeAll();
        notifications.dispose();
        // The last change (a window moved just before Quit) is written now, not lost with the debounce.
        await settings.flush().catch((e: unknown) => warn((e as Error).message));
        await engine.close();
      })();
      return disposed;
    },
  };
}

/** What a restarting private service tells the person running Burrow. */
export function logServiceEvent(e: ServiceEvent): void {
  if (e.kind === 'restarting')
    console.error(`burrow: Podman service exited; restarting (attempt ${e.attempt})`);
}
