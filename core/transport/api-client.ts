// Endpoints are data (method, path template, response kind, status overrides); one `request` drives them all,
// so every call gets the same versioning, query encoding, timeouts and error mapping (dockerode's model).
import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '../errors.js';
import { mapEngineError, parseErrorBody } from './error-mapping.js';
import { readBody, type Transport } from './unix-http.js';

export type ResponseKind = 'json' | 'none' | 'stream';

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** e.g. '/libpod/containers/{id}/start'; '{x}' is filled from params (URI-encoded). */
  path: string;
  /** Docker-compatible path (no '/libpod' prefix in the template), still version-prefixed. */
  compat?: boolean;
  response: ResponseKind;
  /** Statuses outside 2xx that count as success (304: already started/stopped). */
  okStatuses?: number[];
  /** status → error code overrides */
  errors?: Partial<Record<number, ErrorCode>>;
  timeoutMs?: number;
  /** For messages: 'container start' */
  name: string;
}

export type QueryValue = string | number | boolean | string[] | Record<string, string[]> | undefined;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  rawBody?: Buffer | NodeJS.ReadableStream;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ApiClient {
  /** e.g. '4.3.1': paths become '/v4.3.1/libpod/...' */
  readonly apiVersion: string;
  call<T = unknown>(ep: Endpoint, opts?: CallOptions): Promise<T>;
  /** Status checked; the body is the caller's to consume. */
  open(ep: Endpoint, opts?: CallOptions): Promise<IncomingMessage>;
}

export function defineEndpoints<T extends Record<string, Endpoint>>(t: T): T {
  return t;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v))
      for (const item of v) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(item)}`);
    else if (typeof v === 'object')
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(JSON.stringify(v))}`);
    else parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function buildPath(ep: Endpoint, apiVersion: string, opts: CallOptions = {}): string {
  const filled = ep.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = opts.params?.[name];
    if (v === undefined) throw new Error(`endpoint ${ep.name}: missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
  return `/v${apiVersion}${filled}${buildQuery(opts.query)}`;
}

export function createApiClient(transport: Transport, apiVersion: string): ApiClient {
  async function open(ep: Endpoint, opts: CallOptions = {}): Promise<IncomingMessage> {
    const headers: Record<string, string> = { ...opts.headers };
    let body: Buffer | NodeJS.ReadableStream | undefined;
    if (opts.rawBody !== undefined) {
      body = opts.rawBody;
      headers['content-type'] = opts.contentType ?? 'application/octet-stream';
    } else if (opts.body !== undefined) {
      body = Buffer.from(JSON.stringify(opts.body));
      headers['content-type'] = 'application/json';
    }
    if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
    const res = await transport.send({
      method: ep.method,
      path: buildPath(ep, apiVersion, opts),
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      timeoutMs: opts.timeoutMs ?? ep.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const ok = (res.status >= 200 && res.status < 300) || (ep.okStatuses ?? []).includes(res.status);
    if (!ok) {
      const raw = await readBody(res.body).catch(() => Buffer.alloc(0));
      throw mapEngineError(res.status, parseErrorBody(raw), {
        operation: ep.name,
        ...(ep.errors ? { overrides: ep.errors } : {}),
      });
    }
    return res.body;
  }

  return {
    apiVersion,
    open,
    async call<T>(ep: Endpoint, opts: CallOptions = {}): Promise<T> {
      const res = await open(ep, opts);
      const raw = await readBody(res);
      if (ep.response === 'none' || raw.length === 0) return undefined as T;
      const text = raw.toString('utf8');
      try {
        return JSON.parse(text) as T;
      } catch {
        return text as T;
      }
    },
  };
}
