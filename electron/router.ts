// The router: the only way from the UI to the engine and the terminals. Unknown names and invalid arguments are
// refused before anything runs; results cross as {ok,value}|{ok:false,error} with core's error data intact;
// streams are subscriptions owned by a caller (a window, a WebSocket) and disposed with it; fire-and-forget
// messages are validated the same way and never answered. Handlers live per domain in handlers/. Plain Node: no
// Electron.
import type { z } from 'zod';
import type { Engine } from '../core/engine-api.js';
import { toErrorData, type BurrowErrorData } from '../core/errors.js';
import { zodIssues } from '../core/model/schema-issues.js';
import { channels, isChannel, isMessage, isTopic, messages, topics, type Result } from './contract/index.js';
import { buildHandlers, type HandlerDeps, type Handlers } from './handlers/index.js';

export interface Sink {
  data(d: unknown): void;
  end(error?: BurrowErrorData): void;
}

export type RouterOptions = Omit<HandlerDeps, 'engine'>;

/** The owner of HTTP /api/call requests, which open nothing that outlives them. */
export const ANONYMOUS = 'anonymous';

function invalid(field: string, message: string, hint?: string): BurrowErrorData {
  return { code: 'invalid_input', field, message, ...(hint ? { hint } : {}) };
}

function validate(schema: z.ZodType, raw: unknown): Result<unknown> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  // Every problem, each with its field and hint; the first also in field/message/hint for one-error callers.
  const issues = zodIssues(r.error, schema, 'The request does not match the contract.');
  const first = issues[0] ?? { field: 'args', message: 'invalid' };
  return {
    ok: false,
    error: { ...invalid(first.field, `${first.field}: ${first.message}`, first.hint), issues },
  };
}

function unknownName(kind: 'channel' | 'topic' | 'message', name: unknown): Result<never> {
  return {
    ok: false,
    error: { code: 'not_found', field: kind, message: `Unknown ${kind} ${JSON.stringify(name)}` },
  };
}

export class Router {
  private readonly handlers: Handlers;
  private readonly subs = new Map<string, AbortController>();
  private calls = 0;

  constructor(engine: Engine, opts: RouterOptions) {
    this.handlers = buildHandlers({ engine, ...opts });
  }

  /** Requests the contract accepted so far (for tests: a refused request makes none). */
  get callCount(): number {
    return this.calls;
  }

  get subscriptionCount(): number {
    return this.subs.size;
  }

  async call(channel: unknown, rawArgs: unknown, owner = ANONYMOUS): Promise<Result<unknown>> {
    if (!isChannel(channel)) return unknownName('channel', channel);
    const v = validate(channels[channel].args, rawArgs);
    if (!v.ok) return v;
    this.calls += 1;
    try {
      const handler = this.handlers.calls[channel] as (a: unknown, c: { owner: string }) => Promise<unknown>;
      const value = await handler(v.value, { owner });
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  }

  /** Start a subscription owned by `owner`; returns an error result instead of a sink call when refused. */
  subscribe(owner: string, id: number, topic: unknown, rawArgs: unknown, sink: Sink): Result<null> {
    if (!isTopic(topic)) return unknownName('topic', topic);
    const v = validate(topics[topic].args, rawArgs);
    if (!v.ok) return v;
    const key = `${owner}:${id}`;
    if (this.subs.has(key)) return { ok: false, error: invalid('id', `Subscription ${id} already exists`) };
    const ac = new AbortController();
    this.subs.set(key, ac);
    this.calls += 1;
    const open = this.handlers.topics[topic] as (a: unknown, s: AbortSignal) => AsyncIterable<unknown>;
    void (async () => {
      try {
        // Opened inside the try: a stream that fails to start ends the subscription with its error.
        for await (const item of open(v.value, ac.signal)) {
          if (ac.signal.aborted) break;
          sink.data(item);
        }
        if (!ac.signal.aborted) sink.end();
      } catch (e) {
        if (!ac.signal.aborted) sink.end(toErrorData(e));
      } finally {
        if (this.subs.get(key) === ac) this.subs.delete(key);
      }
    })();
    return { ok: true, value: null };
  }

  unsubscribe(owner: string, id: number): void {
    const key = `${owner}:${id}`;
    this.subs.get(key)?.abort();
    this.subs.delete(key);
  }

  /**
   * A fire-and-forget message (keystrokes, resizes, acknowledgements): validated like a call, never answered.
   * The result is for tests and logs; transports drop it.
   */
  send(owner: string, message: unknown, rawArgs: unknown): Result<null> {
    if (!isMessage(message)) return unknownName('message', message);
    const v = validate(messages[message].args, rawArgs);
    if (!v.ok) return v;
    this.calls += 1;
    try {
      const handler = this.handlers.messages[message] as (a: unknown, c: { owner: string }) => void;
      handler(v.value, { owner });
      return { ok: true, value: null };
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  }

  /** A window closed, a page reloaded, a socket dropped: nothing of theirs may keep running. */
  disposeOwner(owner: string): number {
    let n = 0;
    for (const [key, ac] of this.subs) {
      if (key.startsWith(`${owner}:`)) {
        ac.abort();
        this.subs.delete(key);
        n += 1;
      }
    }
    return n;
  }

  disposeAll(): void {
    for (const ac of this.subs.values()) ac.abort();
    this.subs.clear();
  }
}
