// The renderer's one client over a scripted wire: what goes out for each verb, what the views get back, and what
// happens to everything in flight when the link drops and comes back.
import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../../electron/contract/index.js';
import { createClient, LINK_LOST } from './client.js';
import { ApiError, invoke } from './types.js';
import type { Wire, WireEvents } from './wire.js';

function scriptedWire(kind: Wire['kind'] = 'websocket') {
  const sent: ClientMessage[] = [];
  let ev: WireEvents | undefined;
  const wire: Wire = {
    kind,
    send: (m) => void sent.push(m),
    start: (e) => void (ev = e),
  };
  return {
    wire,
    sent,
    up: () => ev!.up(),
    down: () => ev!.down(),
    reply: (m: ServerMessage) => ev!.message(m),
  };
}

describe('client', () => {
  it('subscribes once when subscribing before the link is up, and again after it comes back', () => {
    const w = scriptedWire();
    const t = createClient(w.wire);
    const ups: boolean[] = [];
    t.onConnection((u) => ups.push(u));
    const off = t.subscribe('engineStatus', {}, () => undefined);
    t.subscribe('events', {}, () => undefined);
    expect(w.sent).toEqual([]);
    w.up();
    expect(w.sent.filter((m) => m.t === 'sub').map((m) => m.t === 'sub' && m.topic)).toEqual([
      'engineStatus',
      'events',
    ]);
    w.down();
    w.sent.length = 0;
    w.up();
    expect(w.sent.filter((m) => m.t === 'sub').map((m) => m.t === 'sub' && m.topic)).toEqual([
      'engineStatus',
      'events',
    ]);
    expect(ups).toEqual([false, true, false, true]);
    off();
    expect(w.sent.at(-1)).toMatchObject({ t: 'unsub' });
    t.subscribe('logs', { id: 'c' }, () => undefined);
    expect(w.sent.at(-1)).toMatchObject({ t: 'sub', topic: 'logs', args: { id: 'c' } });
  });

  it('fails calls in flight with engine_unreachable when the link drops, and sends waiting calls when it is up', async () => {
    const w = scriptedWire();
    const t = createClient(w.wire);
    const early = t.call('containers.list', { all: true });
    w.up();
    expect(w.sent).toEqual([{ t: 'call', id: 1, channel: 'containers.list', args: { all: true } }]);
    const lost = t.call('system.ping', {});
    w.down();
    expect(await early).toEqual({ ok: false, error: LINK_LOST });
    expect(await lost).toEqual({ ok: false, error: LINK_LOST });
    const later = t.call('app.info', {});
    w.sent.length = 0;
    w.up();
    expect(w.sent).toEqual([{ t: 'call', id: 3, channel: 'app.info', args: {} }]);
    w.reply({ t: 'result', id: 3, result: { ok: true, value: { version: '1' } } });
    expect(await later).toEqual({ ok: true, value: { version: '1' } });
  });

  it('keeps the error’s code, hint and field all the way to the view', async () => {
    const w = scriptedWire('ipc');
    const t = createClient(w.wire);
    w.up();
    const p = invoke(t, 'terminals.open', { kind: 'exec', container: 'web' });
    const error = {
      code: 'not_found' as const,
      message: 'No such container web',
      hint: 'Is it removed?',
      field: 'container',
    };
    w.reply({ t: 'result', id: 1, result: { ok: false, error } });
    const e: unknown = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).data).toEqual(error);
  });

  it('sends fire-and-forget messages while up, drops them while down, and never throws', () => {
    const w = scriptedWire();
    const t = createClient(w.wire);
    t.send('terminals.input', { term: 't1', data: 'lost' });
    expect(w.sent).toEqual([]);
    w.up();
    t.send('terminals.ack', { term: 't1', bytes: 10 });
    expect(w.sent).toEqual([{ t: 'send', message: 'terminals.ack', args: { term: 't1', bytes: 10 } }]);
    w.wire.send = () => {
      throw new Error('socket closing');
    };
    expect(() => t.send('terminals.input', { term: 't1', data: 'x' })).not.toThrow();
  });

  it('delivers data to its subscription and ends it with the server’s error', () => {
    const w = scriptedWire();
    const t = createClient(w.wire);
    w.up();
    const got: unknown[] = [];
    const ends: unknown[] = [];
    t.subscribe(
      'terminal',
      { term: 't1', after: 0 },
      (d) => got.push(d),
      (e) => ends.push(e),
    );
    w.reply({ t: 'data', id: 1, data: { kind: 'data', seq: 1, data: 'hi' } });
    w.reply({ t: 'end', id: 1, error: { code: 'not_found', message: 'No terminal t1' } });
    w.reply({ t: 'data', id: 1, data: { kind: 'data', seq: 2, data: 'late' } });
    expect(got).toEqual([{ kind: 'data', seq: 1, data: 'hi' }]);
    expect(ends).toEqual([{ code: 'not_found', message: 'No terminal t1' }]);
    // Ended by the server: not subscribed again after a reconnect.
    w.down();
    w.sent.length = 0;
    w.up();
    expect(w.sent).toEqual([]);
  });
});
