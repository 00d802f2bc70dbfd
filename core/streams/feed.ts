// One producer, many consumers, each reading at its own pace: callbacks for in-process listeners (the tray, the
// desktop's notifications) and AsyncIterables for subscriptions that end with an AbortSignal (the router's
// topics). A consumer that stops reading never blocks the producer or the others.
export class Feed<T> {
  private readonly listeners = new Set<(item: T) => void>();

  get size(): number {
    return this.listeners.size;
  }

  publish(item: T): void {
    for (const fn of [...this.listeners]) fn(item);
  }

  listen(fn: (item: T) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Items published from now until `signal` aborts; `first` items are yielded before them. */
  async *stream(signal: AbortSignal, first: T[] = []): AsyncGenerator<T> {
    const queue: T[] = [...first];
    let wake: (() => void) | undefined;
    const off = this.listen((item) => {
      queue.push(item);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        const item = queue.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        await new Promise<void>((r) => {
          wake = r;
        });
        wake = undefined;
      }
    } finally {
      off();
      signal.removeEventListener('abort', onAbort);
    }
  }
}
