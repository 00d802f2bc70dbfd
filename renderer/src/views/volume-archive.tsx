// Export a volume to a tar archive and import one, with byte progress, the outcome and Cancel. On a remote engine
// the outcome says when file owners could not be kept (see core/clients/volume-archive.ts).
import { useState, type FormEvent } from 'react';
import { FieldError, fieldProps } from '../components/form.js';
import { ArchiveProgress, reduceArchive, startArchive } from '../components/job-progress.js';
import { Dialog } from '../components/ui.js';
import { useFilesNote } from '../data/engine-host.js';
import { useTopicJob } from '../data/jobs.js';
import { invalidate } from '../data/query-client.js';

export function ExportVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const { job, start, cancel } = useTopicJob('volumes.export', startArchive, reduceArchive);
  const note = useFilesNote();
  const running = job.phase === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start({ name, path, overwrite });
  };
  return (
    <Dialog
      title={`Export volume ${name}`}
      onClose={onClose}
      footer={
        running ? (
          <button onClick={cancel}>Cancel</button>
        ) : (
          <button className="primary" type="submit" form="export-form">
            Export
          </button>
        )
      }
    >
      <form id="export-form" className="form-stack" onSubmit={submit} aria-label="Export volume">
        <label htmlFor="export-path">Archive file (absolute path)</label>
        <input
          id="export-path"
          value={path}
          placeholder={`/home/you/backups/${name}.tar`}
          onChange={(e) => setPath(e.target.value)}
          disabled={running}
          {...fieldProps(job.error, 'path')}
        />
        <FieldError error={job.error} field="path" />
        <FieldError error={job.error} field="name" />
        <label className="option">
          <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
          Replace the file if it exists
        </label>
        <p className="muted">{note}</p>
      </form>
      <ArchiveProgress label="Exporting" job={job} fields={['path', 'name']} />
    </Dialog>
  );
}

export function ImportVolumeDialog({ onClose, name: initial = '' }: { onClose(): void; name?: string }) {
  const [name, setName] = useState(initial);
  const [path, setPath] = useState('');
  const { job, start, cancel } = useTopicJob('volumes.import', startArchive, reduceArchive);
  const note = useFilesNote();
  const running = job.phase === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start({ name, path }).then(() => invalidate('volumes.'));
  };
  return (
    <Dialog
      title="Import volume"
      onClose={onClose}
      footer={
        running ? (
          <button onClick={cancel}>Cancel</button>
        ) : (
          <button className="primary" type="submit" form="import-form">
            Import
          </button>
        )
      }
    >
      <form id="import-form" className="form-stack" onSubmit={submit} aria-label="Import volume">
        <label htmlFor="import-name">Volume (created if it does not exist)</label>
        <input
          id="import-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={running}
          {...fieldProps(job.error, 'name')}
        />
        <FieldError error={job.error} field="name" />
        <label htmlFor="import-path">Archive file (absolute path)</label>
        <input
          id="import-path"
          value={path}
          placeholder="/home/you/backups/data.tar"
          onChange={(e) => setPath(e.target.value)}
          disabled={running}
          {...fieldProps(job.error, 'path')}
        />
        <FieldError error={job.error} field="path" />
        <p className="muted">
          Files in the archive are added to the volume; files with the same names are replaced.
        </p>
        <p className="muted">{note}</p>
      </form>
      <ArchiveProgress label="Importing" job={job} fields={['path', 'name']} />
    </Dialog>
  );
}
