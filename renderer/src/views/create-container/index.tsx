// Create container: every field of core's spec, grouped in sections; the user namespace as explained choices with
// a live mapping preview; bind-mount permission predictions with one-click fixes; the hardened preset; every
// problem shown at once, each at its field with its hint (the form's and core's schema before sending, the host's
// after); pulls the image with progress when missing.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BurrowIssue } from '../../../../electron/contract/index.js';
import { applyHardenedPreset, hardeningGaps } from '../../../../core/model/hardened.js';
import type { CreatePreview } from '../../../../core/model/insight.js';
import { ApiError, invoke } from '../../api/types.js';
import { navigate } from '../../router.js';
import { useStore } from '../../store/store.js';
import { PullProgressView, usePull } from '../pull.js';
import { BasicsSection } from './basics-section.js';
import { FieldError, type SectionProps } from './fields.js';
import { controlFor } from './controls.js';
import { EMPTY_FORM, formDefaults, list, type FormState } from './form-model.js';
import { useNotify } from '../../notify/store.js';
import { check, issuesOf, previewSpec } from './to-spec.js';
import { LifecycleSection } from './lifecycle-section.js';
import type { MountFix } from './mount-row.js';
import { NetworkSection } from './network-section.js';
import { ResourcesSection } from './resources-section.js';
import { SecretsSection } from './secrets-section.js';
import { SecuritySection } from './security-section.js';
import { StorageSection } from './storage-section.js';
import { UsernsSection } from './userns-section.js';
import { ChangesNote } from './changes-note.js';
import { fromSpec } from './form-from-spec.js';
import { HealthSection } from './health-section.js';
import { specDiff, type RecreateMode } from '../../../../core/model/edit-spec.js';
import type { CreateContainerInput } from '../../../../core/model/types.js';
import { ErrorNote } from '../../components/ui.js';
import { useShallow } from 'zustand/react/shallow';

/** Edit (recreate the container from the changed form) or Duplicate (a copy beside it). */
export interface EditTarget {
  id: string;
  mode: RecreateMode;
}

export function CreateContainerView({ image, edit }: { image?: string; edit?: EditTarget }) {
  const api = useStore((s) => s.api);
  // New containers start with the user's defaults (Settings → New containers); Edit and Duplicate replace them
  // with the container's own settings once read.
  const [form, setForm] = useState<FormState>(() => ({
    ...EMPTY_FORM,
    ...formDefaults(useNotify.getState().settings?.defaults),
    image: image ?? '',
  }));
  // What the container had, for the list of changes an edit makes.
  const [original, setOriginal] = useState<CreateContainerInput>();
  const [loadError, setLoadError] = useState<unknown>();
  const [pods, setPods] = useState<string[]>([]);
  const containerNames = useStore(useShallow((s) => Object.values(s.containers).map((c) => c.name)));
  const [shown, setShown] = useState<BurrowIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<CreatePreview>();
  const [networks, setNetworks] = useState<string[]>([]);
  const [secrets, setSecrets] = useState<string[]>();
  const formRef = useRef<HTMLFormElement>(null);
  const pull = usePull();
  const checked = useMemo(() => check(form), [form]);
  const forPreview = useMemo(() => previewSpec(checked.spec, checked.issues), [checked]);

  useEffect(() => {
    if (!api) return;
    void invoke(api, 'networks.list', {}).then(
      (n) => setNetworks(n.map((x) => x.name)),
      () => undefined,
    );
    void invoke(api, 'secrets.list', {}).then(
      (s) => setSecrets(s.map((x) => x.name)),
      () => setSecrets([]),
    );
    void invoke(api, 'pods.list', {}).then(
      (list) => setPods(list.map((x) => x.name)),
      () => undefined,
    );
  }, [api]);

  // Edit and Duplicate start from the container's own settings, as core reads them back.
  const editId = edit?.id;
  const editMode = edit?.mode;
  useEffect(() => {
    if (!api || !editId || !editMode) return;
    let live = true;
    invoke(api, 'containers.editSpec', { id: editId, mode: editMode }).then(
      (spec) => {
        if (!live) return;
        setOriginal(spec);
        setForm(fromSpec(spec));
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api, editId, editMode]);
  const changes = useMemo(
    () => (original && edit?.mode === 'replace' ? specDiff(original, checked.spec) : []),
    [original, edit?.mode, checked.spec],
  );

  // The live preview: which host uid the process gets, and what each bind mount will allow.
  useEffect(() => {
    if (!api || !forPreview) return setPreview(undefined);
    const t = setTimeout(() => {
      invoke(api, 'insight.previewCreate', forPreview).then(setPreview, () => setPreview(undefined));
    }, 250);
    return () => clearTimeout(t);
  }, [api, forPreview]);

  const byControl = useMemo(() => {
    const m = new Map<string, BurrowIssue[]>();
    for (const i of shown) m.set(controlFor(i.field), [...(m.get(controlFor(i.field)) ?? []), i]);
    return m;
  }, [shown]);
  const section: SectionProps = {
    form,
    set: (k, v) => setForm((p) => ({ ...p, [k]: v })),
    issues: (control) => byControl.get(control) ?? [],
  };

  const show = (issues: BurrowIssue[]) => {
    setShown(issues);
    // The first problem in reading order gets the focus, wherever in the form it is.
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  const applyFix = (index: number, fix: MountFix) => {
    const { userns, addMountOption } = fix;
    if (userns?.kind === 'keep-id')
      setForm((p) => ({
        ...p,
        usernsKind: 'keep-id-ids',
        keepUid: String(userns.uid ?? ''),
        keepGid: String(userns.gid ?? ''),
      }));
    else if (addMountOption)
      setForm((p) => ({
        ...p,
        mounts: p.mounts.map((m, i) =>
          i === index ? { ...m, options: [...list(m.options), addMountOption].join(',') } : m,
        ),
      }));
  };

  const hardened = () => {
    // The preset reads only security and limits, which the form always states as core's spec does.
    const spec = checked.spec;
    const h = applyHardenedPreset(
      { image: spec.image, ...(spec.limits ? { limits: spec.limits } : {}) },
      { capAdd: list(form.capAdd).filter((c) => c.toUpperCase() !== 'ALL') },
    );
    setForm((p) => ({
      ...p,
      capDrop: 'ALL',
      capAdd: (h.security?.capAdd ?? []).join(', '),
      noNewPrivileges: true,
      readOnlyRootfs: true,
      privileged: false,
      seccomp: p.seccomp === 'unconfined' ? '' : p.seccomp,
      memory: h.limits?.memory ?? p.memory,
      pidsLimit: String(h.limits?.pidsLimit ?? p.pidsLimit),
      mounts: [
        ...p.mounts.filter((m) => !(m.type === 'tmpfs' && m.target === '/tmp')),
        { type: 'tmpfs', source: '64m', target: '/tmp', options: '' },
      ],
    }));
  };

  const title = !edit
    ? 'Create container'
    : edit.mode === 'replace'
      ? `Edit ${original?.name ?? 'container'}`
      : 'Duplicate container';
  const submitLabel = !edit ? 'Create' : edit.mode === 'replace' ? 'Recreate' : 'Create copy';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!api) return;
    const { spec, issues } = checked;
    if (issues.length) return show(issues);
    setBusy(true);
    setShown([]);
    try {
      if (!(await invoke(api, 'images.exists', { name: spec.image }))) {
        const pulled = await pull.run(spec.image);
        if (!pulled.ok) {
          // A reference the engine cannot even parse is a mistake in the Image field.
          if (pulled.error) show(issuesOf(pulled.error).map((i) => ({ ...i, field: 'image' })));
          return;
        }
      }
      const res = edit
        ? await invoke(api, 'containers.recreate', { id: edit.id, mode: edit.mode, spec })
        : await invoke(api, 'containers.create', spec);
      for (const w of res.warnings) useStore.getState().toast('info', w.message, w.hint);
      const replaced = edit?.mode === 'replace';
      if (form.start && !replaced) await invoke(api, 'containers.start', { id: res.id });
      useStore
        .getState()
        .toast('success', `${replaced ? 'Recreated' : 'Created'} ${spec.name ?? res.id.slice(0, 12)}`);
      navigate({ view: 'container', id: res.id, tab: 'summary' });
    } catch (err) {
      if (err instanceof ApiError) show(issuesOf(err.data));
      else useStore.getState().error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="view create" aria-label={title}>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <div className="toolbar">
          <h1>{title}</h1>
          <span className="spacer" />
          <button
            type="button"
            onClick={hardened}
            title="cap-drop ALL, no-new-privileges, read-only root with tmpfs /tmp, memory and pids limits"
          >
            Apply hardened preset
          </button>
          {edit?.mode === 'replace' ? null : (
            <label>
              <input
                type="checkbox"
                checked={form.start}
                onChange={(e) => section.set('start', e.target.checked)}
              />{' '}
              Start after creating
            </label>
          )}
          <button type="submit" className="primary" disabled={busy || (edit !== undefined && !original)}>
            {busy ? 'Working…' : submitLabel}
          </button>
        </div>
        {loadError ? <ErrorNote error={loadError} /> : null}
        {edit?.mode === 'replace' && original ? (
          <ChangesNote changes={changes} name={original.name ?? ''} />
        ) : null}
        <FieldError issues={section.issues('')} control="form" />
        {pull.state ? <PullProgressView state={pull.state} /> : null}
        <BasicsSection {...section} />
        <NetworkSection
          {...section}
          networkNames={networks}
          podNames={pods}
          containerNames={containerNames}
        />
        <StorageSection {...section} preview={preview} onFix={applyFix} />
        <SecretsSection {...section} names={secrets} />
        <UsernsSection {...section} preview={preview} />
        <ResourcesSection {...section} />
        <SecuritySection {...section} gaps={hardeningGaps(checked.spec)} />
        <HealthSection {...section} />
        <LifecycleSection {...section} />
      </form>
    </section>
  );
}
