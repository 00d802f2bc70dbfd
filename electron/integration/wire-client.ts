// A test client of the contract's wire: the same messages the renderer's client sends, over whatever moves them
// (a WebSocket to the headless host, or the dispatcher directly). Terminal sessions acknowledge what they
// receive, like the page does once xterm has written it.
import type { BurrowErrorData } from '../../core/errors.js';
import type { ClientMessage, Result, ServerMessage, TerminalOutput } from '../contract/index.js';

export class WireClient {
  private nextId = 1;
  private readonly listeners = new Set<(m: ServerMessage) => void>();

  constructor(private readonly out: (m: ClientMessage) => void) {}

  /** Feed a message that came back from the server. */
  receive(m: ServerMessage): void {
    for (const l of [...this.listeners]) l(m);
  }

  result(channel: string, args: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const on = (m: ServerMessage) => {
        if (m.t !== 'result' || m.id !== id) return;
        this.listeners.delete(on);
        resolve(m.result);
      };
      this.listeners.add(on);
      this.out({ t: 'call', id, channel, args });
    });
  }

  async call<T>(channel: string, args: unknown): Promise<T> {
    const r = await this.result(channel, args);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  }

  subscribe(
    topic: string,
    args: unknown,
    onData: (d: unknown) => void,
  ): { id: number; ended: Promise<BurrowErrorData | undefined> } {
    const id = this.nextId++;
    const ended = new Promise<BurrowErrorData | undefined>((resolve) => {
      const on = (m: ServerMessage) => {
        if (m.t === 'data' && m.id === id) onData(m.data);
        else if (m.t === 'end' && m.id === id) {
          this.listeners.delete(on);
          resolve(m.error);
        }
      };
      this.listeners.add(on);
    });
    this.out({ t: 'sub', id, topic, args });
    return { id, ended };
  }

  send(message: string, args: unknown): void {
    this.out({ t: 'send', message, args });
  }

  /** Attach to a terminal and follow its output from the snapshot on, acknowledging every chunk. */
  async attachTerminal(term: string): Promise<TerminalView> {
    const snap = await this.call<{ scrollback: string; seq: number }>('terminals.attach', { term });
    let text = snap.scrollback;
    let exitCode: number | undefined;
    const { id, ended } = this.subscribe('terminal', { term, after: snap.seq }, (d) => {
      const o = d as TerminalOutput;
      if (o.kind === 'exit') exitCode = o.code;
      else {
        text += o.data;
        this.send('terminals.ack', { term, bytes: Buffer.byteLength(o.data) });
      }
    });
    return {
      term,
      subscription: id,
      ended,
      output: () => text,
      exitCode: () => exitCode,
      type: (s: string) => this.send('terminals.input', { term, data: s }),
      waitFor: (pred: string | RegExp, timeoutMs = 30_000) =>
        until(
          () => (typeof pred === 'string' ? text.includes(pred) : pred.test(text)),
          timeoutMs,
          () => text,
        ),
    };
  }
}

export interface TerminalView {
  term: string;
  subscription: number;
  ended: Promise<BurrowErrorData | undefined>;
  output(): string;
  exitCode(): number | undefined;
  type(s: string): void;
  waitFor(pred: string | RegExp, timeoutMs?: number): Promise<void>;
}

export async function until(pred: () => boolean, timeoutMs = 20_000, show?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out${show ? `; output so far:\n${show()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
