// Image pulls with per-layer progress bars. Pure reducer (tested) + a hook + the view.
import { useCallback } from 'react';
import type { PullProgress } from '../../../core/model/types.js';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import { useTopicJob } from '../data/jobs.js';
import { useStore } from '../store/store.js';

export interface LayerState {
  id: string;
  status: string;
  current?: number;
  total?: number;
  done: boolean;
}

export interface PullState {
  reference: string;
  layers: LayerState[];
  messages: string[];
  imageId?: string;
  /** What the final event says happened (a pull's or a push's outcome). */
  outcome?: string;
  error?: string;
  finished: boolean;
}

export function startPull(reference: string): PullState {
  return { reference, layers: [], messages: [], finished: false };
}

export function reducePull(s: PullState, p: PullProgress): PullState {
  if (p.error) return { ...s, error: p.error, finished: true };
  if (p.imageId || p.outcome)
    return {
      ...s,
      ...(p.imageId ? { imageId: p.imageId } : {}),
      ...(p.outcome ? { outcome: p.outcome } : {}),
      finished: true,
      layers: s.layers.map((l) => ({ ...l, done: true, status: l.done ? l.status : 'Complete' })),
    };
  if (!p.layer) return { ...s, messages: [...s.messages.slice(-20), p.status] };
  const done = /complete|exists/i.test(p.status);
  const i = s.layers.findIndex((l) => l.id === p.layer);
  const next: LayerState = {
    id: p.layer,
    status: p.status,
    ...(p.current !== undefined ? { current: p.current } : {}),
    ...(p.total !== undefined ? { total: p.total } : {}),
    done,
  };
  const layers =
    i < 0
      ? [...s.layers, next]
      : s.layers.map((l, j) => (j === i ? { ...l, ...next, done: l.done || done } : l));
  return { ...s, layers };
}

export function layerPercent(l: LayerState): number {
  if (l.done) return 100;
  if (l.total && l.current !== undefined) return Math.min(99, Math.round((l.current / l.total) * 100));
  return 5;
}

const PULL_WORDS = { going: 'Pulling', done: 'Pulled', failed: 'Pull failed' };

/** Layers with a bar each; `words` name the direction ("Pushing", "Pushed", "Push failed" for a push). */
export function PullProgressView({
  state,
  words = PULL_WORDS,
}: {
  state: PullState;
  words?: { going: string; done: string; failed: string };
}) {
  return (
    <section className="pull card" aria-label={`${words.going} ${state.reference}`}>
      <h2>
        {state.finished ? (state.error ? words.failed : words.done) : words.going} {state.reference}
      </h2>
      {state.layers.map((l) => (
        <div key={l.id} className="layer">
          <code>{l.id}</code>
          <progress aria-label={`layer ${l.id}`} max={100} value={layerPercent(l)} />
          <span className="muted">{l.status}</span>
        </div>
      ))}
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.outcome ? (
        <p className="ok" role="status">
          {state.outcome}
        </p>
      ) : state.imageId ? (
        <p className="ok">Image {state.imageId.slice(0, 12)}</p>
      ) : null}
      {!state.finished && state.messages.length ? (
        <p className="muted">{state.messages[state.messages.length - 1]}</p>
      ) : null}
    </section>
  );
}

export interface PullOutcome {
  ok: boolean;
  error?: BurrowErrorData;
}

/** A pull as a job: progress per layer, a toast with the outcome, and Cancel (which stops the engine's pull). */
export function usePull(): {
  state: PullState | undefined;
  run(reference: string): Promise<PullOutcome>;
  cancel(): void;
  reset(): void;
} {
  const { job, start, cancel, reset } = useTopicJob(
    'images.pull',
    (a) => startPull(a?.reference ?? ''),
    reducePull,
  );
  const run = useCallback(
    async (reference: string): Promise<PullOutcome> => {
      const end = await start({ reference });
      const err = end.error;
      if (err) useStore.getState().toast('error', err.message, err.hint);
      else if (end.phase === 'done' && end.state.imageId)
        useStore.getState().toast('success', end.state.outcome ?? `Pulled ${reference}`);
      return end.phase === 'done' && !err ? { ok: true } : { ok: false, ...(err ? { error: err } : {}) };
    },
    [start],
  );
  const state: PullState | undefined =
    job.phase === 'idle'
      ? undefined
      : {
          ...job.state,
          finished: job.phase !== 'running' || job.state.finished,
          ...(job.error
            ? { error: `${job.error.message}${job.error.hint ? ` — ${job.error.hint}` : ''}` }
            : job.phase === 'cancelled'
              ? { error: 'Cancelled' }
              : {}),
        };
  return { state, run, cancel, reset };
}
