// A compose project's header row in the containers list: its name, how many of its services run, and the
// project's actions (start, stop, restart, remove, logs). Its members follow it, indented; a click folds them.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { composeProjectOf } from '../../../../core/model/compose.js';
import { useConfirm } from '../../components/ui.js';
import { runChannel } from '../../data/queries.js';
import { href, navigate } from '../../router.js';
import { useStore } from '../../store/store.js';
import { ROW_HEIGHT } from './row.js';

export const PROJECT_ROW_HEIGHT = ROW_HEIGHT;

type ProjectChannel = 'compose.start' | 'compose.stop' | 'compose.restart' | 'compose.remove';

function counts(name: string): (s: ReturnType<typeof useStore.getState>) => [number, number] {
  return (s) => {
    let running = 0;
    let total = 0;
    for (const c of Object.values(s.containers)) {
      if (composeProjectOf(c.labels) !== name) continue;
      total += 1;
      if (c.state === 'running') running += 1;
    }
    return [running, total];
  };
}

export const ProjectRow = memo(function ProjectRow({
  name,
  index,
  collapsed,
  onFold,
  focused,
}: {
  name: string;
  index: number;
  collapsed: boolean;
  onFold(name: string): void;
  focused: boolean;
}) {
  const [running, total] = useStore(useShallow(counts(name)));
  const [confirm, confirmDialog] = useConfirm();
  const act = (channel: ProjectChannel, done: string) =>
    void runChannel(channel, { project: name }, { done: `${done} ${name}` });
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-expanded={!collapsed}
      className={`row project${focused ? ' focused' : ''}`}
      data-project={name}
      tabIndex={focused ? 0 : -1}
    >
      <div role="gridcell" className="col-check">
        <button
          className="icon"
          aria-label={`${collapsed ? 'Show' : 'Hide'} the services of ${name}`}
          onClick={() => onFold(name)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </div>
      <div role="gridcell" className="col-name">
        <a href={href({ view: 'project', name })}>{name}</a>{' '}
        <span className="muted" data-testid="project-count">
          compose · {running} of {total} running
        </span>
      </div>
      <div role="gridcell" className="project-actions">
        <button aria-label={`Start project ${name}`} onClick={() => act('compose.start', 'Started')}>
          Start
        </button>
        <button aria-label={`Stop project ${name}`} onClick={() => act('compose.stop', 'Stopped')}>
          Stop
        </button>
        <button aria-label={`Restart project ${name}`} onClick={() => act('compose.restart', 'Restarted')}>
          Restart
        </button>
        <button
          aria-label={`Logs of project ${name}`}
          onClick={() => navigate({ view: 'project', name, tab: 'logs' })}
        >
          Logs
        </button>
        <button
          className="danger"
          aria-label={`Remove project ${name}`}
          onClick={() =>
            confirm({
              title: 'Remove project',
              message: `Remove the ${total} containers of ${name} and its networks? Its volumes stay.`,
              confirmLabel: 'Remove',
              onConfirm: () => act('compose.remove', 'Removed'),
            })
          }
        >
          Remove
        </button>
      </div>
      {confirmDialog}
    </div>
  );
});
