// Add a tag to an image: "localhost:5000/team/app:2.0" is a repository and a tag (one image-reference parser).
// A bad tag shows under the field, whether this form or core refused it (core names it "repo").
import { useState, type FormEvent } from 'react';
import { parseImageRef, repositoryOf } from '../../../../core/model/image-ref.js';
import { invoke } from '../../api/types.js';
import { FormField, useFormErrors } from '../../components/form.js';
import { Dialog } from '../../components/ui.js';
import { invalidate } from '../../data/query-client.js';
import { useStore } from '../../store/store.js';

export function TagDialog({ imageId, onClose }: { imageId: string; onClose(): void }) {
  const [tag, setTag] = useState('');
  const form = useFormErrors(['tag', 'repo']);
  const error = form.error && { ...form.error, field: 'tag' };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const api = useStore.getState().api;
    const parsed = parseImageRef(tag.trim());
    if (!parsed || parsed.digest) {
      form.setError({
        code: 'invalid_input',
        field: 'tag',
        message: tag.trim() ? `"${tag}" is not a repository:tag` : 'Type the new tag',
        hint: 'For example localhost/myimage:v1 or localhost:5000/team/app:2.0',
      });
      return;
    }
    if (!api) return;
    void form
      .run(async () => {
        await invoke(api, 'images.tag', {
          name: imageId,
          repo: repositoryOf(parsed),
          tag: parsed.tag ?? 'latest',
        });
        return true;
      })
      .then((ok) => {
        if (!ok) return;
        useStore.getState().toast('success', `Tagged ${tag.trim()}`);
        invalidate('images.');
        onClose();
      });
  };
  return (
    <Dialog
      title="Tag image"
      onClose={onClose}
      footer={
        <button className="primary" type="submit" form="tag-form">
          Tag
        </button>
      }
    >
      <form id="tag-form" onSubmit={submit} aria-label="Tag image">
        <FormField
          id="tag-name"
          label="New tag"
          field="tag"
          error={error}
          value={tag}
          placeholder="localhost/myimage:v1"
          onChange={setTag}
        />
      </form>
    </Dialog>
  );
}
