// The app shell: navigation, the engine banner, toasts, the command palette (Ctrl+K) and keyboard shortcuts.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { href, navigate, useRoute, type Route } from './router.js';
import { useStore } from './store/store.js';
import { ContainerDetailView } from './views/container-detail/index.js';
import { ContainersView } from './views/containers/index.js';
import { ImageDetailView } from './views/images/image-detail.js';
import { ImagesView } from './views/images/index.js';
import { NetworksView } from './views/networks.js';
import { PodsView } from './views/pods.js';
import { SecretsView } from './views/secrets.js';
import { VolumesView } from './views/volumes.js';
import { SystemView } from './views/system.js';
import { ActivityView } from './views/activity.js';
import { SettingsView } from './views/settings.js';
import { useNotify } from './notify/store.js';

// The create form validates with core's zod schema as you type: zod and the form load when it is first opened,
// not before the container list paints.
const CreateContainerView = lazy(() =>
  import('./views/create-container/index.js').then((m) => ({ default: m.CreateContainerView })),
);

const NAV: { route: Route; label: string }[] = [
  { route: { view: 'containers' }, label: 'Containers' },
  { route: { view: 'images' }, label: 'Images' },
  { route: { view: 'networks' }, label: 'Networks' },
  { route: { view: 'volumes' }, label: 'Volumes' },
  { route: { view: 'pods' }, label: 'Pods' },
  { route: { view: 'secrets' }, label: 'Secrets' },
  { route: { view: 'system' }, label: 'System' },
  { route: { view: 'activity' }, label: 'Activity' },
  { route: { view: 'settings' }, label: 'Settings' },
];

/** Unread notifications and containers needing attention, beside "Activity". */
function ActivityBadge() {
  const unread = useNotify((s) => s.unread);
  const problems = useNotify((s) => s.problems.length);
  if (unread === 0 && problems === 0) return null;
  return (
    <span
      className={`nav-badge${problems > 0 ? ' problems' : ''}`}
      aria-label={`${unread} new notification${unread === 1 ? '' : 's'}, ${problems} container${problems === 1 ? '' : 's'} needing attention`}
    >
      {problems > 0 ? problems : unread}
    </span>
  );
}

function Banner() {
  const connected = useStore((s) => s.connected);
  const engine = useStore((s) => s.engine);
  if (connected && (engine === undefined || engine.reachable)) return null;
  return (
    <div className="banner" role="alert">
      {!connected
        ? 'Connection to Burrow lost — reconnecting…'
        : `Podman engine unreachable — reconnecting…${engine?.message ? ` (${engine.message})` : ''}`}
    </div>
  );
}

function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismiss);
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <div>{t.message}</div>
          {t.hint ? <div className="hint">{t.hint}</div> : null}
          <button className="icon" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

interface Command {
  label: string;
  run(): void;
}

function Palette({ onClose }: { onClose(): void }) {
  const [q, setQ] = useState('');
  const [i, setI] = useState(0);
  const containers = useStore((s) => s.containers);
  const commands = useMemo<Command[]>(() => {
    const base: Command[] = [
      ...NAV.map((n) => ({ label: `Go to ${n.label}`, run: () => navigate(n.route) })),
      { label: 'Create container', run: () => navigate({ view: 'create' }) },
      { label: 'Run the doctor', run: () => navigate({ view: 'system' }) },
    ];
    for (const c of Object.values(containers).slice(0, 2000))
      base.push({
        label: `Open ${c.name}`,
        run: () => navigate({ view: 'container', id: c.id, tab: 'summary' }),
      });
    return base;
  }, [containers]);
  const shown = commands.filter((c) => c.label.toLowerCase().includes(q.toLowerCase())).slice(0, 12);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          autoFocus
          aria-label="Command"
          placeholder="Type a command or a container name"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setI(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            if (e.key === 'ArrowDown') setI((x) => Math.min(shown.length - 1, x + 1));
            if (e.key === 'ArrowUp') setI((x) => Math.max(0, x - 1));
            if (e.key === 'Enter' && shown[i]) {
              shown[i].run();
              onClose();
            }
          }}
        />
        <ul role="listbox" aria-label="Commands">
          {shown.map((c, j) => (
            <li key={c.label} role="option" aria-selected={j === i} onMouseDown={() => (c.run(), onClose())}>
              {c.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [palette, setPalette] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLTextAreaElement ||
        e.target instanceof HTMLSelectElement;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette(true);
      } else if (e.key === '/' && !typing) {
        const f = document.getElementById('filter');
        if (f) {
          e.preventDefault();
          f.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const active =
    route.view === 'container' || route.view === 'create'
      ? 'containers'
      : route.view === 'image'
        ? 'images'
        : route.view;
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <img src="./favicon.svg" alt="" width={28} height={28} /> Burrow
        </div>
        <ul>
          {NAV.map((n) => (
            <li key={n.label}>
              <a href={href(n.route)} aria-current={active === n.route.view ? 'page' : undefined}>
                {n.label}
                {n.route.view === 'activity' ? <ActivityBadge /> : null}
              </a>
            </li>
          ))}
        </ul>
        <div className="hint-keys muted">
          <kbd>Ctrl</kbd>+<kbd>K</kbd> commands · <kbd>/</kbd> filter
        </div>
      </nav>
      <main>
        <Banner />
        {route.view === 'containers' ? (
          <ContainersView />
        ) : route.view === 'container' ? (
          <ContainerDetailView id={route.id} tab={route.tab} />
        ) : route.view === 'create' ? (
          <Suspense fallback={<section className="view" aria-busy="true" />}>
            <CreateContainerView
              // A different target is a different form: start it afresh.
              key={`${route.edit ?? ''}|${route.copy ?? ''}`}
              {...(route.image ? { image: route.image } : {})}
              {...(route.edit
                ? { edit: { id: route.edit, mode: 'replace' as const } }
                : route.copy
                  ? { edit: { id: route.copy, mode: 'copy' as const } }
                  : {})}
            />
          </Suspense>
        ) : route.view === 'images' ? (
          <ImagesView />
        ) : route.view === 'image' ? (
          <ImageDetailView id={route.id} tab={route.tab} />
        ) : route.view === 'secrets' ? (
          <SecretsView />
        ) : route.view === 'networks' ? (
          <NetworksView />
        ) : route.view === 'volumes' ? (
          <VolumesView />
        ) : route.view === 'pods' ? (
          <PodsView />
        ) : route.view === 'activity' ? (
          <ActivityView
            {...(route.notification ? { notification: route.notification } : {})}
            {...(route.job ? { job: route.job } : {})}
          />
        ) : route.view === 'settings' ? (
          <SettingsView />
        ) : (
          <SystemView />
        )}
      </main>
      <Toasts />
      {palette ? <Palette onClose={() => setPalette(false)} /> : null}
    </div>
  );
}
