// Save images to a tar archive and load them from one, with byte progress, the outcome, and Cancel.
import { useState } from 'react';
import { FieldError } from '../../components/form.js';
import { ArchivePathField, JobDialog } from '../../components/job-dialog.js';
import { ArchiveProgress, reduceArchive, startArchive } from '../../components/job-progress.js';
import { useTopicJob } from '../../data/jobs.js';
import { invalidate } from '../../data/query-client.js';

/** `images`: the image's tags (all kept in the archive), or its id when it has none. */
export function SaveImageDialog({ images, onClose }: { images: string[]; onClose(): void }) {
  const image = images[0] ?? '';
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<'docker-archive' | 'oci-archive'>('docker-archive');
  const [overwrite, setOverwrite] = useState(false);
  const { job, start, cancel } = useTopicJob('images.save', startArchive, reduceArchive);
  const running = job.phase === 'running';
  return (
    <JobDialog
      title={`Save ${image}`}
      formLabel="Save image"
      submitLabel="Save"
      running={running}
      // An OCI archive holds one reference: the first tag.
      onSubmit={() =>
        void start({ images: format === 'oci-archive' ? [image] : images, path, format, overwrite })
      }
      onCancel={cancel}
      onClose={onClose}
      progress={<ArchiveProgress label="Saving" job={job} fields={['path', 'images', 'format']} />}
    >
      {images.length > 1 ? <p className="muted">Tags kept in a docker-archive: {images.join(', ')}</p> : null}
      <ArchivePathField
        id="save-path"
        value={path}
        onChange={setPath}
        placeholder="/home/you/images/app.tar"
        disabled={running}
        error={job.error}
      />
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
    </JobDialog>
  );
}

export function LoadImagesDialog({ onClose }: { onClose(): void }) {
  const [path, setPath] = useState('');
  const { job, start, cancel } = useTopicJob('images.load', startArchive, reduceArchive);
  const running = job.phase === 'running';
  return (
    <JobDialog
      title="Load images"
      formLabel="Load images"
      submitLabel="Load"
      running={running}
      cancellable={job.state.cancellable !== false}
      onSubmit={() => void start({ path }).then(() => invalidate('images.'))}
      onCancel={cancel}
      onClose={onClose}
      progress={<ArchiveProgress label="Loading" job={job} fields={['path']} />}
    >
      <ArchivePathField
        id="load-path"
        value={path}
        onChange={setPath}
        placeholder="/home/you/images/app.tar"
        disabled={running}
        error={job.error}
      />
    </JobDialog>
  );
}
