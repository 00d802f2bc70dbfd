// The raw inspect JSON, searchable and copyable.
import { useMemo, useState } from 'react';
import { useStore } from '../../store/store.js';

export function InspectTab({ raw }: { raw: unknown }) {
  const [q, setQ] = useState('');
  const text = useMemo(() => JSON.stringify(raw, null, 2), [raw]);
  const shown = useMemo(() => {
    const needle = q.toLowerCase();
    return needle
      ? text
          .split('\n')
          .filter((l) => l.toLowerCase().includes(needle))
          .join('\n')
      : text;
  }, [text, q]);
  return (
    <div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search inspect"
          placeholder="Search keys and values"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button
          onClick={() => {
            void navigator.clipboard
              ?.writeText(text)
              .then(() => useStore.getState().toast('info', 'Inspect JSON copied'));
          }}
        >
          Copy
        </button>
      </div>
      <pre className="json" aria-label="Inspect JSON">
        {shown}
      </pre>
    </div>
  );
}
