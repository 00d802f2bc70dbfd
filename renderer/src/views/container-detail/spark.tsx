// A small line chart: the last minute of one stats series.
export function Spark({ values, label, max }: { values: number[]; label: string; max?: number }) {
  const w = 300;
  const h = 60;
  const top = Math.max(max ?? 0, ...values, 1);
  const pts = values
    .map((v, i) => `${(i / Math.max(1, values.length - 1)) * w},${h - (v / top) * h}`)
    .join(' ');
  return (
    <figure className="spark">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} preserveAspectRatio="none">
        <polyline points={pts} fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
