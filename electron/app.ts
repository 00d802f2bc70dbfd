// The composition root: Burrow's main-process object graph, built the same way for the Electron window and the
// headless host — connect (a saved connection or local discovery) → switchable engine → live container list →
// terminals → router. main.ts and headless/cli.ts add only their shell (window, tray, IPC / HTTP, WebSocket).
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
import type { AppInfo } from './contract/index.js';
import { Router } from './router.js';
import { TerminalManager } from './terminals/manager.js';

export interface BurrowAppOptions {
  mode: AppInfo['mode'];
  version: string;
  /** The saved connection to start with (default: local discovery). */
  connection?: string;
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
  /** End terminals and subscriptions, stop Burrow's own service or tunnel. Containers keep running. */
  dispose(): Promise<void>;
}

export async function createBurrowApp(opts: BurrowAppOptions): Promise<BurrowApp> {
  const store = opts.store ?? new ConnectionStore();
  const connect = opts.connect ?? {};
  const entry = await store.get(opts.connection ?? LOCAL_CONNECTION);
  const strategies = strategiesFor(entry);
  const switchable = switchableEngine(
    await connectEngine({ ...connect, ...(strategies ? { strategies } : {}) }),
    entry.name,
  );
  const connections = new ConnectionsService(switchable, { store, connect });
  // Full lists from memory and one shared event stream for every window, socket and the tray.
  const engine = withLiveContainerList(switchable);
  void engine.containers.list().catch(() => undefined); // warm it before the first page asks
  const terminals = new TerminalManager(engine, opts.podmanPath ? { podmanPath: opts.podmanPath } : {});
  const router = new Router(engine, {
    mode: opts.mode,
    version: opts.version,
    connections,
    terminals,
    ...(opts.statusIntervalMs !== undefined ? { statusIntervalMs: opts.statusIntervalMs } : {}),
  });
  let disposed: Promise<void> | undefined;
  return {
    engine,
    switchable,
    connections,
    terminals,
    router,
    dispose() {
      disposed ??= (async () => {
        terminals.disposeAll();
        router.disposeAll();
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
