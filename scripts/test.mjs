#!/usr/bin/env node
// `npm test`: every suite, as the unprivileged user, ending with one line `tests: N passed, M failed, K skipped`.
//
// - As root: provision this machine as a rootless test host (idempotent), make the checkout available to the
//   test user (a copy in its home when it cannot read and write this one), and run this script again as that
//   user. Rootless Podman is the point of Burrow; its tests never run as root.
// - As a normal user: check the host has what the tests need (naming exactly what to install), build, then run
//   the unit + renderer + integration suites (vitest) and the e2e suite (Playwright in Debian's Chromium), and
//   check that nothing the tests created is left in the engine.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_USER = process.env.BURROW_TEST_USER || 'burrow-test';
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length); // unit,integration,e2e,guest
const GUEST_CACHE = process.env.BURROW_GUEST_CACHE || '/var/cache/burrow-guest';

function run(cmd, cmdArgs, opts = {}) {
  const res = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: repo, ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function capture(cmd, cmdArgs, opts = {}) {
  const res = spawnSync(cmd, cmdArgs, { encoding: 'utf8', cwd: repo, ...opts });
  return { status: res.status ?? 1, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

function which(bin) {
  return capture('sh', ['-c', `command -v ${bin}`]).status === 0;
}

// ---------------------------------------------------------------------------------------------------------
// root: provision, hand over to the test user
// ---------------------------------------------------------------------------------------------------------
function asRoot() {
  console.log(`npm test: running as root; provisioning this host and re-running as ${TEST_USER}`);
  if (
    run('bash', [join(repo, 'scripts', 'provision-test-host.sh')], {
      env: { ...process.env, BURROW_TEST_USER: TEST_USER },
    }) !== 0
  ) {
    console.log('tests: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  // The Debian 13 guest image (cached per recipe). Without it the guest suite is skipped, and says why.
  let guestSkip = '';
  if (process.env.BURROW_TEST_GUEST === '0') guestSkip = 'BURROW_TEST_GUEST=0';
  else if (!only || only.split(',').includes('guest')) {
    const built = capture('bash', [join(repo, 'scripts', 'guest', 'guest.sh'), 'build'], {
      env: { ...process.env, BURROW_GUEST_CACHE: GUEST_CACHE },
    });
    process.stdout.write(built.stderr);
    if (built.status !== 0)
      guestSkip = `the guest image could not be built: ${built.stderr.trim().split('\n').pop()}`;
  }
  const uid = Number(capture('id', ['-u', TEST_USER]).stdout.trim());
  const home = capture('getent', ['passwd', TEST_USER]).stdout.split(':')[5];
  const canUse =
    capture('runuser', [
      '-u',
      TEST_USER,
      '--',
      'sh',
      '-c',
      `test -r "${repo}/package.json" && test -w "${repo}"`,
    ]).status === 0;
  let workdir = repo;
  if (!canUse) {
    // CI's clone may sit where the test user can neither read nor write (e.g. under /root): test a copy.
    workdir = join(home, '.cache', 'burrow-test-run', 'repo');
    rmSync(workdir, { recursive: true, force: true });
    mkdirSync(dirname(workdir), { recursive: true });
    console.log(`npm test: ${TEST_USER} cannot use ${repo}; testing a copy at ${workdir}`);
    if (run('cp', ['-a', `${repo}/.`, workdir]) !== 0) throw new Error('copy failed');
    run('chown', ['-R', `${TEST_USER}:`, join(home, '.cache')]);
  }
  const env = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USER: TEST_USER,
    LOGNAME: TEST_USER,
    XDG_RUNTIME_DIR: `/run/user/${uid}`,
    LANG: process.env.LANG || 'C.UTF-8',
    ...(process.env.CI ? { CI: process.env.CI } : {}),
    // The guest's settings (BURROW_GUEST_SSH_PORT above all: engineers sharing a machine each boot their own).
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BURROW_GUEST_'))),
    ...(guestSkip ? { BURROW_GUEST_SKIP: guestSkip } : {}),
  };
  const status = run(
    'runuser',
    [
      '-u',
      TEST_USER,
      '--',
      'env',
      '-i',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      process.execPath,
      join(workdir, 'scripts', 'test.mjs'),
      ...args,
    ],
    { cwd: workdir },
  );
  process.exit(status);
}

// ---------------------------------------------------------------------------------------------------------
// the test user
// ---------------------------------------------------------------------------------------------------------
// Where Podman looks for aardvark-dns and the CNI plugins by default (as in core/model/network-dns.ts).
const podmanHelperDirs = [
  '/usr/local/libexec/podman',
  '/usr/local/lib/podman',
  '/usr/libexec/podman',
  '/usr/lib/podman',
];
const cniPluginDirs = [
  '/usr/local/libexec/cni',
  '/usr/libexec/cni',
  '/usr/local/lib/cni',
  '/usr/lib/cni',
  '/opt/cni/bin',
];

function preflight() {
  const problems = [];
  const need = [
    ['podman', 'podman (>= 4.3)'],
    ['newuidmap', 'uidmap'],
    ['busybox', 'busybox-static'],
    ['docker-registry', 'docker-registry'],
    ['podman-compose', 'podman-compose'],
    ['htpasswd', 'apache2-utils'],
    ['openssl', 'openssl'],
  ];
  for (const [bin, pkg] of need)
    if (!which(bin)) problems.push(`${bin} not found: install the Debian/Ubuntu package "${pkg}"`);
  if (!which('runc') && !which('crun')) problems.push('no OCI runtime: install "runc" or "crun"');
  if (!which('slirp4netns') && !which('pasta'))
    problems.push('no rootless network tool: install "slirp4netns" or "passt"');
  if (!existsSync('/usr/bin/chromium'))
    problems.push(
      '/usr/bin/chromium not found: install the Debian package "chromium" (Playwright drives it; never a downloaded browser)',
    );
  const user = process.env.USER || capture('id', ['-un']).stdout.trim();
  const uid = process.getuid();
  for (const f of ['/etc/subuid', '/etc/subgid']) {
    const text = existsSync(f) ? readFileSync(f, 'utf8') : '';
    if (!text.split('\n').some((l) => l.startsWith(`${user}:`) || l.startsWith(`${uid}:`))) {
      problems.push(
        `${f} has no range for ${user}: sudo usermod --add-sub${f.endsWith('uid') ? 'uids' : 'gids'} 100000-165535 ${user}`,
      );
    }
  }
  if (!process.env.XDG_RUNTIME_DIR) {
    const candidate = `/run/user/${uid}`;
    if (existsSync(candidate)) process.env.XDG_RUNTIME_DIR = candidate;
    else
      problems.push(
        `XDG_RUNTIME_DIR is not set and ${candidate} does not exist: log in through a session manager, or create it owned by you (mode 700)`,
      );
  }
  // Container DNS on created networks (netavark + aardvark-dns), and CNI's plugins for the doctor's test of a
  // host without it (core/integration/network-dns.test.ts).
  if (problems.length === 0) {
    const backend = capture('podman', ['info', '--format', '{{.Host.NetworkBackend}}']).stdout.trim();
    if (!backend) problems.push(`podman info fails for ${user}: run it to see why`);
    else if (backend !== 'netavark')
      problems.push(
        `podman uses the "${backend}" network backend, where containers on a created network cannot resolve each other by name: install "netavark" and "aardvark-dns", and put network_backend = "netavark" under [network] in ~/.config/containers/containers.conf`,
      );
    else if (!podmanHelperDirs.some((d) => existsSync(`${d}/aardvark-dns`)))
      problems.push('aardvark-dns not found: install the Debian/Ubuntu package "aardvark-dns"');
  }
  if (!cniPluginDirs.some((d) => existsSync(`${d}/bridge`)))
    problems.push('the CNI plugins are not installed: install "containernetworking-plugins"');
  if (problems.length > 0) {
    console.error("npm test: this host cannot run Burrow's tests yet:");
    for (const p of problems) console.error(`  - ${p}`);
    console.error(
      'Or run `sudo npm test` once: as root it provisions the machine (scripts/provision-test-host.sh) and re-runs as a test user.',
    );
    console.log('tests: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function runVitest(outDir, projects, file = 'vitest.json') {
  const out = join(outDir, file);
  const projectArgs = projects.flatMap((p) => ['--project', p]);
  const status = run('npx', [
    'vitest',
    'run',
    ...projectArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out);
  if (!report) {
    totals.failed += 1;
    failures.push(`vitest (${projects.join(', ')}) produced no report (exit ${status})`);
    return;
  }
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails to load has no tests to count, but it is a failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  );
  for (const f of brokenFiles) {
    totals.failed += 1;
    failures.push(`${f.name}: ${firstLine(f.message) || 'failed to run'}`);
  }
  for (const f of report.testResults ?? [])
    for (const a of f.assertionResults ?? []) {
      if (a.status !== 'failed') continue;
      const why = firstLine((a.failureMessages ?? [])[0]);
      failures.push(`${a.fullName}${why ? `: ${why}` : ''}`);
    }
  if (status !== 0 && (report.numFailedTests ?? 0) === 0 && brokenFiles.length === 0) {
    totals.failed += 1;
    failures.push(
      `vitest (${projects.join(', ')}) exited ${status} without a failed test (unhandled error?)`,
    );
  }
}

function runPlaywright(outDir, config = join(repo, 'e2e', 'playwright.config.ts'), file = 'playwright.json') {
  if (!existsSync(config)) return;
  const out = join(outDir, file);
  const status = run(
    'npx',
    ['playwright', 'test', '-c', config, '--reporter=list,json', '--pass-with-no-tests'],
    {
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    },
  );
  const report = readJson(out);
  if (!report?.stats) {
    totals.failed += 1;
    failures.push(`playwright produced no report (exit ${status})`);
    return;
  }
  const s = report.stats;
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  failures.push(...unexpectedTests(report.suites ?? []));
  if (status !== 0 && (s.unexpected ?? 0) === 0) {
    totals.failed += 1;
    failures.push(`playwright exited ${status} without a failed test`);
  }
}

/** A failure message's first line, without terminal colours: enough to tell a flake from a regression in CI's tail. */
function firstLine(message) {
  return String(message ?? '')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')[0]
    .slice(0, 300);
}

/** The titles of a Playwright JSON report's failed tests ("file › title"), so the last lines of a run name them. */
function unexpectedTests(suites) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const last = (t.results ?? []).at(-1);
        const why = firstLine(last?.error?.message);
        out.push(`${spec.file}:${spec.line} › ${spec.title}${why ? `: ${why}` : ''}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of suites) walk(s);
  return out;
}

/** Anything a test created and did not remove is a failure of the suite, and is cleaned up here. */
function checkLeftovers() {
  const kinds = [
    ['containers', ['ps', '-a', '--format', '{{.Names}}'], (n) => ['rm', '-f', '-v', n]],
    ['pods', ['pod', 'ps', '--format', '{{.Name}}'], (n) => ['pod', 'rm', '-f', n]],
    ['networks', ['network', 'ls', '--format', '{{.Name}}'], (n) => ['network', 'rm', '-f', n]],
    ['volumes', ['volume', 'ls', '--format', '{{.Name}}'], (n) => ['volume', 'rm', '-f', n]],
  ];
  const left = [];
  for (const [kind, listArgs, rmArgs] of kinds) {
    const names = capture('podman', listArgs)
      .stdout.split('\n')
      .map((s) => s.trim())
      .filter((n) => n.startsWith('bt-'));
    for (const n of names) {
      left.push(`${kind.slice(0, -1)} ${n}`);
      capture('podman', rmArgs(n));
    }
  }
  const labelled = capture('podman', [
    'ps',
    '-a',
    '--filter',
    'label=burrow.test=1',
    '--format',
    '{{.Names}}',
  ])
    .stdout.split('\n')
    .filter(Boolean);
  for (const n of labelled) {
    left.push(`container ${n}`);
    capture('podman', ['rm', '-f', '-v', n]);
  }
  if (left.length > 0) {
    totals.failed += 1;
    failures.push(`tests left objects behind (now removed): ${[...new Set(left)].join(', ')}`);
  }
}

/**
 * The engine suite again, against the Debian 13 guest's Podman 5 over Burrow's SSH connection: booted here under
 * qemu (TCG) when this machine can, and powered off afterwards. When it cannot, one skipped test says why.
 */
function runGuestSuite(outDir) {
  const guestSh = join(repo, 'scripts', 'guest', 'guest.sh');
  const env = { ...process.env, BURROW_GUEST_CACHE: GUEST_CACHE };
  const skip = (why) => {
    console.log(`\nguest suite: skipped — ${why}`);
    totals.skipped += 1;
  };
  if (process.env.BURROW_GUEST_SKIP) return skip(process.env.BURROW_GUEST_SKIP);
  const can = capture('bash', [guestSh, 'can-boot'], { env });
  if (can.status !== 0) return skip(can.stdout.trim() || can.stderr.trim());
  console.log('\n=== guest suite: Debian 13 guest (Podman 5, cgroup v2, crun, pasta) under qemu TCG');
  const up = capture('bash', [guestSh, 'up'], { env });
  process.stdout.write(up.stderr);
  if (up.status !== 0) {
    totals.failed += 1;
    failures.push(`the guest did not boot: ${up.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    capture('bash', [guestSh, 'down'], { env });
    return;
  }
  const vars = Object.fromEntries(
    up.stdout
      .split('\n')
      .map((l) => l.split('='))
      .filter((kv) => kv.length >= 2 && kv[0].startsWith('BURROW_GUEST_'))
      .map(([k, ...v]) => [k, v.join('=')]),
  );
  try {
    process.env.BURROW_GUEST_URL = vars.BURROW_GUEST_URL;
    process.env.BURROW_GUEST_IDENTITY = vars.BURROW_GUEST_IDENTITY;
    runVitest(outDir, ['guest'], 'vitest-guest.json');
    // The UI's journeys that need cgroup v2 (stats charts), on the same boot.
    runPlaywright(outDir, join(repo, 'e2e', 'guest', 'playwright.config.ts'), 'playwright-guest.json');
    const left = capture(
      'bash',
      [guestSh, 'ssh', 'podman ps -a --filter label=burrow.test=1 --format "{{.Names}}"'],
      {
        env,
      },
    ).stdout.trim();
    if (left) {
      totals.failed += 1;
      failures.push(`guest: tests left containers behind: ${left.split('\n').join(', ')}`);
    }
  } finally {
    const down = capture('bash', [guestSh, 'down'], { env });
    process.stdout.write(down.stderr);
  }
}

function asTestUser() {
  preflight();
  const outDir = mkdtempSync(join(tmpdir(), 'burrow-test-'));
  const want = (s) => !only || only.split(',').includes(s);
  try {
    // The guest phase drives the UI too (e2e/guest), so it needs the build as well.
    if (want('e2e') || want('guest')) {
      if (run('npm', ['run', '--silent', 'build']) !== 0) {
        totals.failed += 1;
        failures.push('npm run build failed: the e2e suites need the built renderer and headless host');
      }
    }
    const projects = [
      ...(want('unit') ? ['unit', 'renderer'] : []),
      ...(want('integration') ? ['integration'] : []),
    ];
    if (projects.length > 0) runVitest(outDir, projects);
    if (want('e2e')) runPlaywright(outDir);
    checkLeftovers();
    if (want('guest')) runGuestSuite(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.log('\nFailures:');
    for (const f of failures) console.log(`  - ${f}`);
  }
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (process.getuid() === 0) asRoot();
else {
  accessSync(repo, constants.R_OK);
  asTestUser();
}
