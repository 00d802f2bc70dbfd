// Create container: every field of core's spec, grouped in sections; the user namespace as explained choices with
// a live mapping preview; bind-mount permission predictions with one-click fixes; the hardened preset; every
// problem shown at once, each at its field with its hint (the form's and core's schema before sending, the host's
// after); pulls the image with progress when missing.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BurrowIssue } from '../../../../core/errors.js';
import { applyHardenedPreset, hardeningGaps } from '../../../../core/model/hardened.js';
import type { CreatePreview } from '../../../../core/model/insight.js';
import { ApiError, invoke } from '../../api/types.js';
import { navigate } from '../../router.js';
import { useStore } from '../../store/store.js';
import { PullProgressView, usePull } from '../pull.js';
import { BasicsSection } from './basics-section.js';
import { FieldError, type SectionProps } from './fields.js';
import { check, controlFor, EMPTY_FORM, issuesOf, list, previewSpec, type FormState } from './form-model.js';
import { LifecycleSection } from './lifecycle-section.js';
import type { MountFix } from './mount-row.js';
import { NetworkSection } from './network-section.js';
import { ResourcesSection } from './resources-section.js';
import { SecuritySection } from './security-section.js';
import { StorageSection } from './storage-section.js';
import { UsernsSection } from './userns-section.js';

export function CreateContainerView({ image }: { image?: string }) {
  const api = useStore((s) => s.api);
  const [form, setForm] = useState<FormState>({ ...EMPTY_FORM, image: image ?? '' });
  const [shown, setShown] = useState<BurrowIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<CreatePreview>();
  const [networks, setNetworks] = useState<string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const pull = usePull();
  const checked = useMemo(() => check(form), [form]);
  const forPreview = useMemo(() => previewSpec(checked.spec, checked.issues), [checked]);

  useEffect(() => {
    if (api)
      void invoke(api, 'networks.list', {}).then(
        (n) => setNetworks(n.map((x) => x.name)),
        () => undefined,
      );
  }, [api]);

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
      const res = await invoke(api, 'containers.create', spec);
      for (const w of res.warnings) useStore.getState().toast('info', w.message, w.hint);
      if (form.start) await invoke(api, 'containers.start', { id: res.id });
      useStore.getState().toast('success', `Created ${spec.name ?? res.id.slice(0, 12)}`);
      navigate({ view: 'container', id: res.id, tab: 'summary' });
    } catch (err) {
      if (err instanceof ApiError) show(issuesOf(err.data));
      else useStore.getState().error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="view create" aria-label="Create container">
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <div className="toolbar">
          <h1>Create container</h1>
          <span className="spacer" />
          <button
            type="button"
            onClick={hardened}
            title="cap-drop ALL, no-new-privileges, read-only root with tmpfs /tmp, memory and pids limits"
          >
            Apply hardened preset
          </button>
          <label>
            <input
              type="checkbox"
              checked={form.start}
              onChange={(e) => section.set('start', e.target.checked)}
            />{' '}
            Start after creating
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
        <FieldError issues={section.issues('')} control="form" />
        {pull.state ? <PullProgressView state={pull.state} /> : null}
        <BasicsSection {...section} />
        <NetworkSection {...section} networkNames={networks} />
        <StorageSection {...section} preview={preview} onFix={applyFix} />
        <UsernsSection {...section} preview={preview} />
        <ResourcesSection {...section} />
        <SecuritySection {...section} gaps={hardeningGaps(checked.spec)} />
        <LifecycleSection {...section} />
      </form>
    </section>
  );
}
