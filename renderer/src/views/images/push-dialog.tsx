// Push an image to a registry: per-layer progress, the outcome, Cancel. The destination is suggested from the
// registries the user is logged in to.
import { useState } from 'react';
import { parseImageRef } from '../../../../core/model/image-ref.js';
import { FieldError, FormField } from '../../components/form.js';
import { JobDialog } from '../../components/job-dialog.js';
import { useTopicJob } from '../../data/jobs.js';
import { useChannel } from '../../data/queries.js';
import { PullProgressView, reducePull, startPull } from '../pull.js';

const PUSH_WORDS = { going: 'Pushing', done: 'Pushed', failed: 'Push failed' };
const FIELDS = ['image', 'destination'];

/** "127.0.0.1:5000" + "localhost/team/app:v1" → "127.0.0.1:5000/team/app:v1" */
export function suggestDestination(registry: string | undefined, image: string): string {
  const ref = parseImageRef(image);
  if (!registry || !ref) return '';
  return `${registry}/${ref.path}${ref.tag ? `:${ref.tag}` : ''}`;
}

export function PushDialog({ image, onClose }: { image: string; onClose(): void }) {
  const { data: logins } = useChannel('registries.list', {});
  const [destination, setDestination] = useState<string>();
  const { job, start, cancel } = useTopicJob(
    'images.push',
    (a) => startPull(a?.destination ?? ''),
    reducePull,
  );
  const shown = destination ?? suggestDestination(logins?.[0]?.registry, image);
  const fieldError = job.error && FIELDS.includes(job.error.field ?? '') ? job.error : undefined;
  const running = job.phase === 'running';
  return (
    <JobDialog
      title={`Push ${image}`}
      formLabel="Push image"
      submitLabel="Push"
      running={running}
      onSubmit={() => void start({ image, destination: shown })}
      onCancel={cancel}
      onClose={onClose}
      progress={
        job.phase !== 'idle' ? (
          <PullProgressView
            words={PUSH_WORDS}
            state={{
              ...job.state,
              finished: !running,
              ...(job.phase === 'cancelled'
                ? { error: 'Cancelled' }
                : job.error && !fieldError
                  ? { error: `${job.error.message}${job.error.hint ? ` — ${job.error.hint}` : ''}` }
                  : {}),
            }}
          />
        ) : null
      }
    >
      <FormField
        id="push-destination"
        label="Destination"
        field="destination"
        error={fieldError}
        value={shown}
        placeholder="quay.io/you/app:v1"
        onChange={setDestination}
        disabled={running}
      />
      <FieldError error={fieldError} field="image" />
    </JobDialog>
  );
}
