import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseKube, withoutDocuments } from './plan.js';

const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  GREETING: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: localhost/init:1
      containers:
      - name: web
        image: localhost/burrow-test/busybox:latest
      - name: side
        image: localhost/burrow-test/busybox:latest
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: web-data
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: web-data
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
`;

describe('kube plans', () => {
  it('lists documents, images once each, and the volumes it makes or mounts', () => {
    const { plan } = parseKube(APP);
    expect(plan.documents).toEqual([
      { kind: 'ConfigMap', name: 'cfg', images: [], playable: true },
      {
        kind: 'Deployment',
        name: 'web',
        images: [
          'localhost/init:1',
          'localhost/burrow-test/busybox:latest',
          'localhost/burrow-test/busybox:latest',
        ],
        playable: true,
      },
      { kind: 'PersistentVolumeClaim', name: 'web-data', images: [], playable: true },
      { kind: 'Service', name: 'web', images: [], playable: false },
    ]);
    expect(plan.images).toEqual(['localhost/init:1', 'localhost/burrow-test/busybox:latest']);
    expect(plan.volumes).toEqual(['web-data']);
    expect(plan.warnings).toEqual(['Service web: Podman does not play this kind; it is skipped']);
  });

  it('refuses bad input naming the document', () => {
    const bad = (yaml: string) => {
      try {
        parseKube(yaml);
        return 'accepted';
      } catch (e) {
        return `${(e as { field: string }).field}: ${(e as Error).message}`;
      }
    };
    expect(bad('')).toBe('yaml: The YAML is empty');
    expect(bad('kind: Pod\nmetadata: {name: a}\nspec: {containers: [\n')).toMatch(
      /^yaml: Document 1 is not valid YAML \(line \d+\)/,
    );
    expect(bad('apiVersion: v1\nmetadata: {name: a}\n')).toBe('yaml: Document 1 has no kind');
    expect(bad('kind: Pod\nmetadata: {}\n')).toBe('yaml: Document 1 (Pod) has no metadata.name');
    expect(bad('kind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n')).toBe(
      'yaml: Pod p has no containers with an image',
    );
    expect(bad('kind: Service\nmetadata: {name: s}\n')).toMatch(
      /^yaml: Nothing here is playable \(Service\)/,
    );
    expect(bad('# just a comment\n')).toBe('yaml: The YAML has no Kubernetes objects');
  });

  it('drops documents and keeps the rest as a stream', () => {
    const parsed = parseKube(APP);
    const out = withoutDocuments(parsed, (d) => d.kind === 'PersistentVolumeClaim');
    const kinds = out.split('---\n').map((d) => (parse(d) as { kind: string }).kind);
    expect(kinds).toEqual(['ConfigMap', 'Deployment', 'Service']);
  });
});
