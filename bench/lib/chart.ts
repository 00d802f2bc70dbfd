// A small SVG of growth curves: one panel per measure, container count on a log axis, one line per series — so
// whether a cost grows with the engine is visible at a glance next to the bench's JSON.
export interface Series {
  label: string;
  /** [container count, value] */
  points: [number, number][];
}

export interface Panel {
  title: string;
  unit: string;
  series: Series[];
}

const COLOURS = ['#c8793a', '#3a7bc8', '#5a9e4b', '#9b59b6'];
const W = 300;
const H = 190;
const PAD = { l: 46, r: 10, t: 24, b: 34 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(p: Panel, x0: number, y0: number): string {
  const xs = p.series.flatMap((s) => s.points.map(([x]) => x)).filter((x) => x > 0);
  const ys = p.series.flatMap((s) => s.points.map(([, y]) => y)).filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return '';
  const [lx0, lx1] = [Math.log10(Math.min(...xs)), Math.log10(Math.max(...xs))];
  const yMax = Math.max(...ys) * 1.1 || 1;
  const px = (x: number) => x0 + PAD.l + ((Math.log10(x) - lx0) / (lx1 - lx0 || 1)) * (W - PAD.l - PAD.r);
  const py = (y: number) => y0 + H - PAD.b - (y / yMax) * (H - PAD.t - PAD.b);
  const out: string[] = [
    `<text x="${x0 + PAD.l}" y="${y0 + 15}" font-size="12" font-weight="bold">${esc(p.title)} (${esc(p.unit)})</text>`,
    `<line x1="${x0 + PAD.l}" y1="${py(0)}" x2="${x0 + W - PAD.r}" y2="${py(0)}" stroke="#999"/>`,
    `<line x1="${x0 + PAD.l}" y1="${py(0)}" x2="${x0 + PAD.l}" y2="${y0 + PAD.t}" stroke="#999"/>`,
    `<text x="${x0 + PAD.l - 4}" y="${py(yMax / 1.1) + 4}" font-size="9" text-anchor="end">${+(yMax / 1.1).toPrecision(3)}</text>`,
    `<text x="${x0 + PAD.l - 4}" y="${py(0) + 3}" font-size="9" text-anchor="end">0</text>`,
  ];
  for (const x of [...new Set(xs)])
    out.push(`<text x="${px(x)}" y="${py(0) + 12}" font-size="9" text-anchor="middle">${x}</text>`);
  p.series.forEach((s, i) => {
    const c = COLOURS[i % COLOURS.length] ?? '#000';
    const pts = s.points.filter(([x, y]) => x > 0 && Number.isFinite(y));
    out.push(
      `<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"><title>${esc(s.label)}</title></polyline>`,
    );
    for (const [x, y] of pts)
      out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.5" fill="${c}"/>`);
    out.push(
      `<text x="${x0 + PAD.l + 4 + i * 90}" y="${y0 + H - 6}" font-size="9" fill="${c}">● ${esc(s.label)}</text>`,
    );
  });
  return out.join('\n');
}

/** Panels in rows of three; the x axis is the number of containers (log scale). */
export function growthChart(title: string, panels: Panel[]): string {
  const cols = Math.min(3, panels.length);
  const rows = Math.ceil(panels.length / 3);
  const width = cols * W;
  const height = rows * H + 24;
  const body = panels.map((p, i) => panel(p, (i % 3) * W, 24 + Math.floor(i / 3) * H)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="16" font-size="13">${esc(title)} — x: containers (log scale)</text>
${body}
</svg>
`;
}
