// Export a volume to a tar archive and import one, with byte progress, the outcome and Cancel. On a remote engine
// the outcome says when file owners could not be kept (see core/clients/volume-archive.ts).
import { useState } from 'react';
import { FieldError, FormField } from '../components/form.js';
import { ArchivePathField, JobDialog } from '../components/job-dialog.js';
import { ArchiveProgress, reduceArchive, startArchive } from '../components/job-progress.js';
import { useTopicJob } from '../data/jobs.js';
import { invalidate } from '../data/query-client.js';

export function ExportVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const { job, start, cancel } = useTopicJob('volumes.export', startArchive, reduceArchive);
  const running = job.phase === 'running';
  return (
    <JobDialog
      title={`Export volume ${name}`}
      formLabel="Export volume"
      submitLabel="Export"
      running={running}
      onSubmit={() => void start({ name, path, overwrite })}
      onCancel={cancel}
      onClose={onClose}
      progress={<ArchiveProgress label="Exporting" job={job} fields={['path', 'name']} />}
    >
      <ArchivePathField
        id="export-path"
        browse="save"
        value={path}
        onChange={setPath}
        placeholder={`/home/you/backups/${name}.tar`}
        disabled={running}
        error={job.error}
      />
      <FieldError error={job.error} field="name" />
      <label className="option">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
        Replace the file if it exists
      </label>
    </JobDialog>
  );
}

export function ImportVolumeDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const { job, start, cancel } = useTopicJob('volumes.import', startArchive, reduceArchive);
  const running = job.phase === 'running';
  return (
    <JobDialog
      title="Import volume"
      formLabel="Import volume"
      submitLabel="Import"
      running={running}
      onSubmit={() => void start({ name, path }).then(() => invalidate('volumes.'))}
      onCancel={cancel}
      onClose={onClose}
      progress={<ArchiveProgress label="Importing" job={job} fields={['path', 'name']} />}
    >
      <FormField
        id="import-name"
        label="Volume (created if it does not exist)"
        field="name"
        error={job.error}
        value={name}
        onChange={setName}
        disabled={running}
      />
      <ArchivePathField
        id="import-path"
        browse="file"
        value={path}
        onChange={setPath}
        placeholder="/home/you/backups/data.tar"
        disabled={running}
        error={job.error}
      />
      <p className="muted">
        Files in the archive are added to the volume; files with the same names are replaced.
      </p>
    </JobDialog>
  );
}
