// HTTP over Podman's unix socket with one keep-alive agent: the engine answers many small requests (list,
// inspect, events) and a fresh connection per call would dominate their cost.
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { BurrowError } from '../errors.js';

export interface RawRequest {
  method: string;
  path: string; // already versioned and with the query string
  headers?: Record<string, string>;
  body?: Buffer | NodeJS.ReadableStream;
  signal?: AbortSignal;
  /** Time allowed until the response headers arrive. The body (a stream) is not bounded. */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

export interface Transport {
  readonly socketPath: string;
  send(req: RawRequest): Promise<RawResponse>;
  close(): void;
}

export function unreachable(socketPath: string, cause: string): BurrowError {
  return new BurrowError({
    code: 'engine_unreachable',
    message: `Podman is not answering on ${socketPath}`,
    hint: 'Burrow starts its own Podman service when none is running; if this persists, check `podman info` in a terminal.',
    cause,
  });
}

export class UnixHttpTransport implements Transport {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16, keepAliveMsecs: 10_000 });

  constructor(readonly socketPath: string) {}

  send(req: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      if (req.signal?.aborted) {
        reject(abortError());
        return;
      }
      const headers: Record<string, string> = { host: 'd', ...req.headers };
      const r = request({
        socketPath: this.socketPath,
        agent: this.agent,
        method: req.method,
        path: req.path,
        headers,
      });
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        r.destroy(abortError());
      };
      const cleanup = () => {
        if (timer) clearTimeout(timer);
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
      if (req.timeoutMs) {
        timer = setTimeout(() => {
          r.destroy(
            new BurrowError({
              code: 'timeout',
              message: `Podman did not answer ${req.method} ${req.path.split('?')[0]} within ${req.timeoutMs} ms`,
              hint: 'The engine may be busy (a large pull or prune); try again.',
            }),
          );
        }, req.timeoutMs);
      }
      r.on('response', (res) => {
        cleanup();
        // Abort after the headers must also end the body stream.
        if (req.signal) {
          const endBody = () => res.destroy(abortError());
          req.signal.addEventListener('abort', endBody, { once: true });
          res.once('close', () => req.signal?.removeEventListener('abort', endBody));
        }
        req.signal?.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
      });
      r.on('error', (err: NodeJS.ErrnoException) => {
        cleanup();
        req.signal?.removeEventListener('abort', onAbort);
        if (err instanceof BurrowError || err.name === 'AbortError') reject(err);
        else if (
          err.code === 'ENOENT' ||
          err.code === 'ECONNREFUSED' ||
          err.code === 'ECONNRESET' ||
          err.code === 'EPIPE'
        )
          reject(unreachable(this.socketPath, `${err.code}: ${err.message}`));
        else reject(err);
      });
      if (req.body === undefined) r.end();
      else if (Buffer.isBuffer(req.body)) r.end(req.body);
      else (req.body as Readable).pipe(r);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

export async function readBody(res: IncomingMessage, limit = 256 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > limit)
      throw new BurrowError({ code: 'engine_error', message: `Response larger than ${limit} bytes` });
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}
