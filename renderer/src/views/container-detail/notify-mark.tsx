// Watch or mute one container's notifications (kept by name, so a re-created container keeps its mark).
import { saveSettings, useNotify } from '../../notify/store.js';

export function NotifyMark({ name }: { name: string }) {
  const mark = useNotify((s) => s.settings?.notifications.containers[name] ?? 'default');
  return (
    <label className="inline notify-mark" title="Watch: always tell me about it. Mute: never.">
      Notifications{' '}
      <select
        aria-label="Notifications for this container"
        value={mark}
        onChange={(e) =>
          void saveSettings({
            notifications: {
              containers: {
                [name]: e.target.value === 'default' ? null : (e.target.value as 'watch' | 'mute'),
              },
            },
          })
        }
      >
        <option value="default">default</option>
        <option value="watch">watch</option>
        <option value="mute">mute</option>
      </select>
    </label>
  );
}
