import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { roleOf, userCpu } from './user-cpu.js';

describe("this user's CPU over a window", () => {
  it('counts a process that starts and ends inside the window, up to its last sample', async () => {
    const cpu = userCpu(50);
    await cpu.ready;
    // A child that burns 0.6 s of CPU (however long that takes on a busy machine) and exits before stop().
    await new Promise<void>((resolve, reject) => {
      const c = spawn(process.execPath, [
        '-e',
        'for (let u = process.cpuUsage(); u.user + u.system < 600000; u = process.cpuUsage());',
      ]);
      c.once('error', reject);
      c.once('exit', () => resolve());
    });
    const use = await cpu.stop();
    // What it used after its last sample (≤ 50 ms) is lost; other processes of this user only add.
    expect(use.total).toBeGreaterThan(0.5);
    // A Node process is counted as a host; the roles add up to the total.
    expect(use.byRole['Burrow host']).toBeGreaterThan(0.5);
    const sum = Object.values(use.byRole).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(use.total, 6);
  });

  it("tells a terminal path's processes apart by their command lines", () => {
    const cases: [string[], string][] = [
      [['/usr/lib/chromium/chromium', '--headless'], 'Chromium'],
      [['/usr/lib/chromium/chromium --type=renderer --lang=en-US --user-data-dir=/tmp/a/b', ''], 'Chromium'],
      [['/usr/lib/chromium/chrome_crashpad_handler', '--monitor-self'], 'Chromium'],
      [['/usr/bin/node', 'dist/electron/headless/main.js'], 'Burrow host'],
      [['/usr/bin/conmon', '--api-version', '1'], 'conmon'],
      [['podman', '--log-level=warn', 'system', 'service', '--time=0', 'unix:///x'], 'podman service'],
      [['podman', '--remote', '--url', 'unix:///x', 'exec', '-it', 'c1', 'sh'], 'podman client'],
      [['/usr/bin/catatonit', '-P'], 'engine, other'],
      [['/usr/bin/slirp4netns', '--disable-host-loopback'], 'engine, other'],
      [['head', '-c', '100'], 'program'],
      [['bash'], 'program'],
      [[''], 'program'],
    ];
    for (const [argv, role] of cases) expect(roleOf(argv), argv.join(' ')).toBe(role);
  });
});
