// What an edit changes, before Recreate replaces the container: field, what it was, what it will be.
import type { SpecChange } from '../../../../core/model/edit-spec.js';

export function ChangesNote({ changes, name }: { changes: SpecChange[]; name: string }) {
  return (
    <section className="card changes" aria-label="Changes">
      <h2>Changes to {name}</h2>
      {changes.length === 0 ? (
        <p className="muted">No changes yet. Recreate replaces the container with the same settings.</p>
      ) : (
        <table className="mini">
          <thead>
            <tr>
              <th>Field</th>
              <th>Now</th>
              <th>After recreate</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field} data-field={c.field}>
                <td>{c.field}</td>
                <td>
                  <code>{c.before}</code>
                </td>
                <td>
                  <code>{c.after}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Recreate keeps the name and every volume (named and anonymous) with its data; the container’s own
        filesystem outside volumes starts fresh from the image. If the engine refuses the new settings, the
        container is put back as it was.
      </p>
    </section>
  );
}
