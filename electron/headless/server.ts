// The headless host: the built renderer and the same router over HTTP + WebSocket, for servers, SSH tunnels
// and the end-to-end tests. Loopback by default; a random token per start is required on every request and
// socket upgrade; a foreign Origin is refused; there is no CORS.
//
// The wire's messages travel on the WebSocket, except one subscription's own messages when the page asks for it
// as a stream (POST /api/subscribe, one `sub` message in, that subscription's `data`/`end` out as binary frames,
// a terminal's output as its bytes: core/model/wire-frames.ts):
// Chromium hands a WebSocket's frames to the page through a 128 KiB pipe read between the page's own tasks, and
// a busy terminal then waits on delivery; a streamed response body does not (+45 % for a terminal end to end,
// bench/README.md, "The terminal's output on a streamed response"). The page picks the topics (ws-wire.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { connectPeer } from '../dispatcher.js';
import { encodeMessage, encodeTerminalData, FRAMES_CONTENT_TYPE } from '../../core/model/wire-frames.js';
import type { ServerMessage, TerminalOutput } from '../contract/index.js';
import type { Router } from '../router.js';

export interface HeadlessOptions {
  router: Router;
  staticDir: string;
  host?: string;
  port?: number;
  /** Binding to anything but loopback needs this, and prints a warning. */
  allowNonLoopback?: boolean;
  token?: string;
  log?: (line: string) => void;
}

export interface HeadlessHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  host: string;
  /** Open WebSocket connections. */
  connections(): number;
  /** Open subscription streams (POST /api/subscribe). */
  streams(): number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const COOKIE = 'burrow_token';

function tokenFrom(req: IncomingMessage, url: URL): string | undefined {
  const q = url.searchParams.get('token');
  if (q) return q;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return decodeURIComponent(v);
  }
  return undefined;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and xterm.js set inline styles through the CSSOM; no inline scripts are allowed anywhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export async function startHeadlessHost(opts: HeadlessOptions): Promise<HeadlessHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host) && !opts.allowNonLoopback) {
    throw new Error(
      `refusing to listen on ${host}: the headless host binds to loopback unless --allow-remote is given`,
    );
  }
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? (() => undefined);
  const staticRoot = resolve(opts.staticDir);
  const { router } = opts;
  let origin = '';
  const allowedOrigins = new Set<string>();
  let nextOwner = 0;
  const sockets = new Set<WebSocket>();
  const streams = new Set<ServerResponse>();

  function reject(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(message);
  }

  function originAllowed(req: IncomingMessage): boolean {
    const o = req.headers.origin;
    return o === undefined || allowedOrigins.has(o);
  }

  async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    setCookie: boolean,
  ): Promise<void> {
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(staticRoot, rel));
    if (!file.startsWith(staticRoot + sep) && file !== staticRoot) return reject(res, 403, 'forbidden');
    let target = file;
    const st = await stat(target).catch(() => undefined);
    if (!st?.isFile()) {
      // Client-side routes fall back to the app; missing assets are 404s.
      if (extname(rel)) return reject(res, 404, 'not found');
      target = join(staticRoot, 'index.html');
      if (!(await stat(target).catch(() => undefined))?.isFile())
        return reject(res, 503, 'the UI is not built: run `npm run build`');
    }
    const headers: Record<string, string> = {
      'content-type': MIME[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(origin),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': extname(target) === '.html' ? 'no-store' : 'public, max-age=3600',
    };
    if (setCookie)
      headers['set-cookie'] = `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  }

  async function readJson(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > limit) throw new Error('request too large');
      chunks.push(c);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  }

  /** A POSTed JSON body as an object (anything else as `{}`), or undefined once the request got its 405 or 400. */
  async function posted(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<Record<string, unknown> | undefined> {
    if (req.method !== 'POST') return void reject(res, 405, 'POST only');
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return void reject(res, 400, 'malformed JSON');
    }
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin || 'http://127.0.0.1');
      const given = tokenFrom(req, url);
      if (!sameToken(given, token))
        return reject(res, 401, 'unauthorized: open the URL Burrow printed (it carries the token)');
      if (!originAllowed(req)) return reject(res, 403, 'forbidden origin');
      if (url.pathname === '/api/call') {
        const b = await posted(req, res);
        if (!b) return;
        const result = await router.call(b.channel, b.args);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        return void res.end(JSON.stringify(result));
      }
      if (url.pathname === '/api/subscribe') {
        const m = await posted(req, res);
        if (!m) return;
        if (m.t !== 'sub' || typeof m.id !== 'number' || !Number.isSafeInteger(m.id))
          return reject(res, 400, 'expected one subscription: {"t":"sub","id":1,"topic":…,"args":…}');
        return streamSubscription(res, m);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return reject(res, 405, 'method not allowed');
      await serveStatic(req, res, url, url.searchParams.has('token'));
    })().catch((e: unknown) => {
      log(`headless: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) reject(res, 500, 'internal error');
      else res.destroy();
    });
  });

  /**
   * One subscription on its own response: the dispatcher's messages for it as frames (core/model/wire-frames.ts),
   * until its end. A terminal's output goes as its UTF-8 bytes, everything else as JSON.
   */
  function streamSubscription(res: ServerResponse, sub: Record<string, unknown>): void {
    res.writeHead(200, {
      'content-type': FRAMES_CONTENT_TYPE,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    // Node holds the headers back until the first write: an idle terminal's page would wait for its response.
    res.flushHeaders();
    streams.add(res);
    const terminal = sub.topic === 'terminal';
    const peer = connectPeer(router, `stream-${++nextOwner}`, (m: ServerMessage) => {
      if (res.writableEnded) return;
      const out = terminal && m.t === 'data' ? (m.data as Partial<TerminalOutput>) : undefined;
      if (out?.kind === 'data' && typeof out.data === 'string' && typeof out.seq === 'number')
        res.write(encodeTerminalData(m.id, out.seq, Buffer.from(out.data)));
      else res.write(encodeMessage(m));
      if (m.t === 'end') res.end();
    });
    // The page unsubscribes by aborting the request; the host closing ends it too.
    res.on('close', () => {
      streams.delete(res);
      peer.close();
    });
    peer.receive(sub);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const fail = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!sameToken(tokenFrom(req, url), token)) return fail(401, 'Unauthorized');
    if (!originAllowed(req)) return fail(403, 'Forbidden');
    if (url.pathname !== '/ws') return fail(404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    // The socket only frames the wire's messages as JSON; the dispatcher is the protocol.
    const peer = connectPeer(router, `ws-${++nextOwner}`, (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    });
    ws.on('message', (raw) => {
      let message: unknown;
      try {
        message = JSON.parse(raw.toString());
      } catch {
        return;
      }
      peer.receive(message);
    });
    ws.on('close', () => {
      sockets.delete(ws);
      peer.close();
    });
  });

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port ?? 0, host, () => res());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const urlHost = isIP(host) === 6 ? `[${host}]` : host;
  origin = `http://${urlHost}:${port}`;
  allowedOrigins.add(origin);
  if (isLoopback(host)) {
    allowedOrigins.add(`http://localhost:${port}`);
    allowedOrigins.add(`http://127.0.0.1:${port}`);
  }
  if (!isLoopback(host)) {
    log(
      `WARNING: the headless host listens on ${host}, reachable from other machines; anyone with the URL controls your containers.`,
    );
  }
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    host,
    connections: () => sockets.size,
    streams: () => streams.size,
    async close() {
      for (const ws of sockets) ws.terminate();
      for (const res of streams) res.destroy();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
    },
  };
}
