import { describe, expect, it } from 'vitest';
import { formatImageRef, imageRefHint, parseImageRef, repositoryOf } from './image-ref.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('image references', () => {
  it.each([
    ['alpine', { path: 'alpine' }],
    ['alpine:3.20', { path: 'alpine', tag: '3.20' }],
    ['library/alpine', { path: 'library/alpine' }],
    ['docker.io/library/alpine:3.20', { registry: 'docker.io', path: 'library/alpine', tag: '3.20' }],
    // A registry port is not a tag (the bug the hand-written tag split had).
    ['localhost:5000/img', { registry: 'localhost:5000', path: 'img' }],
    ['localhost:5000/img:v1', { registry: 'localhost:5000', path: 'img', tag: 'v1' }],
    [
      'localhost/burrow-test/busybox:latest',
      { registry: 'localhost', path: 'burrow-test/busybox', tag: 'latest' },
    ],
    ['[::1]:5000/a/b:c', { registry: '[::1]:5000', path: 'a/b', tag: 'c' }],
    [`quay.io/x/y@${DIGEST}`, { registry: 'quay.io', path: 'x/y', digest: DIGEST }],
    [`x/y:t@${DIGEST}`, { path: 'x/y', tag: 't', digest: DIGEST }],
  ])('%s', (input, parts) => {
    const r = parseImageRef(input);
    expect(r).toEqual(parts);
    expect(formatImageRef(r!)).toBe(input);
  });

  it.each([
    '',
    'Alpine',
    'a b',
    'img:',
    'img:-x',
    'x@sha256:zz',
    'a//b',
    'registry.io/',
    `${'a'.repeat(256)}`,
  ])('refuses %j', (input) => expect(parseImageRef(input)).toBeUndefined());

  it('names the repository with its registry and explains uppercase', () => {
    expect(repositoryOf(parseImageRef('localhost:5000/img:v1')!)).toBe('localhost:5000/img');
    expect(imageRefHint('docker.io/Library/Alpine')).toMatch(/lowercase/);
    expect(imageRefHint('a b')).toMatch(/looks like/);
  });
});
