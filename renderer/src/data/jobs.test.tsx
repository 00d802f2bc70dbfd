import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import type { ArchiveEvent } from '../../../core/model/types.js';
import type { Transport } from '../api/types.js';
import { reduceArchive, startArchive } from '../components/job-progress.js';
import { useStore } from '../store/store.js';
import { useTopicJob } from './jobs.js';

/** A transport whose one subscription the test drives by hand. */
function fakeTransport() {
  const sub: {
    topic?: string;
    args?: unknown;
    data?: (d: unknown) => void;
    end?: (e?: BurrowErrorData) => void;
    unsubscribed: number;
  } = { unsubscribed: 0 };
  const t = {
    subscribe(
      topic: string,
      args: unknown,
      onData: (d: unknown) => void,
      onEnd?: (e?: BurrowErrorData) => void,
    ) {
      Object.assign(sub, { topic, args, data: onData, end: onEnd });
      return () => {
        sub.unsubscribed += 1;
      };
    },
  } as unknown as Transport;
  return { t, sub };
}

afterEach(() => useStore.setState({ api: undefined }));

describe('useTopicJob', () => {
  it('folds items, finishes with the done outcome, and resolves start with the final job', async () => {
    const { t, sub } = fakeTransport();
    useStore.setState({ api: t });
    const { result } = renderHook(() => useTopicJob('images.save', startArchive, reduceArchive));
    let ended: Promise<unknown> = Promise.resolve();
    act(() => {
      ended = result.current.start({ images: ['a'], path: '/tmp/a.tar' });
    });
    expect(sub.topic).toBe('images.save');
    act(() => sub.data?.({ kind: 'bytes', bytes: 10, total: 20 } satisfies ArchiveEvent));
    expect(result.current.job).toMatchObject({ phase: 'running', state: { bytes: 10, total: 20 } });
    const done: ArchiveEvent = { kind: 'done', outcome: 'Saved a', path: '/tmp/a.tar', bytes: 20 };
    act(() => {
      sub.data?.(done);
      sub.end?.();
    });
    await expect(ended).resolves.toMatchObject({ phase: 'done', state: { done } });
    expect(result.current.job.phase).toBe('done');
  });

  it('cancel unsubscribes (core aborts the job) and ignores what arrives after', async () => {
    const { t, sub } = fakeTransport();
    useStore.setState({ api: t });
    const { result } = renderHook(() => useTopicJob('volumes.export', startArchive, reduceArchive));
    let ended: Promise<unknown> = Promise.resolve();
    act(() => {
      ended = result.current.start({ name: 'v', path: '/tmp/v.tar' });
    });
    act(() => result.current.cancel());
    expect(sub.unsubscribed).toBe(1);
    act(() => sub.data?.({ kind: 'bytes', bytes: 99 }));
    await expect(ended).resolves.toMatchObject({ phase: 'cancelled' });
    expect(result.current.job.state.bytes).toBe(0);
  });

  it('an error ends it failed with core’s error; unmounting a running job unsubscribes', async () => {
    const { t, sub } = fakeTransport();
    useStore.setState({ api: t });
    const { result, unmount } = renderHook(() => useTopicJob('images.load', startArchive, reduceArchive));
    let ended: Promise<unknown> = Promise.resolve();
    act(() => {
      ended = result.current.start({ path: 'x' });
    });
    const error: BurrowErrorData = { code: 'invalid_input', field: 'path', message: 'absolute', hint: 'h' };
    act(() => sub.end?.(error));
    await expect(ended).resolves.toMatchObject({ phase: 'failed', error });
    act(() => {
      void result.current.start({ path: '/y' });
    });
    unmount();
    expect(sub.unsubscribed).toBe(1);
  });
});
