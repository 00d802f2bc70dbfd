// Add a tag to an image: "localhost:5000/team/app:2.0" is a repository and a tag (one image-reference parser).
import { useState, type FormEvent } from 'react';
import { parseImageRef, repositoryOf } from '../../../../core/model/image-ref.js';
import { Dialog } from '../../components/ui.js';
import { runChannel } from '../../data/queries.js';
import { useStore } from '../../store/store.js';

export function TagDialog({ imageId, onClose }: { imageId: string; onClose(): void }) {
  const [tag, setTag] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseImageRef(tag);
    if (!parsed || parsed.digest) {
      useStore
        .getState()
        .toast(
          'error',
          `"${tag}" is not a repository:tag`,
          'For example localhost/myimage:v1 or localhost:5000/team/app:2.0',
        );
      return;
    }
    void runChannel(
      'images.tag',
      { name: imageId, repo: repositoryOf(parsed), tag: parsed.tag ?? 'latest' },
      { done: `Tagged ${tag}`, invalidates: ['images.'], then: onClose },
    );
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
        <label htmlFor="tag-name">New tag</label>
        <input
          id="tag-name"
          value={tag}
          placeholder="localhost/myimage:v1"
          onChange={(e) => setTag(e.target.value)}
        />
      </form>
    </Dialog>
  );
}
