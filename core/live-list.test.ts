// The live container list against a scripted engine: what is served from memory, what still goes to the
// engine, and the orderings that could otherwise show a stale or resurrected row.
import { describe, expect, it } from 'vitest';
import type { Engine, ListContainersOptions } from './engine-api.js';
import { BurrowError } from './errors.js';
import { withLiveContainerList } from './live-list.js';
import type { ContainerSummary, EngineEvent } from './model/types.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');

function row(n: number, state: ContainerSummary['state'] = 'created', name = `c${n}`): ContainerSummary {
  return {
    id: hex(n),
    name,
    image: 'img',
    imageId: 'i',
    command: [],
    state,
    status: state === 'created' ? 'Created' : state,
    createdAt: new Date(0).toISOString(),
    ports: [],
    labels: {},
    networks: [],
  };
}

const ev = (n: number, action: string): EngineEvent => ({
  kind: 'container',
  action,
  id: hex(n),
  attributes: {},
  time: new Date().toISOString(),
});

/** An engine whose containers live in a map, whose event stream is fed by the test, and whose list can be held. */
function scripted() {
  const state = new Map<string, ContainerSummary>();
  const calls: ListContainersOptions[] = [];
  const queue: EngineEvent[] = [];
  let wake: (() => void) | undefined;
  let hold: Promise<void> | undefined;
  const emit = (e: EngineEvent) => {
    queue.push(e);
    wake?.();
  };
  const engine = {
    containers: {
      async list(o: ListContainersOptions = {}) {
        calls.push(o);
        const snapshot = [...state.values()].filter((c) => !o.filters?.id || o.filters.id.includes(c.id));
        if (hold) await hold;
        return snapshot;
      },
      async summary(id: string) {
        calls.push({ filters: { summary: [id] } });
        const c = state.get(id);
        if (hold) await hold;
        if (!c) throw new BurrowError({ code: 'not_found', message: `no container ${id}` });
        return c;
      },
      async stop(id: string) {
        const c = state.get(id) ?? [...state.values()].find((x) => x.name === id);
        if (c) state.set(c.id, { ...c, state: 'exited', exitCode: 0 });
      },
      async remove(id: string) {
        state.delete(id);
      },
    },
    pods: {},
    events: {
      async *stream(o: { signal?: AbortSignal } = {}) {
        while (!o.signal?.aborted) {
          const e = queue.shift();
          if (e) {
            yield e;
            continue;
          }
          await new Promise<void>((r) => {
            wake = r;
            o.signal?.addEventListener('abort', () => r(), { once: true });
          });
        }
      },
    },
    async close() {},
  } as unknown as Engine;
  return {
    engine,
    state,
    calls,
    emit,
    holdLists() {
      let release = () => {};
      hold = new Promise((r) => (release = r));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('live container list', () => {
  it('lists from the engine once, then from memory', async () => {
    const s = scripted();
    s.state.set(hex(1), row(1));
    const live = withLiveContainerList(s.engine);
    expect((await live.containers.list()).map((c) => c.id)).toEqual([hex(1)]);
    expect((await live.containers.list({ all: true })).map((c) => c.id)).toEqual([hex(1)]);
    expect(s.calls).toHaveLength(1);
    expect(live.liveList).toMatchObject({ inStep: true, size: 1, served: 2, rebuilds: 1 });
    await live.close();
  });

  it('a subscriber that saw an event is never served a list older than it', async () => {
    const s = scripted();
    const live = withLiveContainerList(s.engine);
    await live.containers.list();
    const ac = new AbortController();
    const it = live.events.stream({ signal: ac.signal })[Symbol.asyncIterator]();
    s.state.set(hex(2), row(2, 'running'));
    s.emit(ev(2, 'start'));
    const seen = await it.next();
    expect(seen.value).toMatchObject({ action: 'start', id: hex(2) });
    const list = await live.containers.list();
    expect(list.find((c) => c.id === hex(2))?.state).toBe('running');
    // the refresh was one fetch of that container (an inspect), not a list
    expect(s.calls.at(-1)).toEqual({ filters: { summary: [hex(2)] } });
    ac.abort();
    await live.close();
  });

  it('a removal seen while the full list is in flight is not brought back by it', async () => {
    const s = scripted();
    s.state.set(hex(3), row(3));
    const live = withLiveContainerList(s.engine);
    const release = s.holdLists();
    const pending = live.containers.list(); // snapshot taken with c3, answer held
    await tick();
    s.state.delete(hex(3));
    s.emit(ev(3, 'remove'));
    await tick();
    release();
    expect(await pending).toEqual([]);
    await live.close();
  });

  it('a resync takes it out of step; the next list rebuilds from the engine', async () => {
    const s = scripted();
    s.state.set(hex(4), row(4));
    const live = withLiveContainerList(s.engine);
    await live.containers.list();
    s.state.delete(hex(4)); // missed while the stream was down
    s.emit({ kind: 'resync', reason: 'gap', time: '' });
    await tick();
    expect(live.liveList.inStep).toBe(false);
    expect(await live.containers.list()).toEqual([]);
    expect(live.liveList.rebuilds).toBe(2);
    await live.close();
  });

  it('changes made through it are read-your-writes, by id or by name', async () => {
    const s = scripted();
    s.state.set(hex(5), row(5, 'running', 'web'));
    s.state.set(hex(6), row(6, 'running'));
    const live = withLiveContainerList(s.engine);
    await live.containers.list();
    await live.containers.stop(hex(5));
    expect((await live.containers.list()).find((c) => c.id === hex(5))?.state).toBe('exited');
    await live.containers.stop('c6'); // a name: resolved against the cache
    expect((await live.containers.list()).find((c) => c.id === hex(6))?.state).toBe('exited');
    await live.containers.remove(hex(5));
    expect((await live.containers.list()).map((c) => c.id)).toEqual([hex(6)]);
    await live.close();
  });

  it('answers exact ids from memory and passes every other question to the engine', async () => {
    const s = scripted();
    s.state.set(hex(7), row(7, 'running'));
    s.state.set(hex(8), row(8));
    const live = withLiveContainerList(s.engine);
    await live.containers.list();
    const before = s.calls.length;
    expect((await live.containers.list({ filters: { id: [hex(8), hex(9)] } })).map((c) => c.id)).toEqual([
      hex(8),
    ]);
    expect(s.calls).toHaveLength(before);
    await live.containers.list({ all: false });
    await live.containers.list({ filters: { label: ['a=b'] } });
    await live.containers.list({ filters: { id: ['abc'] } }); // a prefix: the engine decides
    expect(s.calls).toHaveLength(before + 3);
    expect(live.liveList.passedThrough).toBe(3);
    await live.close();
  });

  it('serves the human status as of now, not as of the fetch', async () => {
    const s = scripted();
    const started = new Date(Date.now() - 3 * 60_000).toISOString();
    s.state.set(hex(10), { ...row(10, 'running'), startedAt: started, status: 'Up 1 second' });
    const live = withLiveContainerList(s.engine);
    expect((await live.containers.list())[0]?.status).toBe('Up 3 minutes');
    await live.close();
  });

  it('one event costs one inspect of that container, however many containers there are', async () => {
    for (const size of [10, 3000]) {
      const s = scripted();
      for (let n = 1; n <= size; n++) s.state.set(hex(n), row(n));
      const live = withLiveContainerList(s.engine);
      await live.containers.list();
      const before = s.calls.length;
      s.state.set(hex(5), row(5, 'running'));
      s.emit(ev(5, 'start'));
      await tick();
      expect((await live.containers.list({ filters: { id: [hex(5)] } }))[0]?.state).toBe('running');
      expect(s.calls.slice(before)).toEqual([{ filters: { summary: [hex(5)] } }]);
      await live.close();
    }
  });

  it('drops a container that is gone by the time it is inspected', async () => {
    const s = scripted();
    s.state.set(hex(11), row(11));
    const live = withLiveContainerList(s.engine);
    await live.containers.list();
    s.state.delete(hex(11)); // its remove event not seen yet
    s.emit(ev(11, 'died'));
    await tick();
    expect(await live.containers.list()).toEqual([]);
    expect(live.liveList.inStep).toBe(true);
    await live.close();
  });

  it('a burst that changes most of the list is fetched with one filtered list', async () => {
    const s = scripted();
    const live = withLiveContainerList(s.engine);
    await live.containers.list();
    const before = s.calls.length;
    const release = s.holdLists(); // hold the first fetch so the rest of the burst queues behind it
    for (let n = 1; n <= 40; n++) {
      s.state.set(hex(n), row(n));
      s.emit(ev(n, 'create'));
    }
    await tick();
    release();
    expect(await live.containers.list()).toHaveLength(40);
    const lists = s.calls.slice(before).filter((c) => c.filters?.id);
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((c) => (c.filters?.id?.length ?? 0) > 16)).toBe(true);
    await live.close();
  });

  it('a burst among thousands is fetched by inspect, 16 at a time, never by a list walk', async () => {
    const s = scripted();
    for (let n = 1; n <= 3000; n++) s.state.set(hex(n), row(n));
    const live = withLiveContainerList(s.engine);
    await live.containers.list();
    const before = s.calls.length;
    let inFlight = 0;
    let most = 0;
    const summary = s.engine.containers.summary.bind(s.engine.containers);
    s.engine.containers.summary = async (id: string) => {
      most = Math.max(most, ++inFlight);
      await tick();
      try {
        return await summary(id);
      } finally {
        inFlight -= 1;
      }
    };
    for (let n = 1; n <= 40; n++) {
      s.state.set(hex(n), row(n, 'running'));
      s.emit(ev(n, 'start'));
    }
    await tick();
    const list = await live.containers.list();
    expect(list.filter((c) => c.state === 'running')).toHaveLength(40);
    const calls = s.calls.slice(before);
    expect(calls.filter((c) => c.filters?.id)).toEqual([]);
    expect(calls.filter((c) => c.filters?.summary)).toHaveLength(40);
    expect(most).toBeLessThanOrEqual(16);
    await live.close();
  });

  it('ends its subscribers when closed', async () => {
    const s = scripted();
    const live = withLiveContainerList(s.engine);
    const it = live.events.stream()[Symbol.asyncIterator]();
    const next = it.next();
    await live.close();
    expect((await next).done).toBe(true);
  });
});
