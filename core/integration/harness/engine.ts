// An engine for integration tests: Burrow's real discovery and private service, on a socket of the test file's
// own (so a test that kills the service does not disturb anything else), closed after the file.
import { join } from 'node:path';
import { connectEngine, type ConnectOptions } from '../../engine.js';
import type { Engine } from '../../engine-api.js';
import { privateServiceStrategy, sshStrategy } from '../../connection/discovery.js';
import { guestTarget, onGuest } from './target.js';

export function testSocketPath(tag = 'engine'): string {
  const dir = process.env.XDG_RUNTIME_DIR;
  if (!dir) throw new Error('XDG_RUNTIME_DIR is not set');
  return join(dir, `burrow-test-${process.pid}-${tag}`, 'podman.sock');
}

/**
 * On the guest: Burrow's SSH connection to the guest's Podman (a tunnel of the test file's own, supervised like
 * the private service). Here: each test file gets a private service of its own.
 */
export async function openTestEngine(opts: ConnectOptions & { tag?: string } = {}): Promise<Engine> {
  if (onGuest && !opts.strategies) {
    const g = guestTarget();
    return connectEngine({
      strategies: [
        sshStrategy({
          uri: g.uri,
          identity: g.identity,
          knownHostsFile: '/dev/null',
          localSocket: testSocketPath(opts.tag),
          ...(opts.onServiceEvent ? { onEvent: opts.onServiceEvent } : {}),
        }),
      ],
      ...opts,
    });
  }
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
