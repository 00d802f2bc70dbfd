// Save images to a tar archive and load them from one, with byte progress, the outcome, and Cancel.
import { useState, type FormEvent } from 'react';
import { FieldError, fieldProps } from '../../components/form.js';
import { ArchiveProgress, reduceArchive, startArchive } from '../../components/job-progress.js';
import { Dialog } from '../../components/ui.js';
import { useFilesNote } from '../../data/engine-host.js';
import { useTopicJob } from '../../data/jobs.js';
import { invalidate } from '../../data/query-client.js';

const SAVE_FIELDS = ['path', 'images', 'format'];

/** `images`: the image's tags (all kept in the archive), or its id when it has none. */
export function SaveImageDialog({ images, onClose }: { images: string[]; onClose(): void }) {
  const image = images[0] ?? '';
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<'docker-archive' | 'oci-archive'>('docker-archive');
  const [overwrite, setOverwrite] = useState(false);
  const { job, start, cancel } = useTopicJob('images.save', startArchive, reduceArchive);
  const note = useFilesNote();
  const running = job.phase === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An OCI archive holds one reference: the first tag.
    void start({ images: format === 'oci-archive' ? [image] : images, path, format, overwrite });
  };
  return (
    <Dialog
      title={`Save ${image}`}
      onClose={onClose}
      footer={
        running ? (
          <button onClick={cancel}>Cancel</button>
        ) : (
          <button className="primary" type="submit" form="save-form">
            Save
          </button>
        )
      }
    >
      <form id="save-form" className="form-stack" onSubmit={submit} aria-label="Save image">
        {images.length > 1 ? (
          <p className="muted">Tags kept in a docker-archive: {images.join(', ')}</p>
        ) : null}
        <label htmlFor="save-path">Archive file (absolute path)</label>
        <input
          id="save-path"
          value={path}
          placeholder="/home/you/images/app.tar"
          onChange={(e) => setPath(e.target.value)}
          disabled={running}
          {...fieldProps(job.error, 'path')}
        />
        <FieldError error={job.error} field="path" />
        <FieldError error={job.error} field="images" />
        <label htmlFor="save-format">Format</label>
        <select
          id="save-format"
          value={format}
          disabled={running}
          onChange={(e) => setFormat(e.target.value as typeof format)}
        >
          <option value="docker-archive">docker-archive (podman save's default)</option>
          <option value="oci-archive">oci-archive</option>
        </select>
        <FieldError error={job.error} field="format" />
        <label className="option">
          <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
          Replace the file if it exists
        </label>
        <p className="muted">{note}</p>
      </form>
      <ArchiveProgress label="Saving" job={job} fields={SAVE_FIELDS} />
    </Dialog>
  );
}

export function LoadImagesDialog({ onClose }: { onClose(): void }) {
  const [path, setPath] = useState('');
  const { job, start, cancel } = useTopicJob('images.load', startArchive, reduceArchive);
  const note = useFilesNote();
  const running = job.phase === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start({ path }).then(() => invalidate('images.'));
  };
  return (
    <Dialog
      title="Load images"
      onClose={onClose}
      footer={
        running ? (
          <button onClick={cancel}>Cancel</button>
        ) : (
          <button className="primary" type="submit" form="load-form">
            Load
          </button>
        )
      }
    >
      <form id="load-form" className="form-stack" onSubmit={submit} aria-label="Load images">
        <label htmlFor="load-path">Archive file (absolute path)</label>
        <input
          id="load-path"
          value={path}
          placeholder="/home/you/images/app.tar"
          onChange={(e) => setPath(e.target.value)}
          disabled={running}
          {...fieldProps(job.error, 'path')}
        />
        <FieldError error={job.error} field="path" />
        <p className="muted">{note}</p>
      </form>
      <ArchiveProgress label="Loading" job={job} fields={['path']} />
    </Dialog>
  );
}
