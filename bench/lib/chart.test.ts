import { describe, expect, it } from 'vitest';
import { growthChart } from './chart.js';

describe('growth chart', () => {
  it('draws one line per series, x on a log scale', () => {
    const svg = growthChart('t', [
      {
        title: 'event → row p95',
        unit: 'ms',
        series: [
          {
            label: 'Burrow',
            points: [
              [10, 100],
              [100, 110],
              [1000, 120],
            ],
          },
          {
            label: 'floor',
            points: [
              [10, 90],
              [100, 95],
              [1000, NaN],
            ],
          },
        ],
      },
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    const xs =
      /points="([^"]+)"/
        .exec(svg)?.[1]
        ?.split(' ')
        .map((p) => Number(p.split(',')[0])) ?? [];
    expect(xs).toHaveLength(3);
    // equal steps on a log axis: 10 → 100 and 100 → 1000 are the same distance
    expect((xs[1] ?? 0) - (xs[0] ?? 0)).toBeCloseTo((xs[2] ?? 0) - (xs[1] ?? 0), 5);
    // a missing value is left out, not drawn at 0
    expect(/points="[^"]+"[^]*points="([^"]+)"/.exec(svg)?.[1]?.split(' ')).toHaveLength(2);
    expect(svg).toContain('event → row p95 (ms)');
  });
});
