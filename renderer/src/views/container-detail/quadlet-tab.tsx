// The container as a Quadlet unit: checked by Podman's generator where it can be, copied or saved.
import { ErrorNote } from '../../components/ui.js';
import { runChannel, useChannel } from '../../data/queries.js';
import { useStore } from '../../store/store.js';

export function QuadletTab({ id }: { id: string }) {
  const { data: res, error } = useChannel('insight.quadlet', { id });
  if (error) return <ErrorNote error={error} />;
  if (!res) return <p aria-busy="true">Generating…</p>;
  const v = res.validation;
  return (
    <div className="quadlet">
      <p>
        <strong>{res.unit.fileName}</strong> → systemd service <code>{res.unit.serviceName}</code>.{' '}
        {v.checked ? (
          v.ok ? (
            <span className="ok">Accepted by Podman’s quadlet generator.</span>
          ) : (
            <span className="warn">Quadlet rejected it: {v.error}</span>
          )
        ) : (
          <span className="muted">Not validated: {v.reason}.</span>
        )}
      </p>
      <pre className="json" aria-label="Quadlet unit">
        {res.unit.text}
      </pre>
      <div className="toolbar">
        <button
          onClick={() =>
            void navigator.clipboard
              ?.writeText(res.unit.text)
              .then(() => useStore.getState().toast('info', 'Unit copied'))
          }
        >
          Copy
        </button>
        <button
          className="primary"
          onClick={() =>
            void runChannel(
              'insight.saveQuadlet',
              { id },
              {
                then: (r) =>
                  useStore
                    .getState()
                    .toast(
                      'success',
                      `Saved ${r.path}`,
                      'systemctl --user daemon-reload, then start the service',
                    ),
              },
            )
          }
        >
          Save to ~/.config/containers/systemd
        </button>
      </div>
    </div>
  );
}
