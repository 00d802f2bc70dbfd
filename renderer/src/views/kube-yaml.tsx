// Kubernetes YAML generated for a container or a pod: shown, copied, saved as a file.
import { downloadText } from '../components/download.js';
import { Dialog, ErrorNote } from '../components/ui.js';
import { useChannel } from '../data/queries.js';
import { useStore } from '../store/store.js';

export function KubeYaml({ names, fileName }: { names: string[]; fileName: string }) {
  const { data, error } = useChannel('kube.generate', { names });
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p aria-busy="true">Generating…</p>;
  return (
    <div className="kube-yaml">
      <pre className="json" aria-label="Kubernetes YAML">
        {data.yaml}
      </pre>
      <div className="toolbar">
        <button
          onClick={() =>
            void navigator.clipboard
              ?.writeText(data.yaml)
              .then(() => useStore.getState().toast('info', 'YAML copied'))
          }
        >
          Copy
        </button>
        <button className="primary" onClick={() => downloadText(fileName, data.yaml, 'application/yaml')}>
          Save {fileName}
        </button>
      </div>
    </div>
  );
}

export function KubeYamlDialog({ name, onClose }: { name: string; onClose(): void }) {
  return (
    <Dialog title={`Kubernetes YAML for ${name}`} onClose={onClose}>
      <KubeYaml names={[name]} fileName={`${name}.yaml`} />
    </Dialog>
  );
}
