// Small shared pieces: buttons, badges, dialogs, empty states, skeletons.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ContainerState, HealthState, UsernsMode } from '../../../core/model/types.js';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import { errorData } from '../api/types.js';
import { formatUserns } from '../../../core/model/userns.js';

export function StateBadge({ state }: { state: ContainerState }) {
  return (
    <span className={`badge state-${state}`} aria-label={`state ${state}`}>
      {state}
    </span>
  );
}

/** The health check's verdict; nothing for a container without one. */
export function HealthBadge({ health }: { health: HealthState | undefined }) {
  if (!health) return null;
  return (
    <span
      className={`badge health-${health}`}
      aria-label={`health ${health}`}
      title={`Health check: ${health}`}
    >
      {health}
    </span>
  );
}

export function UsernsBadge({ mode }: { mode: UsernsMode | undefined }) {
  if (!mode) {
    return (
      <span
        className="badge userns"
        title="Not created by Burrow: open the container to see its mode"
        aria-label="user namespace not known from the list"
      >
        —
      </span>
    );
  }
  const m = mode;
  const text = formatUserns(m);
  const title =
    m.kind === 'host'
      ? 'Container root is you; other users are subordinate ids'
      : m.kind === 'nomap'
        ? 'You are not mapped into this container'
        : m.kind === 'keep-id'
          ? 'Your uid is kept inside the container'
          : 'Podman picked a free id range';
  return (
    <span className={`badge userns userns-${m.kind}`} title={title} aria-label={`user namespace ${text}`}>
      {text}
    </span>
  );
}

/** An error where the answer would have been: its message and, on its own line, what the user can do. */
export function ErrorNote({ error }: { error: unknown }) {
  const d = errorData(error);
  return (
    <div className="note error-note" role="alert">
      <div>{d.message}</div>
      {d.hint ? <div className="hint">{d.hint}</div> : null}
    </div>
  );
}

/** A refusal shown at its field: the message, optionally the field's name, and the hint. */
export function FieldError({
  error,
  named = false,
}: {
  error: BurrowErrorData | undefined;
  named?: boolean;
}) {
  if (!error) return null;
  return (
    <div className="field-error" role="alert">
      {named && error.field ? <strong>{error.field}: </strong> : null}
      {error.message}
      {error.hint ? <div className="hint">{error.hint}</div> : null}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function Skeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div className="skeleton" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-row" />
      ))}
    </div>
  );
}

export function Dialog({
  title,
  onClose,
  children,
  footer,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      // Only the topmost dialog (the last in <body>): a file browser opened from a dialog closes alone.
      const open = document.querySelectorAll('.dialog');
      if (e.key === 'Escape' && open[open.length - 1] === ref.current) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      prev?.focus();
    };
  }, [onClose]);
  // Into <body>: a dialog opened from a virtualised row would otherwise sit inside the row's transform, where
  // `position: fixed` is relative to the row and the next rows cover it.
  return createPortal(
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={ref}>
        <header>
          <h2>{title}</h2>
          <button className="icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer ? <footer>{footer}</footer> : null}
      </div>
    </div>,
    document.body,
  );
}

export function Confirm({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button onClick={onCancel}>Cancel</button>
          <button className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
    </Dialog>
  );
}

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
}

/** Ask before a destructive action: `ask({...})` opens the dialog that `dialog` renders. */
export function useConfirm(): [ask: (r: ConfirmRequest) => void, dialog: ReactNode] {
  const [req, setReq] = useState<ConfirmRequest>();
  const dialog = req ? (
    <Confirm
      title={req.title}
      message={req.message}
      confirmLabel={req.confirmLabel}
      onCancel={() => setReq(undefined)}
      onConfirm={() => {
        setReq(undefined);
        req.onConfirm();
      }}
    />
  ) : null;
  return [setReq, dialog];
}

export function bytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  const u = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < u.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${u[i]}`;
}

export function ago(iso: string | undefined): string {
  if (!iso) return '—';
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
