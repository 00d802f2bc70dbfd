// Projects: many containers as one thing. Compose projects (up from a file; the ones the engine has, from the
// live container list) and Kubernetes YAML (play, replace, tear down).
import { useShallow } from 'zustand/react/shallow';
import { composeProjects } from '../../../../core/model/compose.js';
import { ViewHeader } from '../../components/resource-table.js';
import { Empty } from '../../components/ui.js';
import { href } from '../../router.js';
import { useStore } from '../../store/store.js';
import { ComposeUp } from './compose-up.js';
import { KubePlay } from './kube-play.js';

/** Project names and counts from the live list: "shop 2/2" strings keep the selector shallow-equal. */
function useProjectSummaries(): { name: string; running: number; total: number }[] {
  const rows = useStore(
    useShallow((s) =>
      composeProjects(Object.values(s.containers)).map((p) => `${p.running}/${p.total} ${p.name}`),
    ),
  );
  return rows.map((r) => {
    const [counts = '', ...name] = r.split(' ');
    const [running = 0, total = 0] = counts.split('/').map(Number);
    return { name: name.join(' '), running, total };
  });
}

export function ProjectsView() {
  const projects = useProjectSummaries();
  return (
    <section className="view" aria-label="Projects">
      <ViewHeader title="Projects" />
      <div className="card">
        <h2>Compose projects on this engine</h2>
        {projects.length === 0 ? (
          <Empty title="No compose projects">
            <p>Containers a compose tool made are grouped here and in the containers list.</p>
          </Empty>
        ) : (
          <table className="list" aria-label="Compose projects">
            <thead>
              <tr>
                <th>Project</th>
                <th>Running</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.name}>
                  <td>
                    <a href={href({ view: 'project', name: p.name })}>{p.name}</a>
                  </td>
                  <td>
                    {p.running} of {p.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <ComposeUp />
      <KubePlay />
    </section>
  );
}
