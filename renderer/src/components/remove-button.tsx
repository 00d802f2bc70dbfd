// A row's Remove button: asks first (the view's useConfirm), then removes by name and says so.
import { runChannel } from '../data/queries.js';
import type { ConfirmRequest } from './ui.js';

export function RemoveButton(props: {
  /** "volume", "secret": in the button's accessible name and the dialog's title. */
  what: 'volume' | 'secret';
  name: string;
  message: string;
  confirm(r: ConfirmRequest): void;
}) {
  const { what, name } = props;
  const channel = what === 'volume' ? 'volumes.remove' : 'secrets.remove';
  return (
    <button
      className="danger"
      aria-label={`Remove ${what} ${name}`}
      onClick={() =>
        props.confirm({
          title: `Remove ${what}`,
          message: props.message,
          confirmLabel: 'Remove',
          onConfirm: () =>
            void runChannel(channel, { name }, { done: `Removed ${name}`, invalidates: [`${what}s.`] }),
        })
      }
    >
      Remove
    </button>
  );
}
