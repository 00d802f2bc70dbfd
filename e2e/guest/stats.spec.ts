// The Stats tab against a real busy container on the Debian 13 guest (cgroup v2, every limit controller
// delegated): the CPU, memory, network and block I/O charts carry non-zero figures in their units, drawn over
// time, and agree with what `podman stats --no-stream` says on the guest itself. Cumulative counters (network,
// block I/O) are bracketed: once the UI has caught up with one engine reading, it never shows more than the next.
import { expect, test, type Page } from '@playwright/test';
import {
  BUSY_SCRIPT,
  FIXTURE_IMAGE,
  podmanCli,
  TEST_LABEL,
  uniqueName,
} from '../../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage, DetailPage } from '../pages/app.js';

test.skip(
  !process.env.BURROW_GUEST_URL || !process.env.BURROW_GUEST_IDENTITY,
  'no Debian 13 guest: `npm test` boots one (scripts/guest/guest.sh up) and passes BURROW_GUEST_URL/IDENTITY',
);

const made: string[] = [];

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
  for (const n of made.splice(0)) await podmanCli(['rm', '-f', '-t', '0', n]).catch(() => undefined);
});

interface Figures {
  cpu: number;
  memUsage: number;
  memLimit: number;
  netIn: number;
  netOut: number;
  blockIn: number;
  blockOut: number;
}

/** A figure as the UI prints it, with the range its rounding hides ("12.3 MB" is 12.25–12.35 MB). */
interface Shown {
  value: number;
  lo: number;
  hi: number;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

function shown(text: string): Shown {
  const m = /^(\d+(?:\.(\d+))?) (B|KB|MB|GB|TB)$/.exec(text);
  if (!m?.[1] || !m[3]) throw new Error(`"${text}" is not a figure in bytes with its unit`);
  const scale = UNITS[m[3]]!;
  const half = (m[2] ? 10 ** -m[2].length : 1) / 2;
  const n = Number(m[1]);
  return { value: n * scale, lo: (n - half) * scale, hi: (n + half) * scale };
}

interface UiFigures {
  cpu: Shown;
  memUsage: Shown;
  memLimit: Shown;
  netIn: Shown;
  netOut: Shown;
  blockIn: Shown;
  blockOut: Shown;
  /** How many samples each chart draws, and whether any is above its floor. */
  lines: { label: string; points: number; rises: boolean }[];
}

/** The four charts' labels (what a screen reader announces) and lines, read in one go so they belong together. */
async function readUi(page: Page): Promise<UiFigures> {
  const charts = await page.locator('.stats svg[role=img]').evaluateAll((els) =>
    els.map((e) => ({
      label: e.getAttribute('aria-label') ?? '',
      points: (e.querySelector('polyline')?.getAttribute('points') ?? '').split(' ').filter(Boolean),
      height: Number(e.getAttribute('viewBox')?.split(' ')[3]),
    })),
  );
  const label = (re: RegExp) => {
    const c = charts.find((x) => re.test(x.label));
    const m = c && re.exec(c.label);
    if (!m) throw new Error(`no chart labelled ${re}: ${charts.map((x) => x.label).join(' | ')}`);
    return m;
  };
  const cpu = label(/^CPU (\d+\.\d)%$/);
  const mem = label(/^Memory (.+) of (.+)$/);
  const net = label(/^Network in (.+) \/ out (.+)$/);
  const io = label(/^Block I\/O read (.+) \/ write (.+)$/);
  const pct = Number(cpu[1]);
  return {
    cpu: { value: pct, lo: pct - 0.05, hi: pct + 0.05 },
    memUsage: shown(mem[1]!),
    memLimit: shown(mem[2]!),
    netIn: shown(net[1]!),
    netOut: shown(net[2]!),
    blockIn: shown(io[1]!),
    blockOut: shown(io[2]!),
    lines: charts.map((c) => ({
      label: c.label,
      points: c.points.length,
      rises: c.points.some((p) => Number(p.split(',')[1]) < c.height),
    })),
  };
}

interface PodmanStats {
  CPU: number;
  MemUsage: number;
  MemLimit: number;
  NetInput?: number;
  NetOutput?: number;
  BlockInput: number;
  BlockOutput: number;
  Network?: Record<string, { RxBytes: number; TxBytes: number }> | null;
}

/** The engine's own figures: `podman stats --no-stream` run on the guest, its raw numbers rather than its text. */
async function engineFigures(name: string): Promise<Figures> {
  const out = await podmanCli(['stats', '--no-stream', '--format', '{{json .ContainerStats}}', name]);
  const s = JSON.parse(out) as PodmanStats;
  // Podman 5 counts per interface (no totals); Podman 4 has the totals.
  const nets = Object.values(s.Network ?? {});
  return {
    cpu: s.CPU,
    memUsage: s.MemUsage,
    memLimit: s.MemLimit,
    netIn: nets.length ? nets.reduce((a, n) => a + n.RxBytes, 0) : (s.NetInput ?? 0),
    netOut: nets.length ? nets.reduce((a, n) => a + n.TxBytes, 0) : (s.NetOutput ?? 0),
    blockIn: s.BlockInput,
    blockOut: s.BlockOutput,
  };
}

const COUNTERS = ['netIn', 'netOut', 'blockIn', 'blockOut'] as const;

test('the four charts show the busy container’s real figures, as podman stats reports them', async ({
  page,
}) => {
  const name = uniqueName('gstats');
  made.push(name);
  // On a bridge Podman manages, whose interface it counts (the rootless default, pasta, has none to count).
  await podmanCli([
    'run',
    '-d',
    '--name',
    name,
    '--label',
    `${TEST_LABEL}=1`,
    '--network',
    'podman',
    FIXTURE_IMAGE,
    'sh',
    '-c',
    BUSY_SCRIPT,
  ]);
  const facts = JSON.parse(await podmanCli(['info', '--format', 'json'])) as {
    host: { cgroupVersion: string; cgroupControllers: string[]; cpus: number };
  };
  // What this journey is about: a host where cgroup v2 gives every figure.
  expect(facts.host.cgroupVersion).toBe('v2');
  expect(facts.host.cgroupControllers).toEqual(expect.arrayContaining(['cpu', 'memory', 'io']));

  await new AppPage(page).open();
  const list = new ContainersPage(page);
  await list.filter(name);
  await list.openDetail(name);
  await new DetailPage(page).tab('Stats');

  // Every figure moves: wait until each chart has drawn a few samples and shows a non-zero figure.
  await expect
    .poll(async () => {
      const ui = await readUi(page).catch((e: Error) => e.message);
      if (typeof ui === 'string') return [ui];
      const still = [
        ...(['cpu', 'memUsage', 'netOut', 'blockOut'] as const).filter((k) => ui[k].value <= 0),
        ...ui.lines.filter((l) => l.points < 3 || !l.rises).map((l) => `line of "${l.label}"`),
      ];
      return still;
    })
    .toEqual([]);

  // Counters: the UI catches up with one reading of the engine, and never shows more than the next.
  const before = await engineFigures(name);
  await expect
    .poll(async () => {
      const ui = await readUi(page);
      return COUNTERS.filter((k) => ui[k].hi < before[k]).map((k) => `${k} ${ui[k].value} < ${before[k]}`);
    })
    .toEqual([]);
  const ui = await readUi(page);
  const after = await engineFigures(name);
  for (const k of COUNTERS) {
    expect(ui[k].hi, `${k}: shown ${ui[k].value}, engine before ${before[k]}`).toBeGreaterThanOrEqual(
      before[k],
    );
    expect(ui[k].lo, `${k}: shown ${ui[k].value}, engine after ${after[k]}`).toBeLessThanOrEqual(after[k]);
  }
  expect(after.netOut).toBeGreaterThan(0);
  expect(after.blockOut).toBeGreaterThan(0);

  // Gauges: the memory limit is the engine's; usage is the busy shell's 20 MB and more, within a quarter of the
  // engine's reading; CPU is the busy loop's core, within the spread of two samples taken moments apart.
  expect(ui.memLimit.lo).toBeLessThanOrEqual(after.memLimit);
  expect(ui.memLimit.hi).toBeGreaterThanOrEqual(after.memLimit);
  expect(ui.memUsage.value).toBeGreaterThan(20_000_000);
  expect(ui.memUsage.value).toBeLessThan(ui.memLimit.value);
  expect(Math.abs(ui.memUsage.value - after.memUsage)).toBeLessThanOrEqual(after.memUsage / 4);
  expect(ui.cpu.value).toBeGreaterThan(10);
  expect(ui.cpu.value).toBeLessThanOrEqual(100 * facts.host.cpus + 1);
  expect(after.cpu).toBeGreaterThan(10);
  expect(Math.abs(ui.cpu.value - after.cpu)).toBeLessThanOrEqual(Math.max(30, after.cpu / 2));
});
