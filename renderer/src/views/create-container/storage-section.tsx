// Storage: the mounts, one row editor each, with the live permission prediction for bind mounts.
import type { CreatePreview } from '../../../../core/model/insight.js';
import { DynamicList } from './dynamic-list.js';
import { FieldError, type SectionProps } from './fields.js';
import { EMPTY_MOUNT } from './form-model.js';
import { MountRowEditor, type MountFix } from './mount-row.js';

export function StorageSection(
  p: SectionProps & { preview: CreatePreview | undefined; onFix(index: number, fix: MountFix): void },
) {
  const { form, set, issues } = p;
  const hostPaths = p.preview?.hostPaths;
  const hasBind = form.mounts.some((m) => m.type === 'bind');
  return (
    <fieldset>
      <legend>Storage</legend>
      {hasBind && hostPaths && !hostPaths.checked ? (
        <p className="note" role="note">
          Bind-mount permissions are not predicted: {hostPaths.reason}
        </p>
      ) : null}
      <DynamicList
        items={form.mounts}
        onChange={(v) => set('mounts', v)}
        blank={EMPTY_MOUNT}
        addLabel="Add mount"
      >
        {(row) => (
          <MountRowEditor
            {...row}
            issues={issues(`mounts-${row.index}`)}
            prediction={p.preview?.mounts.find((m) => m.index === row.index)}
            onFix={(fix) => p.onFix(row.index, fix)}
          />
        )}
      </DynamicList>
      <FieldError issues={issues('mounts')} control="mounts" />
    </fieldset>
  );
}
