import { describe, expect, it } from 'vitest';
import { isFieldError } from '../components/form.js';
import { reduceArchive, startArchive } from '../components/job-progress.js';
import { suggestDestination } from './images/push-dialog.js';
import { reducePull, startPull } from './pull.js';
import { parseLabels } from './secrets.js';
import { pruneOutcome } from './volumes.js';

describe('archive progress', () => {
  it('keeps bytes, the size when known, the step, and the outcome', () => {
    let s = reduceArchive(startArchive(), { kind: 'status', text: 'writing' });
    s = reduceArchive(s, { kind: 'bytes', bytes: 5, total: 10 });
    s = reduceArchive(s, { kind: 'bytes', bytes: 8 });
    expect(s).toMatchObject({ bytes: 8, total: 10, status: 'writing' });
    s = reduceArchive(s, { kind: 'done', outcome: 'Saved', path: '/a', bytes: 10 });
    expect(s.done?.outcome).toBe('Saved');
  });
});

describe('load progress', () => {
  it('remembers that the engine has reached a step Cancel cannot stop', () => {
    let s = reduceArchive(startArchive(), { kind: 'bytes', bytes: 10, total: 10 });
    expect(s.cancellable).toBeUndefined();
    s = reduceArchive(s, { kind: 'status', text: 'loading', cancellable: false });
    expect(s).toMatchObject({ bytes: 10, status: 'loading', cancellable: false });
    s = reduceArchive(s, { kind: 'done', outcome: 'Loaded', path: '/a', bytes: 10 });
    expect(s.cancellable).toBe(false);
  });
});

describe('push progress', () => {
  it('a push ends with its outcome (no image id)', () => {
    let s = reducePull(startPull('r:1/a:v1'), { layer: 'aaa', status: 'Uploading' });
    s = reducePull(s, { status: 'Pushed', outcome: 'Pushed a to r:1/a:v1' });
    expect(s).toMatchObject({ finished: true, outcome: 'Pushed a to r:1/a:v1' });
    expect(s.layers.every((l) => l.done)).toBe(true);
  });
  it('suggests the destination on a registry the user is logged in to', () => {
    expect(suggestDestination('127.0.0.1:5000', 'localhost/team/app:v1')).toBe('127.0.0.1:5000/team/app:v1');
    expect(suggestDestination('quay.io', 'docker.io/library/alpine')).toBe('quay.io/library/alpine');
    expect(suggestDestination(undefined, 'a')).toBe('');
  });
});

describe('small forms', () => {
  it('an error belongs to a field and what is inside it', () => {
    expect(isFieldError({ code: 'invalid_input', message: '', field: 'images[0]' }, 'images')).toBe(true);
    expect(isFieldError({ code: 'invalid_input', message: '', field: 'imagesx' }, 'images')).toBe(false);
    expect(isFieldError(undefined, 'images')).toBe(false);
  });
  it('labels are key=value pairs split by commas or lines', () => {
    expect(parseLabels('a=1, b = 2\nc')).toEqual({ a: '1', b: '2', c: '' });
    expect(parseLabels('  ')).toBeUndefined();
  });
  it('a prune says what it removed and the space it gave back', () => {
    expect(pruneOutcome({ removed: ['a', 'b'], reclaimedBytes: 2000 })).toBe(
      'Removed a, b; reclaimed 2.0 KB',
    );
    expect(pruneOutcome({ removed: [], reclaimedBytes: 0 })).toBe('No unused volumes to remove');
    expect(pruneOutcome({ removed: ['1', '2', '3', '4', '5', '6', '7'], reclaimedBytes: 0 })).toContain(
      'and 2 more',
    );
  });
});
