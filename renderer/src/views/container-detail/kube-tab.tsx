// The container as Kubernetes YAML. A container in a pod is generated with its pod (Podman refuses one alone).
import type { ContainerDetail } from '../../../../core/model/types.js';
import { KubeYaml } from '../kube-yaml.js';

export function KubeTab({ detail }: { detail: ContainerDetail }) {
  const target = detail.pod ?? detail.id;
  return (
    <div>
      {detail.pod ? <p className="muted">It is in a pod: this is the YAML of the whole pod.</p> : null}
      <KubeYaml names={[target]} fileName={`${detail.pod ? 'pod' : detail.name}.yaml`} />
    </div>
  );
}
