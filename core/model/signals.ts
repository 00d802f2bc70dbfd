// Signals a user may send with Kill: Linux's names (with or without SIG), RTMIN+n / RTMAX-n, or a number. Checked
// before the engine is asked, so a typo is an `invalid_input` on the field instead of the engine's HTTP 500.
const NAMES = [
  'HUP',
  'INT',
  'QUIT',
  'ILL',
  'TRAP',
  'ABRT',
  'IOT',
  'BUS',
  'FPE',
  'KILL',
  'USR1',
  'SEGV',
  'USR2',
  'PIPE',
  'ALRM',
  'TERM',
  'STKFLT',
  'CHLD',
  'CONT',
  'STOP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'XCPU',
  'XFSZ',
  'VTALRM',
  'PROF',
  'WINCH',
  'IO',
  'POLL',
  'PWR',
  'SYS',
  'RTMIN',
  'RTMAX',
] as const;

/** The signals the Kill menu offers first. */
export const COMMON_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGQUIT'];

export const SIGNAL_HINT =
  'Use a signal name such as SIGTERM, SIGKILL, SIGHUP or SIGUSR1, or a number from 1 to 64.';

/** "term", "SIGTERM", "15", "RTMIN+3" → the canonical form Podman takes ("SIGTERM", "15"), or undefined. */
export function normalizeSignal(input: string): string | undefined {
  const s = input.trim().toUpperCase();
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 64 ? String(n) : undefined;
  }
  const name = s.replace(/^SIG/, '');
  const rt = /^(RTMIN)\+(\d+)$|^(RTMAX)-(\d+)$/.exec(name);
  if (rt) {
    const n = Number(rt[2] ?? rt[4]);
    return n >= 1 && n <= 15 ? `SIG${name}` : undefined;
  }
  return (NAMES as readonly string[]).includes(name) ? `SIG${name}` : undefined;
}
