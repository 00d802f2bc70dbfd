// The secure one-shot runner: run an image and a command under the hardened preset, stream its output,
// report the exit code, and remove the container — whatever happens (success, failure, cancel).
import type { Engine } from '../engine-api.js';
import type { CreateContainerSpec } from '../model/types.js';
import { applyHardenedPreset, type HardenedOptions } from '../model/hardened.js';
import type { OneShotEvent } from '../model/insight.js';

export interface OneShotRequest extends HardenedOptions {
  image: string;
  command?: string[] | undefined;
  userns?: CreateContainerSpec['userns'] | undefined;
  network?: CreateContainerSpec['network'] | undefined;
}

export async function* runOneShot(
  engine: Engine,
  req: OneShotRequest,
  signal?: AbortSignal,
): AsyncGenerator<OneShotEvent> {
  const spec = applyHardenedPreset(
    {
      image: req.image,
      ...(req.command?.length ? { command: req.command } : {}),
      ...(req.userns ? { userns: req.userns } : {}),
      network: req.network ?? { kind: 'none' },
      labels: { 'io.burrow.one-shot': '1' },
    },
    req,
  );
  const { id } = await engine.containers.create(spec);
  try {
    yield { kind: 'created', id, spec };
    await engine.containers.start(id);
    for await (const line of engine.containers.logs(id, { follow: true, ...(signal ? { signal } : {}) })) {
      yield { kind: 'output', stream: line.stream, text: line.text };
    }
    if (signal?.aborted) return;
    yield { kind: 'exit', code: await engine.containers.wait(id) };
  } finally {
    await engine.containers.remove(id, { force: true }).catch(() => undefined);
  }
}
