// Bring a compose project up from a file on this machine: the file checked first (services, the project name),
// the compose tool this machine has named (or what to install), the tool's output streamed, the outcome in words.
import { BrowseButton } from '../../components/file-browser.js';
import { useState } from 'react';
import type { ComposeFileSummary, ComposeProvider } from '../../../../core/model/compose.js';
import { JobOutput } from '../../components/job-output.js';
import { ErrorNote } from '../../components/ui.js';
import { useLineJob } from '../../data/jobs.js';
import { runChannel, useChannel } from '../../data/queries.js';
import { href } from '../../router.js';

export function ComposeUp() {
  const { data: providers, error: providersError } = useChannel(
    'compose.providers',
    {},
    { staleTime: Infinity },
  );
  const [file, setFile] = useState('');
  const [project, setProject] = useState('');
  const [provider, setProvider] = useState('');
  const [summary, setSummary] = useState<ComposeFileSummary>();
  const [ran, setRan] = useState<{ provider: ComposeProvider; command: string[]; project: string }>();
  const job = useLineJob('compose.up', {
    onItem: (e) => {
      if (e.kind === 'provider') setRan({ provider: e.provider, command: e.command, project: e.project });
    },
  });
  const args = () => ({
    file: file.trim(),
    ...(project.trim() ? { project: project.trim() } : {}),
  });
  const check = () => void runChannel('compose.inspect', args(), { then: setSummary });
  const up = () => {
    setRan(undefined);
    job.start({ ...args(), ...(provider ? { provider: provider as ComposeProvider['kind'] } : {}) });
  };
  const done = job.state.done;
  return (
    <div className="card" aria-label="Compose up">
      <h2>Compose: up from a file</h2>
      {providersError ? <ErrorNote error={providersError} /> : null}
      {providers && !providers.chosen ? (
        <p className="warn" role="alert" data-testid="compose-no-provider">
          No compose tool on this machine ({providers.tried.map((t) => t.kind).join(', ')} were tried).{' '}
          {providers.hint}
        </p>
      ) : null}
      <label htmlFor="compose-file">Compose file (absolute path on this machine)</label>
      <div className="with-browse">
        <input
          id="compose-file"
          placeholder="/home/me/shop/compose.yaml"
          value={file}
          onChange={(e) => setFile(e.target.value)}
        />
        <BrowseButton
          label="Browse for the compose file"
          mode="file"
          value={file}
          onPick={setFile}
          accept={['.yaml', '.yml']}
        />
      </div>
      <label htmlFor="compose-project">Project name (optional: from the file or its folder)</label>
      <input id="compose-project" value={project} onChange={(e) => setProject(e.target.value)} />
      {providers && providers.available.length > 0 ? (
        <>
          <label htmlFor="compose-provider">Compose tool</label>
          <select id="compose-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">{`${providers.chosen?.kind} ${providers.chosen?.version} (first found)`}</option>
            {providers.available.slice(1).map((p) => (
              <option key={p.kind} value={p.kind}>
                {p.kind} {p.version}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <div className="toolbar">
        <button disabled={!file.trim()} onClick={check}>
          Check
        </button>
        <button className="primary" disabled={!file.trim() || job.state.running} onClick={up}>
          {job.state.running ? 'Bringing up…' : 'Up'}
        </button>
        {job.state.running ? <button onClick={job.cancel}>Cancel</button> : null}
      </div>
      {summary ? (
        <div data-testid="compose-summary">
          <p>
            Project <strong>{summary.project}</strong>: {summary.services.map((s) => s.name).join(', ')}
          </p>
          {summary.warnings.map((w) => (
            <p key={w} className="warn">
              {w}
            </p>
          ))}
        </div>
      ) : null}
      {ran ? (
        <p className="muted" data-testid="compose-ran">
          Ran {ran.provider.kind} {ran.provider.version}
          {ran.provider.delegate ? ` (running ${ran.provider.delegate})` : ''}:{' '}
          <code>{ran.command.join(' ')}</code>
        </p>
      ) : null}
      <JobOutput state={job.state} label="Compose output" />
      {done?.ok && ran ? <a href={href({ view: 'project', name: ran.project })}>Open {ran.project}</a> : null}
    </div>
  );
}
