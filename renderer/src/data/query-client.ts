// The query cache every view reads through (data/queries.ts), and the invalidation the store applies when
// engine events say an answer is stale. No React and no store here, so the store can import it.
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An engine error is an answer, not a flake: show it instead of asking three more times.
      retry: false,
      refetchOnWindowFocus: false,
      // Events invalidate what changed; this only bounds how stale an answer without events can get.
      staleTime: 30_000,
    },
  },
});

/** Mark every query of these channel prefixes stale ('images.' or 'containers.inspect'). */
export function invalidate(...prefixes: string[]): void {
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const ch = q.queryKey[0];
      return typeof ch === 'string' && prefixes.some((p) => ch.startsWith(p));
    },
  });
}

/** Mark stale every query about one container (its inspect, top, mapping, Quadlet…). */
export function invalidateContainer(id: string): void {
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const args = q.queryKey[1] as { id?: unknown } | undefined;
      return args?.id === id;
    },
  });
}

/** Everything may have changed (reconnect, engine switch, missed events). */
export function invalidateAll(): void {
  void queryClient.invalidateQueries();
}
