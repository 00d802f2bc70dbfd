// The engine's floor for event latency: libpod's event stream read straight off the socket, without core's
// layers. Resolves once the response has started (the stream is live); abort the returned controller to end it.
import { request } from 'node:http';
import { ndjson } from '../../core/streams/ndjson.js';

export interface RawEvent {
  action: string;
  /** The container's (or other object's) name, from the actor's attributes. */
  name: string;
}

export async function openRawEvents(
  socketPath: string,
  apiVersion: string,
  onEvent: (ev: RawEvent) => void,
  filters?: Record<string, string[]>,
): Promise<AbortController> {
  const ac = new AbortController();
  const query = filters ? `&filters=${encodeURIComponent(JSON.stringify(filters))}` : '';
  await new Promise<void>((resolve) => {
    request(
      { socketPath, path: `/v${apiVersion}/libpod/events?stream=true${query}`, signal: ac.signal },
      (res) => {
        resolve();
        void (async () => {
          try {
            for await (const ev of ndjson<{ Action?: string; Actor?: { Attributes?: { name?: string } } }>(
              res as AsyncIterable<Buffer>,
            )) {
              const name = ev.Actor?.Attributes?.name;
              if (name) onEvent({ action: ev.Action ?? '', name });
            }
          } catch {
            // aborted at the end
          }
        })();
      },
    )
      .on('error', () => undefined)
      .end();
  });
  return ac;
}
