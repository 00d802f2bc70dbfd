// The health check: what to run (a shell command line, or a program with its arguments), how often, how long it
// may take, how many failures make the container unhealthy, a grace period after start, and what Podman does then.
import { HEALTH_ON_FAILURE } from '../../../../core/model/create-spec.js';
import { FieldError, type SectionProps } from './fields.js';
import type { FormState, HealthKind } from './form-model.js';

const NUMBERS: {
  k: 'hcInterval' | 'hcTimeout' | 'hcRetries' | 'hcStartPeriod';
  label: string;
  hint: string;
}[] = [
  { k: 'hcInterval', label: 'Interval (s)', hint: '30; 0: only when run by hand' },
  { k: 'hcTimeout', label: 'Timeout (s)', hint: '30' },
  { k: 'hcRetries', label: 'Retries', hint: '3' },
  { k: 'hcStartPeriod', label: 'Start period (s)', hint: '0' },
];

const isKind = (v: string): v is HealthKind => v === 'none' || v === 'CMD-SHELL' || v === 'CMD';
const isAction = (v: string): v is FormState['hcOnFailure'] =>
  v === '' || (HEALTH_ON_FAILURE as readonly string[]).includes(v);

export function HealthSection({ form, set, issues }: SectionProps) {
  const at = issues('healthcheck');
  return (
    <fieldset data-control="healthcheck" aria-label="Health check">
      <legend>Health check</legend>
      <div className="field">
        <label htmlFor="f-healthcheck">Check</label>
        <select
          id="f-healthcheck"
          value={form.hcKind}
          aria-invalid={at.length > 0}
          onChange={(e) => isKind(e.target.value) && set('hcKind', e.target.value)}
        >
          <option value="none">None (the image’s, if it has one)</option>
          <option value="CMD-SHELL">Shell command (CMD-SHELL)</option>
          <option value="CMD">Program and arguments (CMD)</option>
        </select>
      </div>
      {form.hcKind !== 'none' ? (
        <>
          <div className="field">
            <label htmlFor="f-hcCommand">Health command</label>
            <input
              id="f-hcCommand"
              value={form.hcCommand}
              aria-invalid={at.length > 0}
              placeholder={
                form.hcKind === 'CMD-SHELL'
                  ? 'wget -q -O- http://localhost:8080/ || exit 1'
                  : 'pg_isready -U app'
              }
              onChange={(e) => set('hcCommand', e.target.value)}
            />
          </div>
          <div className="row-fields">
            {NUMBERS.map((n) => (
              <label key={n.k} className="field">
                {n.label}
                <input
                  inputMode="decimal"
                  aria-label={`Health ${n.label}`}
                  placeholder={n.hint}
                  value={form[n.k]}
                  onChange={(e) => set(n.k, e.target.value)}
                />
              </label>
            ))}
            <label className="field">
              When unhealthy
              <select
                aria-label="When unhealthy"
                value={form.hcOnFailure}
                onChange={(e) => isAction(e.target.value) && set('hcOnFailure', e.target.value)}
              >
                <option value="">Nothing (report it)</option>
                <option value="restart">Restart the container</option>
                <option value="stop">Stop it</option>
                <option value="kill">Kill it</option>
              </select>
            </label>
          </div>
        </>
      ) : null}
      <FieldError issues={at} control="healthcheck" />
    </fieldset>
  );
}
