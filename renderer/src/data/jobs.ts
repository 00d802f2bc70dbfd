// Long jobs (compose up/down, kube play, auto-update) are topics that stream lines and end with one `done` item.
// useJob keeps what a view shows of one: the lines (bounded), the other items it cares about, the outcome, and
// cancel. The outcome is toasted in words, the same words the job's last line says.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobDone, JobLine } from '../../../core/model/jobs.js';
import type { BurrowErrorData, Topic, TopicArgs, TopicData } from '../../../electron/contract/index.js';
import { useStore } from '../store/store.js';
import { invalidate } from './query-client.js';

const MAX_LINES = 5000;

export interface JobState {
  running: boolean;
  lines: JobLine[];
  done?: JobDone<unknown>;
  /** The job was refused or broke before it could say how it ended. */
  error?: BurrowErrorData;
}

type Item<T extends Topic> = TopicData<T>;

function isLine(x: unknown): x is JobLine {
  return (x as { kind?: unknown }).kind === 'line';
}

function isDone(x: unknown): x is JobDone<unknown> {
  return (x as { kind?: unknown }).kind === 'done';
}

export function useJob<T extends Topic>(
  topic: T,
  opts: { onItem?(item: Item<T>): void; invalidates?: string[] } = {},
): { state: JobState; start(args: TopicArgs<T>): void; cancel(): void } {
  const [state, setState] = useState<JobState>({ running: false, lines: [] });
  const stop = useRef<(() => void) | undefined>(undefined);
  const onItem = useRef(opts.onItem);
  onItem.current = opts.onItem;
  const invalidates = opts.invalidates;
  useEffect(() => () => stop.current?.(), []);
  const start = useCallback(
    (args: TopicArgs<T>) => {
      const api = useStore.getState().api;
      if (!api) return;
      stop.current?.();
      setState({ running: true, lines: [] });
      stop.current = api.subscribe(
        topic,
        args,
        (item) => {
          if (isLine(item)) setState((s) => ({ ...s, lines: [...s.lines, item].slice(-MAX_LINES) }));
          else if (isDone(item)) {
            setState((s) => ({ ...s, done: item }));
            if (item.ok) useStore.getState().toast('success', item.summary);
            else useStore.getState().toast('error', item.summary, item.error?.hint);
          } else onItem.current?.(item);
        },
        (error) => {
          stop.current = undefined;
          setState((s) => ({ ...s, running: false, ...(error ? { error } : {}) }));
          if (error) useStore.getState().toast('error', error.message, error.hint);
          if (invalidates?.length) invalidate(...invalidates);
        },
      );
    },
    [topic, invalidates],
  );
  const cancel = useCallback(() => {
    stop.current?.();
    stop.current = undefined;
    setState((s) => ({ ...s, running: false }));
  }, []);
  return { state, start, cancel };
}
