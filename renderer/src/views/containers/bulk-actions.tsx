// Actions on the selected containers, each sent to every one of them; one toast says how it went.
import { invoke } from '../../api/types.js';
import { useConfirm } from '../../components/ui.js';
import { useStore } from '../../store/store.js';

type BulkAction = 'start' | 'stop' | 'restart' | 'kill' | 'remove';

const DONE: Record<BulkAction, string> = {
  start: 'Started',
  stop: 'Stopped',
  restart: 'Restarted',
  kill: 'Killed',
  remove: 'Removed',
};

async function runBulk(action: BulkAction, ids: string[]): Promise<void> {
  const api = useStore.getState().api;
  if (!api) return;
  const one = (id: string) => {
    switch (action) {
      case 'remove':
        return invoke(api, 'containers.remove', { id, force: true });
      case 'kill':
        return invoke(api, 'containers.kill', { id, signal: 'SIGKILL' });
      default:
        return invoke(api, `containers.${action}`, { id });
    }
  };
  const results = await Promise.allSettled(ids.map(one));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) useStore.getState().error(failed.reason);
  else
    useStore
      .getState()
      .toast('success', `${DONE[action]} ${ids.length} container${ids.length === 1 ? '' : 's'}`);
}

export function BulkActions({ selected, onRemoved }: { selected: ReadonlySet<string>; onRemoved(): void }) {
  const [confirm, confirmDialog] = useConfirm();
  if (selected.size === 0) return null;
  const ids = [...selected];
  return (
    <div role="group" aria-label="Bulk actions" className="bulk">
      <span>{selected.size} selected</span>
      <button onClick={() => void runBulk('start', ids)}>Start</button>
      <button onClick={() => void runBulk('stop', ids)}>Stop</button>
      <button onClick={() => void runBulk('restart', ids)}>Restart</button>
      <button
        onClick={() =>
          confirm({
            title: 'Kill containers',
            message: `Send SIGKILL to ${ids.length} container${ids.length === 1 ? '' : 's'}? Their processes end at once, without cleaning up.`,
            confirmLabel: 'Kill',
            onConfirm: () => void runBulk('kill', ids),
          })
        }
      >
        Kill
      </button>
      <button
        className="danger"
        onClick={() =>
          confirm({
            title: 'Remove containers',
            message: `Remove ${ids.length} container${ids.length === 1 ? '' : 's'}? Running ones are stopped first. Their data outside volumes is lost.`,
            confirmLabel: 'Remove',
            onConfirm: () => void runBulk('remove', ids).then(onRemoved),
          })
        }
      >
        Remove
      </button>
      {confirmDialog}
    </div>
  );
}
