import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  declaredHint,
  fieldPath,
  hinted,
  pathOf,
  problem,
  says,
  whenSound,
  zodIssues,
} from './schema-issues.js';

const schema = z
  .strictObject({
    port: hinted(
      z.number().int({ error: 'not a port' }).min(1, { error: 'not a port' }),
      'Ports are 1 to 65535.',
    ),
    word: z.string().refine(
      (w) => w !== 'bad',
      says((w) => `"${String(w)}" is bad`, 'Pick a good word.'),
    ),
    items: z.array(z.strictObject({ n: hinted(z.number(), 'A number, like 3.') })).optional(),
    a: z.number().optional(),
    b: z.number().optional(),
  })
  .superRefine(
    (o, ctx) => {
      if (o.a !== undefined && o.b !== undefined && o.a > o.b)
        problem(ctx, 'a is above b', 'Swap them.', 'a');
    },
    whenSound('a', 'b'),
  );

const issues = (input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : zodIssues(r.error, schema, 'fallback');
};

describe('zod issues as Burrow issues', () => {
  it('names fields the way Burrow does, both ways', () => {
    expect(fieldPath(['ports', 0, 'hostPort'])).toBe('ports[0].hostPort');
    expect(pathOf('ports[0].hostPort')).toEqual(['ports', 0, 'hostPort']);
    expect(pathOf(fieldPath(['a', 'b', 3, 4, 'c']))).toEqual(['a', 'b', 3, 4, 'c']);
  });

  it('takes the hint from the rule, else the field, else what zod found, else the caller', () => {
    expect(issues({ port: 0.5, word: 'bad', items: [{ n: 'x' }], extra: 1 })).toEqual([
      { field: 'port', message: 'not a port', hint: 'Ports are 1 to 65535.' },
      { field: 'word', message: '"bad" is bad', hint: 'Pick a good word.' },
      { field: 'items[0].n', message: expect.stringContaining('expected number'), hint: 'A number, like 3.' },
      {
        field: 'extra',
        message: expect.stringContaining('extra'),
        hint: 'Remove this field, or check its spelling.',
      },
    ]);
    expect(declaredHint(schema, 'items[2].n')).toBe('A number, like 3.');
    expect(declaredHint(schema, 'word')).toBeUndefined();
  });

  it('runs a cross-field rule when the fields it reads are sound, whatever else failed', () => {
    expect(issues({ port: 'x', word: 'ok', a: 2, b: 1 }).map((i) => i.field)).toEqual(['port', 'a']);
    expect(issues({ port: 1, word: 'ok', a: 2, b: 'x' }).map((i) => i.field)).toEqual(['b']);
    expect(issues(null).map((i) => i.field)).toEqual(['spec']);
  });
});
