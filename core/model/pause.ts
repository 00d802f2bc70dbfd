// Pausing needs the cgroup freezer, which rootless containers only get through cgroup v2 delegation. One text
// for the engine's refusal (error mapping) and for the UI that disables Pause before anyone clicks it.
import type { HostFacts } from './types.js';

export const PAUSE_NEEDS_CGROUP_V2 =
  'Rootless containers cannot be paused on cgroup v1 (no freezer delegation); it needs cgroup v2.';

/** Why Pause cannot work on this host, or undefined when it can (or the facts are not known yet). */
export function whyNoPause(
  facts: Pick<HostFacts, 'rootless' | 'cgroupVersion'> | undefined,
): string | undefined {
  return facts?.rootless && facts.cgroupVersion === 'v1' ? PAUSE_NEEDS_CGROUP_V2 : undefined;
}
