// The user namespace as explained choices, with the live preview of which host uid the process gets.
import type { CreatePreview } from '../../../../core/model/insight.js';
import { FieldError, type SectionProps } from './fields.js';
import type { UsernsChoice } from './form-model.js';

const CHOICES: { kind: UsernsChoice; title: string; text: string }[] = [
  {
    kind: 'host',
    title: 'Default (host)',
    text: 'Container root is you. Other users in the image (USER 1001…) become your subordinate uids and cannot touch your files.',
  },
  {
    kind: 'keep-id',
    title: 'keep-id',
    text: 'Your uid appears inside as itself and the process runs as you: files written to bind mounts stay yours.',
  },
  {
    kind: 'keep-id-ids',
    title: 'keep-id with uid/gid',
    text: 'Map your uid onto the image’s user (e.g. 1001): an image with USER 1001 can write to your directories.',
  },
  {
    kind: 'nomap',
    title: 'nomap',
    text: 'You are not mapped at all: the strongest isolation; your files look owned by nobody.',
  },
  {
    kind: 'auto',
    title: 'auto',
    text: 'Podman picks a free range of your subordinate ids for this container alone (optionally of a given size).',
  },
];

export function UsernsSection({
  form,
  set,
  issues,
  preview,
}: SectionProps & { preview: CreatePreview | undefined }) {
  const at = issues('userns');
  return (
    <fieldset data-control="userns">
      <legend>User namespace</legend>
      <div role="radiogroup" aria-label="User namespace mode" className="choices">
        {CHOICES.map((c) => (
          <label key={c.kind} className={`choice${form.usernsKind === c.kind ? ' selected' : ''}`}>
            <input
              type="radio"
              name="userns"
              value={c.kind}
              checked={form.usernsKind === c.kind}
              aria-invalid={at.length > 0 && form.usernsKind === c.kind && c.kind !== 'keep-id-ids'}
              onChange={() => set('usernsKind', c.kind)}
            />
            <span>
              <strong>{c.title}</strong>
              <span className="muted"> — {c.text}</span>
            </span>
          </label>
        ))}
      </div>
      {form.usernsKind === 'keep-id-ids' ? (
        <div className="row-fields">
          {(['uid', 'gid'] as const).map((id) => {
            const key = id === 'uid' ? 'keepUid' : 'keepGid';
            return (
              <input
                key={id}
                aria-label={`keep-id ${id}`}
                placeholder={`${id} (e.g. 1001)`}
                value={form[key]}
                aria-invalid={at.length > 0}
                onChange={(e) => set(key, e.target.value)}
              />
            );
          })}
        </div>
      ) : null}
      {form.usernsKind === 'auto' ? (
        <input
          aria-label="auto size"
          placeholder="size (e.g. 65536; empty: Podman's default)"
          value={form.autoSize}
          aria-invalid={at.length > 0}
          onChange={(e) => set('autoSize', e.target.value)}
        />
      ) : null}
      {preview ? (
        <p className="preview" role="status" aria-label="Mapping preview">
          {preview.process.sentence} (container uid {preview.process.containerUid})
        </p>
      ) : null}
      <FieldError issues={at} control="userns" />
    </fieldset>
  );
}
