// An engine for integration tests: Burrow's real discovery and private service, on a socket of the test file's
// own (so a test that kills the service does not disturb anything else), closed after the file.
import { join } from 'node:path';
import { connectEngine, type ConnectOptions } from '../../engine.js';
import type { Engine } from '../../engine-api.js';
import { privateServiceStrategy } from '../../connection/discovery.js';

export function testSocketPath(tag = 'engine'): string {
  const dir = process.env.XDG_RUNTIME_DIR;
  if (!dir) throw new Error('XDG_RUNTIME_DIR is not set');
  return join(dir, `burrow-test-${process.pid}-${tag}`, 'podman.sock');
}

/**
 * With CONTAINER_HOST set (the guest suite points it at a forwarded remote socket) the tests use that engine;
 * otherwise each test file gets a private service of its own.
 */
export async function openTestEngine(opts: ConnectOptions & { tag?: string } = {}): Promise<Engine> {
  if (process.env.CONTAINER_HOST && !opts.strategies) return connectEngine(opts);
  return connectEngine({
    strategies: [
      privateServiceStrategy({
        socketPath: testSocketPath(opts.tag),
        ...(opts.onServiceEvent ? { onServiceEvent: opts.onServiceEvent } : {}),
      }),
    ],
    ...opts,
  });
}
