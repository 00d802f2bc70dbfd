// A unix socket in front of a real Podman socket that can hold one kind of request where the test says: its body
// after so many bytes (an upload caught part-way, however fast the engine reads), or the engine's answer (a step
// caught while the engine works). The bytes are the engine's own; nothing is rewritten. Held traffic moves again
// on release(); a client that goes away takes its engine connection with it, as a real link would — for a held
// body, once released (a paused socket reads nothing, its end included: holding it is what keeps the client's
// writes waiting, as a slow link does).
import { connect, createServer, type Socket } from 'node:net';
import { rm } from 'node:fs/promises';

export interface Gate {
  /** Requests whose first line matches, e.g. /^POST \S*\/images\/load/. */
  request: RegExp;
  /** Forward this many bytes of the request (headers included), then hold the rest. */
  bodyBytes?: number;
  /** Hold the engine's answer to it. */
  answer?: boolean;
}

export interface GatedSocket {
  path: string;
  /** Requests held now: a body stopped part-way, or an answer the engine has given and the client not got. */
  held(): number;
  /** The gate for requests that start from now on (undefined: none). */
  gate(g: Gate | undefined): void;
  /** Let every held request move on. */
  release(): void;
  stop(): Promise<void>;
}

export async function startGatedSocket(path: string, target: string): Promise<GatedSocket> {
  let current: Gate | undefined;
  const releases = new Set<() => void>();
  const holding = new Set<Socket>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const engine = connect(target);
    sockets.add(client).add(engine);
    let gate: Gate | undefined;
    let sent = 0;
    let heldAnswer: Buffer[] | undefined;
    const release = () => {
      releases.delete(release);
      holding.delete(client);
      if (gate) gate = { ...gate, bodyBytes: Infinity, answer: false };
      if (heldAnswer) for (const b of heldAnswer.splice(0)) client.write(b);
      heldAnswer = undefined;
      client.resume();
    };
    client.on('data', (chunk: Buffer) => {
      // A request starts at a write of its own (keep-alive connections carry one after another).
      if (current && current.request.test(chunk.toString('latin1', 0, 200))) {
        gate = { ...current };
        sent = 0;
        if (gate.answer) heldAnswer = [];
        releases.add(release);
      }
      engine.write(chunk);
      sent += chunk.length;
      if (gate?.bodyBytes !== undefined && sent >= gate.bodyBytes) {
        client.pause();
        holding.add(client);
      }
    });
    engine.on('data', (chunk: Buffer) => {
      if (heldAnswer) {
        heldAnswer.push(chunk);
        holding.add(client);
      } else client.write(chunk);
    });
    const end = () => {
      releases.delete(release);
      holding.delete(client);
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    client.on('close', end).on('error', end);
    engine.on('close', () => (heldAnswer ? undefined : end())).on('error', end);
  });
  await rm(path, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  return {
    path,
    held: () => holding.size,
    gate: (g) => (current = g),
    release: () => {
      for (const r of [...releases]) r();
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
      await rm(path, { force: true });
    },
  };
}
