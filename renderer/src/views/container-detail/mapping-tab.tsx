// The live UID/GID mapping of a running container, in words and as tables.
import type { ContainerDetail } from '../../../../core/model/types.js';
import { describeUserns, formatUserns } from '../../../../core/model/userns.js';
import { ErrorNote, UsernsBadge } from '../../components/ui.js';
import { useChannel } from '../../data/queries.js';

const OWNER = { you: 'you', subordinate: 'your subordinate ids', other: 'other' } as const;

export function MappingTab({ detail }: { detail: ContainerDetail }) {
  const { data: view, error } = useChannel('insight.mapping', { id: detail.id });
  const mode = detail.userns ?? { kind: 'host' as const };
  return (
    <div className="mapping">
      <p>
        Mode <UsernsBadge mode={detail.userns} /> — {describeUserns(mode)}
      </p>
      {error ? <ErrorNote error={error} /> : null}
      {view ? (
        <>
          <ul aria-label="Mapping in words" className="sentences">
            {view.sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          {(['uid', 'gid'] as const).map((k) => (
            <table key={k} className="mini" aria-label={`${k.toUpperCase()} mapping`}>
              <caption>
                {k.toUpperCase()} map (from /proc/{detail.pid}/{k}_map)
              </caption>
              <thead>
                <tr>
                  <th>Container range</th>
                  <th>Host range</th>
                  <th>Size</th>
                  <th>Who</th>
                </tr>
              </thead>
              <tbody>
                {view[k].map((r) => (
                  <tr key={r.container}>
                    <td>{r.container}</td>
                    <td>{r.host}</td>
                    <td>{r.size}</td>
                    <td>{OWNER[r.owner]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      ) : null}
      <p className="muted">Userns string: {formatUserns(mode)}</p>
    </div>
  );
}
