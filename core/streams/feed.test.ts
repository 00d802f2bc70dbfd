import { describe, expect, it } from 'vitest';
import { Feed } from './feed.js';

describe('Feed', () => {
  it('hands every item to every listener and stream, in order, and forgets them when they leave', async () => {
    const feed = new Feed<number>();
    const heard: number[] = [];
    const off = feed.listen((n) => heard.push(n));
    const ac = new AbortController();
    const got: number[] = [];
    const reading = (async () => {
      for await (const n of feed.stream(ac.signal, [0])) {
        got.push(n);
        if (n === 3) ac.abort();
      }
    })();
    await Promise.resolve();
    for (const n of [1, 2, 3]) feed.publish(n);
    await reading;
    off();
    feed.publish(4);
    expect(heard).toEqual([1, 2, 3]);
    expect(got).toEqual([0, 1, 2, 3]);
    expect(feed.size).toBe(0);
  });

  it('a stream aborted while waiting ends', async () => {
    const feed = new Feed<string>();
    const ac = new AbortController();
    const done = (async () => {
      const all: string[] = [];
      for await (const s of feed.stream(ac.signal)) all.push(s);
      return all;
    })();
    await Promise.resolve();
    ac.abort();
    expect(await done).toEqual([]);
    expect(feed.size).toBe(0);
  });
});
