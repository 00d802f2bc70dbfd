// Secrets: Podman secrets given to the container as files under /run/secrets (or a path) or as variables.
import { DynamicList } from './dynamic-list.js';
import { FieldError, type SectionProps } from './fields.js';
import { EMPTY_SECRET } from './form-model.js';
import { SecretRowEditor } from './secret-row.js';

/** `names`: the user's secrets (undefined while they load). */
export function SecretsSection({ form, set, issues, names }: SectionProps & { names: string[] | undefined }) {
  return (
    <fieldset>
      <legend>Secrets</legend>
      {names && names.length === 0 && form.secrets.length === 0 ? (
        <p className="muted">
          No secrets yet: create one under <a href="#/secrets">Secrets</a>.
        </p>
      ) : null}
      <DynamicList
        items={form.secrets}
        onChange={(v) => set('secrets', v)}
        blank={EMPTY_SECRET}
        addLabel="Add secret"
      >
        {(row) => <SecretRowEditor {...row} names={names ?? []} issues={issues(`secrets-${row.index}`)} />}
      </DynamicList>
      <FieldError issues={issues('secrets')} control="secrets" />
    </fieldset>
  );
}
