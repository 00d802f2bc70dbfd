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
  // The verdict of a health check event travels outside the actor's attributes.
  const health = asString(e.HealthStatus);
  if (health && !attributes.health_status) attributes.health_status = health;
  return ev;
}

export function createEventsClient(api: ApiClient, opts: { backoffMs?: number[] } = {}): EventsClient {
  const backoff = opts.backoffMs ?? [100, 250, 500, 1000, 2000];
  return {
    async *stream(o = {}) {
      const signal = o.signal;
      let attempt = 0;
      let connectedBefore = false;
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
          for await (const raw of ndjson(res as AsyncIterable<Buffer>)) {
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
