// Podman 4's events file is rotated at its size limit: the newer half is kept and renamed over the file, and every
// streaming reader reads that half again from its start — events it already had, and events from before it
// connected. Burrow's event stream must pass on neither (core/clients/events.ts, ReplayFilter): the live list
// would re-fetch every container they name and notifications could tell of old exits again. Here the rotation is
// real: a Podman service and CLI of the test's own, sharing an events file with a small limit (containers.conf
// `events_logfile_max_size`), so it rotates after a few dozen events without touching the user's own log.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateServiceStrategy } from '../connection/discovery.js';
import { connectEngine } from '../engine.js';
import type { Engine } from '../engine-api.js';
import type { EngineEvent } from '../model/types.js';
import { testSocketPath } from './harness/engine.js';
import { uniqueName } from './harness/fixtures.js';
import { onGuest } from './harness/target.js';
import { until } from './harness/until.js';

const run = promisify(execFile);
const prefix = uniqueName('evrot');
// Volume events are ~115 bytes each in the file: a 12 kB limit rotates after ~100 events, keeping ~6 kB.
const LIMIT = 12_000;

// Podman 5 (the guest) skips the replayed half itself; the duplication this guards against is Podman 4's.
describe.skipIf(onGuest)('events after Podman rotates its events file', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let engine: Engine;
  const podman = (...args: string[]) => run('podman', args, { env });
  const logSize = async () => (await stat(join(dir, 'events.log'))).size;

  beforeAll(async () => {
    dir = await mkdtemp(join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'burrow-evrot-'));
    await writeFile(
      join(dir, 'containers.conf'),
      [
        '[engine]',
        'events_logger = "file"',
        `events_logfile_path = "${join(dir, 'events.log')}"`,
        `events_logfile_max_size = "${LIMIT}"`,
        '',
      ].join('\n'),
    );
    env = { ...process.env, CONTAINERS_CONF: join(dir, 'containers.conf') };
    engine = await connectEngine({
      env,
      strategies: [privateServiceStrategy({ socketPath: testSocketPath('evrot') })],
    });
  });

  afterAll(async () => {
    // Every volume is removed right after it is made but the one that marks the stream open, kept to the end.
    await podman('volume', 'rm', '-f', `${prefix}-new-0`).catch(() => undefined);
    await engine?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes on each event once and nothing from before the stream started', async () => {
    // History: three quarters of the limit written before anyone listens, so the half kept at rotation holds
    // events older than the stream.
    let old = 0;
    while ((await logSize().catch(() => 0)) < LIMIT * 0.75) {
      old += 1;
      await podman('volume', 'create', `${prefix}-old-${old}`);
      await podman('volume', 'rm', `${prefix}-old-${old}`);
    }

    // The stream's start is known to the second (the response's Date header, less a second of slack): history
    // in real life is minutes old; here it is made a few seconds old.
    await new Promise((r) => setTimeout(r, 2_500));

    const seen: Exclude<EngineEvent, { kind: 'resync' }>[] = [];
    const ac = new AbortController();
    const reading = (async () => {
      for await (const ev of engine.events.stream({ signal: ac.signal }))
        if (ev.kind !== 'resync') seen.push(ev);
    })();
    // The stream is open once an event made now arrives on it.
    await podman('volume', 'create', `${prefix}-new-0`);
    await until(
      async () => seen.some((e) => e.name === `${prefix}-new-0`),
      (v) => v,
      50,
    );

    // New events until the file shrinks (rotated), then a few more and a last one to wait for.
    let made = 0;
    let rotated = false;
    while (!rotated || made < 5) {
      made += 1;
      const before = await logSize();
      await podman('volume', 'create', `${prefix}-new-${made}`);
      await podman('volume', 'rm', `${prefix}-new-${made}`);
      if ((await logSize()) < before) rotated = true;
      if (made > 400) throw new Error(`the events file never rotated at ${LIMIT} bytes`);
    }
    await podman('volume', 'rm', `${prefix}-new-0`);
    await until(
      async () => seen.some((e) => e.name === `${prefix}-new-0` && e.action === 'remove'),
      (v) => v,
      50,
    );
    ac.abort();
    await reading;

    // A volume's event names it (its Actor has no id).
    const ours = seen.filter((e) => e.kind === 'volume' && e.name?.startsWith(prefix));
    expect(ours.filter((e) => e.name?.includes('-old-')).map((e) => `${e.action} ${e.name}`)).toEqual([]);
    const expected = [`create ${prefix}-new-0`];
    for (let i = 1; i <= made; i++) expected.push(`create ${prefix}-new-${i}`, `remove ${prefix}-new-${i}`);
    expected.push(`remove ${prefix}-new-0`);
    expect(ours.map((e) => `${e.action} ${e.name}`)).toEqual(expected);
  });
});
