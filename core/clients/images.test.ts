import { describe, expect, it } from 'vitest';
import { BurrowError } from '../errors.js';
import { PullProgressTracker, toSearchResult, withLoginHint } from './images.js';

describe('PullProgressTracker for a push', () => {
  it('reports each layer uploading, then complete when the config is copied', () => {
    const t = new PullProgressTracker('push');
    const lines = [
      'Getting image source signatures\n',
      'Copying blob sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef\n',
      'Copying blob sha256:b8ab62a30d1bd8202c4d2181cf5fd3c59bf61a38b9d19dfbf9ca22b7a125ce0b\n',
      'Copying config sha256:ce130edef6134666b57c130f48d5e76b3bd09d0b6d79d935584d28102f9bd697\n',
      'Writing manifest to image destination\n',
    ];
    const out = lines.flatMap((stream) => t.handle({ stream }));
    expect(out.filter((p) => p.layer).map((p) => `${p.layer} ${p.status}`)).toEqual([
      '5f70bf18a086 Uploading',
      'b8ab62a30d1b Uploading',
      '5f70bf18a086 Upload complete',
      'b8ab62a30d1b Upload complete',
    ]);
    expect(t.completeAll()).toEqual([]);
  });
  it('a layer the registry has is "Already exists"', () => {
    const t = new PullProgressTracker('push');
    expect(t.handle({ stream: 'Copying blob 5f70bf18a086 skipped: already exists\n' })).toEqual([
      { layer: '5f70bf18a086', status: 'Already exists' },
    ]);
  });
});

describe('search results', () => {
  it('maps libpod’s fields, tags only when listed', () => {
    expect(
      toSearchResult({
        Index: 'r:1',
        Name: 'r:1/a',
        Description: 'd',
        Stars: 3,
        Official: '[OK]',
        Automated: '',
        Tag: '',
      }),
    ).toEqual({ index: 'r:1', name: 'r:1/a', description: 'd', stars: 3, official: true, automated: false });
    expect(toSearchResult({ Name: 'r:1/a', Tag: 'v1' }).tag).toBe('v1');
  });
});

describe('withLoginHint', () => {
  it('turns a permission error into "log in to <registry>" on the given field', () => {
    const e = withLoginHint(
      new BurrowError({ code: 'permission', message: 'unauthorized', field: 'image' }),
      '127.0.0.1:5000/a/b:1',
      'destination',
    ) as BurrowError;
    expect([e.field, e.message]).toEqual(['destination', 'unauthorized']);
    expect(e.hint).toContain('Log in to 127.0.0.1:5000');
  });
  it('leaves other errors alone', () => {
    const other = new BurrowError({ code: 'not_found', message: 'x' });
    expect(withLoginHint(other, 'a/b', 'image')).toBe(other);
  });
});
