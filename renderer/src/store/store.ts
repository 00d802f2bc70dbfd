// The zustand store: containers normalised by id and patched by engine events (a batched partial list per
// burst), a full reconcile only after (re)connect or a `resync` marker. Everything else views read through
// queries (data/queries.ts); engine events mark those stale here, so they re-read only what changed.
import { create } from 'zustand';
import type { ContainerStats, ContainerSummary, EngineEvent } from '../../../core/model/types.js';
import type { EngineStatus } from '../../../electron/contract/index.js';
import { ApiError, errorData, invoke, type Transport } from '../api/types.js';
import { invalidate, invalidateAll, invalidateContainer } from '../data/query-client.js';
import { effectOf, patch, reconcile, reorder, sortedIds, type ById } from './reducers.js';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  hint?: string;
}

export interface BurrowState {
  api: Transport | undefined;
  connected: boolean;
  engine: EngineStatus | undefined;
  loaded: boolean;
  containers: ById<ContainerSummary>;
  /** Every container's id in the list's order (running first, then by name), kept in step by events. */
  order: string[];
  stats: ById<ContainerStats>;
  statsUnsupported: string | undefined;
  toasts: Toast[];
  reconciles: number;
  toast(kind: Toast['kind'], message: string, hint?: string): void;
  dismiss(id: number): void;
  error(e: unknown): void;
}

export const useStore = create<BurrowState>()((set, get) => ({
  api: undefined,
  connected: false,
  engine: undefined,
  loaded: false,
  containers: {},
  order: [],
  stats: {},
  statsUnsupported: undefined,
  toasts: [],
  reconciles: 0,
  toast(kind, message, hint) {
    const id = Date.now() + Math.random();
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, kind, message, ...(hint ? { hint } : {}) }] }));
    setTimeout(() => get().dismiss(id), kind === 'error' ? 12000 : 4000);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  error(e) {
    const d = errorData(e);
    get().toast('error', d.message, d.hint);
  },
}));

const api = () => {
  const a = useStore.getState().api;
  if (!a) throw new Error('not connected');
  return a;
};

export async function reconcileContainers(): Promise<void> {
  // Events may have been missed: every answer a view holds may be stale, not only the list.
  invalidateAll();
  const list = await invoke(api(), 'containers.list', { all: true });
  useStore.setState((s) => {
    const containers = reconcile(s.containers, list);
    return { containers, order: sortedIds(containers), loaded: true, reconciles: s.reconciles + 1 };
  });
}

/** Collects event-touched ids for a short window, then asks the engine for exactly those. */
export class EventBatcher {
  private ids = new Set<string>();
  private others = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reconcileWanted = false;

  // One frame: a container's create/init/start arrive within a few ms of each other and share one list call.
  constructor(private readonly windowMs = 16) {}

  push(ev: EngineEvent): void {
    const eff = effectOf(ev);
    if (eff.kind === 'none') return;
    if (eff.kind === 'reconcile') this.reconcileWanted = true;
    else if (eff.kind === 'remove') {
      if (useStore.getState().containers[eff.id]?.pod) invalidate('pods.');
      useStore.setState((s) => {
        if (!s.containers[eff.id]) return {};
        const next = { ...s.containers };
        delete next[eff.id];
        return { containers: next, order: reorder(s.order, s.containers, next, [eff.id]) };
      });
      this.ids.delete(eff.id);
      invalidateContainer(eff.id);
      return;
    } else if (eff.kind === 'refresh') this.ids.add(eff.id);
    else this.others.add(eff.resource);
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.windowMs);
  }

  /** Read one row again, as if an event had named it (for a change whose event came too early). */
  refresh(id: string): void {
    this.ids.add(id);
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.windowMs);
  }

  private flushing: Promise<void> = Promise.resolve();

  /** Flushes run one after another: a slow answer must not land after (and undo) a newer one. */
  flush(): Promise<void> {
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    const ids = [...this.ids];
    const others = [...this.others];
    const full = this.reconcileWanted;
    this.ids.clear();
    this.others.clear();
    this.reconcileWanted = false;
    try {
      // Views re-read what they show of these (a detail's inspect, the images list…) only if mounted.
      for (const id of ids) invalidateContainer(id);
      if (others.length) invalidate(...others.map((r) => `${r}s.`));
      if (full) await reconcileContainers();
      else if (ids.length > 0) {
        const fresh = await invoke(api(), 'containers.list', { all: true, filters: { id: ids } });
        // A pod's list names its containers and their states: stale when one of them changed.
        const inPod = ids.some((id) => useStore.getState().containers[id]?.pod) || fresh.some((c) => c.pod);
        useStore.setState((s) => {
          const containers = patch(s.containers, ids, fresh);
          return { containers, order: reorder(s.order, s.containers, containers, ids) };
        });
        if (inPod) invalidate('pods.');
      }
    } catch {
      // The engine is unreachable: the status banner says so, and reconnect reconciles.
    }
  }
}

/** Wire the transport to the store: engine status, events, reconcile on (re)connect. Returns a disposer. */
let activeBatcher: EventBatcher | undefined;

/** Read one container's row again now (Podman 4.3 sends health_status before the verdict is stored). */
export function refreshContainer(id: string): void {
  activeBatcher?.refresh(id);
}

export function connectStore(transport: Transport): () => void {
  useStore.setState({ api: transport });
  const batcher = new EventBatcher();
  activeBatcher = batcher;
  const offs: (() => void)[] = [];
  let wasReachable = false;
  offs.push(
    transport.onConnection((up) => {
      useStore.setState({ connected: up });
      // The host went away (quit, restart, network): events were missed. The re-established status stream's
      // first "reachable" then reconciles, exactly like an engine coming back.
      if (!up) wasReachable = false;
    }),
  );
  offs.push(
    transport.subscribe('engineStatus', {}, (st) => {
      useStore.setState({ engine: st });
      if (st.reachable && !wasReachable) void reconcileContainers().catch(() => undefined);
      wasReachable = st.reachable;
    }),
  );
  const subscribeEvents = () =>
    transport.subscribe(
      'events',
      {},
      (ev) => batcher.push(ev),
      () => {
        // The stream ended (host restarted): resubscribe and reconcile.
        setTimeout(() => {
          offs.push(subscribeEvents());
          void reconcileContainers().catch(() => undefined);
        }, 500);
      },
    );
  offs.push(subscribeEvents());
  return () => offs.forEach((f) => f());
}

/** Poll one-shot stats while the list is visible; stop for good where the host cannot provide them. */
export function startStatsPolling(intervalMs = 5000): () => void {
  let stopped = false;
  const tick = async () => {
    if (stopped || useStore.getState().statsUnsupported) return;
    try {
      const running = Object.values(useStore.getState().containers)
        .filter((c) => c.state === 'running')
        .map((c) => c.id);
      if (running.length > 0) {
        const list = await invoke(api(), 'containers.statsOnce', { ids: running });
        const stats: ById<ContainerStats> = {};
        for (const s of list) stats[s.id] = s;
        useStore.setState({ stats });
      }
    } catch (e) {
      if (e instanceof ApiError && e.data.code === 'unsupported_on_host') {
        useStore.setState({ statsUnsupported: `${e.data.message}. ${e.data.hint ?? ''}` });
        return;
      }
    }
    if (!stopped) setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
  };
}
