// What a Kubernetes YAML holds before Podman plays it: each document's kind and name, the images its containers
// run (so they can be pulled first, with progress), and the named volumes it creates or mounts. Bad input is
// refused here with the document and line at fault, before the engine sees it.
import { parseAllDocuments, stringify, type Document } from 'yaml';
import { invalidInput } from '../errors.js';
import { PLAYABLE_KINDS, type KubeDocument, type KubePlan } from '../model/kube.js';

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The pod spec of a Pod, or of a Deployment/DaemonSet/Job template. */
function podSpec(kind: string, o: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = record(o.spec);
  if (kind === 'Pod') return spec;
  return record(record(spec?.template)?.spec);
}

function imagesOf(spec: Record<string, unknown> | undefined): string[] {
  if (!spec) return [];
  return [...list(spec.initContainers), ...list(spec.containers)]
    .map((c) => record(c)?.image)
    .filter((i): i is string => typeof i === 'string' && i !== '');
}

function claimsOf(spec: Record<string, unknown> | undefined): string[] {
  if (!spec) return [];
  return list(spec.volumes)
    .map((v) => record(record(v)?.persistentVolumeClaim)?.claimName)
    .filter((c): c is string => typeof c === 'string' && c !== '');
}

export interface ParsedKube {
  plan: KubePlan;
  documents: Document.Parsed[];
}

export function parseKube(yaml: string, field = 'yaml'): ParsedKube {
  if (!yaml.trim())
    throw invalidInput(
      field,
      'The YAML is empty',
      'Paste a Pod, Deployment, ConfigMap or PersistentVolumeClaim.',
    );
  const docs = parseAllDocuments(yaml);
  if (!Array.isArray(docs))
    throw invalidInput(
      field,
      'The YAML has no documents',
      'Paste a Kubernetes object (apiVersion, kind, metadata).',
    );
  const documents: KubeDocument[] = [];
  const images: string[] = [];
  const volumes: string[] = [];
  const warnings: string[] = [];
  const kept: Document.Parsed[] = [];
  for (const [i, doc] of docs.entries()) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line;
      throw invalidInput(
        field,
        `Document ${i + 1} is not valid YAML${line ? ` (line ${line})` : ''}: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        'Fix the YAML; documents are separated by lines of ---.',
      );
    }
    const o = record(doc.toJS());
    if (!o) continue; // an empty document (a trailing ---)
    const kind = typeof o.kind === 'string' ? o.kind : '';
    const name = typeof record(o.metadata)?.name === 'string' ? (record(o.metadata)?.name as string) : '';
    if (!kind)
      throw invalidInput(
        field,
        `Document ${i + 1} has no kind`,
        'Every document needs apiVersion, kind and metadata.name.',
      );
    if (!name)
      throw invalidInput(field, `Document ${i + 1} (${kind}) has no metadata.name`, 'Give it a name.');
    const playable = (PLAYABLE_KINDS as readonly string[]).includes(kind);
    const spec = podSpec(kind, o);
    const docImages = imagesOf(spec);
    if (['Pod', 'Deployment', 'DaemonSet', 'Job'].includes(kind) && docImages.length === 0)
      throw invalidInput(
        field,
        `${kind} ${name} has no containers with an image`,
        'List its containers under spec (or spec.template.spec).',
      );
    for (const img of docImages) if (!images.includes(img)) images.push(img);
    for (const c of claimsOf(spec)) if (!volumes.includes(c)) volumes.push(c);
    if (kind === 'PersistentVolumeClaim' && !volumes.includes(name)) volumes.push(name);
    if (!playable) warnings.push(`${kind} ${name}: Podman does not play this kind; it is skipped`);
    documents.push({ kind, name, images: docImages, playable });
    kept.push(doc);
  }
  if (documents.length === 0)
    throw invalidInput(
      field,
      'The YAML has no Kubernetes objects',
      'Paste a Pod, Deployment, ConfigMap or PersistentVolumeClaim.',
    );
  if (!documents.some((d) => d.playable))
    throw invalidInput(
      field,
      `Nothing here is playable (${documents.map((d) => d.kind).join(', ')})`,
      `Podman plays ${PLAYABLE_KINDS.join(', ')}.`,
    );
  return { plan: { documents, images, volumes, warnings }, documents: kept };
}

/** The YAML without some documents (a multi-document stream again). */
export function withoutDocuments(parsed: ParsedKube, drop: (d: KubeDocument) => boolean): string {
  return parsed.documents
    .filter((_, i) => !drop(parsed.plan.documents[i] as KubeDocument))
    .map((d) => stringify(d.toJS()))
    .join('---\n');
}
