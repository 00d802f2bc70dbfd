import { describe, expect, it } from 'vitest';
import { layerPercent, reducePull, startPull } from './pull.js';

describe('pull progress', () => {
  it('tracks layers to completion and the final image', () => {
    let s = startPull('127.0.0.1:5000/x:1');
    s = reducePull(s, { status: 'Trying to pull 127.0.0.1:5000/x:1...' });
    s = reducePull(s, { layer: 'aaa', status: 'Downloading' });
    s = reducePull(s, { layer: 'bbb', status: 'Downloading', current: 50, total: 200 });
    expect(s.layers.map((l) => layerPercent(l))).toEqual([5, 25]);
    s = reducePull(s, { layer: 'aaa', status: 'Download complete' });
    expect(s.layers[0]?.done).toBe(true);
    s = reducePull(s, { status: 'Pulled', imageId: 'f'.repeat(64) });
    expect(s.finished).toBe(true);
    expect(s.layers.every((l) => l.done && layerPercent(l) === 100)).toBe(true);
    expect(s.messages).toEqual(['Trying to pull 127.0.0.1:5000/x:1...']);
  });

  it('records an error and finishes', () => {
    const s = reducePull(startPull('x'), { status: 'Error', error: 'manifest unknown' });
    expect(s).toMatchObject({ finished: true, error: 'manifest unknown' });
  });
});
