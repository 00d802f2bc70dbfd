// Image pulls with per-layer progress bars. Pure reducer (tested) + a hook + the view.
import { useCallback, useState } from 'react';
import type { PullProgress } from '../../../core/model/types.js';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
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
  error?: string;
  finished: boolean;
}

export function startPull(reference: string): PullState {
  return { reference, layers: [], messages: [], finished: false };
}

export function reducePull(s: PullState, p: PullProgress): PullState {
  if (p.error) return { ...s, error: p.error, finished: true };
  if (p.imageId)
    return {
      ...s,
      imageId: p.imageId,
      finished: true,
      layers: s.layers.map((l) => ({ ...l, done: true, status: l.done ? l.status : 'Download complete' })),
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

export function PullProgressView({ state }: { state: PullState }) {
  return (
    <section className="pull card" aria-label={`Pulling ${state.reference}`}>
      <h2>
        {state.finished ? (state.error ? 'Pull failed' : 'Pulled') : 'Pulling'} {state.reference}
      </h2>
      {state.layers.map((l) => (
        <div key={l.id} className="layer">
          <code>{l.id}</code>
          <progress aria-label={`layer ${l.id}`} max={100} value={layerPercent(l)} />
          <span className="muted">{l.status}</span>
        </div>
      ))}
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.imageId ? <p className="ok">Image {state.imageId.slice(0, 12)}</p> : null}
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

export function usePull(): {
  state: PullState | undefined;
  run(reference: string): Promise<PullOutcome>;
  reset(): void;
} {
  const [state, setState] = useState<PullState>();
  const run = useCallback((reference: string) => {
    const api = useStore.getState().api;
    if (!api) return Promise.resolve({ ok: false });
    setState(startPull(reference));
    return new Promise<PullOutcome>((resolve) => {
      let ok = false;
      api.subscribe(
        'pull',
        { reference },
        (p) => {
          if (p.imageId) ok = true;
          setState((s) => (s ? reducePull(s, p) : s));
        },
        (err) => {
          if (err) {
            setState((s) =>
              s ? { ...s, error: `${err.message}${err.hint ? ` — ${err.hint}` : ''}`, finished: true } : s,
            );
            useStore.getState().toast('error', err.message, err.hint);
          } else if (ok) useStore.getState().toast('success', `Pulled ${reference}`);
          resolve(ok && !err ? { ok: true } : { ok: false, ...(err ? { error: err } : {}) });
        },
      );
    });
  }, []);
  return { state, run, reset: () => setState(undefined) };
}
