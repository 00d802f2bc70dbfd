// Engine events as a typed stream that survives the engine: when the stream ends (service restarted, socket
// gone) it reconnects with backoff and then yields a `resync` marker, because events were missed in the gap
// and consumers must reconcile from a full list.
import type { EventsClient } from '../engine-api.js';
import type { EngineEvent } from '../model/types.js';
import { sleep } from '../sleep.js';
import { ndjson } from '../streams/ndjson.js';
import { defineEndpoints, type ApiClient } from '../transport/api-client.js';
import { asNumber, asRecord, asString, asStringRecord } from './context.js';

export const eventEndpoints = defineEndpoints({
  stream: { method: 'GET', path: '/libpod/events', response: 'stream', name: 'events', timeoutMs: 15_000 },
});

const KINDS = ['container', 'image', 'network', 'volume', 'pod', 'system'] as const;

export function toEngineEvent(raw: unknown): EngineEvent | undefined {
  const e = asRecord(raw);
  const type = asString(e.Type).toLowerCase();
  const kind = (KINDS as readonly string[]).includes(type) ? (type as (typeof KINDS)[number]) : undefined;
  if (!kind) return undefined;
  const actor = asRecord(e.Actor);
  const attributes = asStringRecord(actor.Attributes);
  // Podman puts a health check's result beside the Actor ("HealthStatus"), not among its attributes; keep it with
  // the rest so consumers read one place.
  const health = asString(e.HealthStatus) || asString(e.health_status);
  if (health && !attributes.health_status) attributes.health_status = health;
  const nano = asNumber(e.timeNano);
  const secs = asNumber(e.time);
  const ev: EngineEvent = {
    kind,
    action: asString(e.Action) || asString(e.status),
    id: asString(actor.ID) || asString(e.id),
    attributes,
    time: new Date(nano ? nano / 1e6 : secs * 1000).toISOString(),
  };
  if (attributes.name) ev.name = attributes.name;
  return ev;
}

/**
 * Podman 4.x quirk: when its events file reaches its size limit it keeps the newer half and renames it over the
 * old one, and a streaming reader reopens it from the start — so every listener is sent that half again (up to
 * thousands of events, minutes old; Podman 5 marks and skips it). Two kinds of copy come back: events this reader
 * already had (exact copies, nanosecond timestamp included: the last `capacity` seen are remembered) and events
 * from before it connected, which a stream asked for without `since` never carries otherwise (older than the
 * connection's start on the engine's own clock, `startFrom`). Both are dropped; a consumer that took them for new
 * would re-fetch every container they name (a list walk at thousands of containers) and notify of old exits again.
 * Events without `timeNano` pass through.
 */
export class ReplayFilter {
  private readonly seen = new Set<string>();
  private notBeforeNano = 0;

  constructor(private readonly capacity = 10_000) {}

  /** A (re)connection at this time on the engine's clock, in ms: anything older is history, not news. */
  startFrom(engineMs: number): void {
    this.notBeforeNano = Number.isFinite(engineMs) ? engineMs * 1e6 : 0;
  }

  /** True the first time this event is seen, unless it happened before the stream started. */
  fresh(raw: unknown): boolean {
    const e = asRecord(raw);
    const nano = e.timeNano;
    if (typeof nano !== 'number' && typeof nano !== 'string') return true;
    if (Number(nano) < this.notBeforeNano) return false;
    const key = `${String(nano)}|${asString(e.Type)}|${asString(e.Action) || asString(e.status)}|${asString(asRecord(e.Actor).ID)}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

/**
 * When an events response started, on the engine's clock: its `Date` header (whole seconds, rounded down) less a
 * second more, so an event stamped just before the stream opened and written just after still counts as news.
 */
export const STREAM_START_SLACK_MS = 1000;
export function streamStartMs(dateHeader: string | undefined): number {
  const t = dateHeader ? Date.parse(dateHeader) : NaN;
  return Number.isFinite(t) ? t - STREAM_START_SLACK_MS : 0;
}

export function createEventsClient(api: ApiClient, opts: { backoffMs?: number[] } = {}): EventsClient {
  const backoff = opts.backoffMs ?? [100, 250, 500, 1000, 2000];
  return {
    async *stream(o = {}) {
      const signal = o.signal;
      let attempt = 0;
      let connectedBefore = false;
      const replays = new ReplayFilter();
      while (!signal?.aborted) {
        try {
          const res = await api.open(eventEndpoints.stream, {
            query: { stream: true, ...(o.filters ? { filters: o.filters } : {}) },
            ...(signal ? { signal } : {}),
          });
          if (connectedBefore)
            yield {
              kind: 'resync',
              reason: 'the event stream was interrupted',
              time: new Date().toISOString(),
            };
          connectedBefore = true;
          attempt = 0;
          replays.startFrom(streamStartMs(res.headers.date));
          for await (const raw of ndjson(res as AsyncIterable<Buffer>)) {
            if (!replays.fresh(raw)) continue;
            const ev = toEngineEvent(raw);
            if (ev) yield ev;
          }
        } catch (e) {
          if (signal?.aborted || (e instanceof Error && e.name === 'AbortError')) return;
          // The engine is down or restarting: retry below. A first connection failure is retried too.
          if (!connectedBefore) connectedBefore = true;
        }
        if (signal?.aborted) return;
        const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
        attempt += 1;
        await sleep(delay, signal);
      }
    },
  };
}
