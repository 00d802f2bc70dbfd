// Sizes and CPU amounts as people type them ("512m", "1.5g", "0.5") parsed the way Podman does (binary units).

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};

/** Bytes, or undefined when the text is not a size. "-1" is not a size (callers handle unlimited). */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]{0,2})\s*$/.exec(text);
  if (!m) return undefined;
  const unit = UNITS[(m[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  const v = Math.floor(Number(m[1]) * unit);
  return Number.isFinite(v) ? v : undefined;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 10 ? 0 : 1)} ${units[i]}`;
}

/** "0-3,5,7-8" → [0,1,2,3,5,7,8]; undefined when malformed. */
export function parseCpuset(text: string): number[] | undefined {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text.trim())) return undefined;
  const out: number[] = [];
  for (const part of text.trim().split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined) return undefined;
    const end = b ?? a;
    if (end < a) return undefined;
    for (let i = a; i <= end; i++) out.push(i);
  }
  return out;
}

export const CPU_PERIOD_US = 100_000;
