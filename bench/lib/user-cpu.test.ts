import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { userCpu } from './user-cpu.js';

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
    const seconds = await cpu.stop();
    // What it used after its last sample (≤ 50 ms) is lost; other processes of this user only add.
    expect(seconds).toBeGreaterThan(0.5);
  });
});
