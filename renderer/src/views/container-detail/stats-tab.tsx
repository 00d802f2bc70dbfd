// Live stats while the container runs: CPU, memory, network and block I/O over the last minute.
import { useEffect, useState } from 'react';
import type { BurrowErrorData } from '../../../../electron/contract/index.js';
import type { ContainerStats } from '../../../../core/model/types.js';
import { ApiError } from '../../api/types.js';
import { ErrorNote, bytes } from '../../components/ui.js';
import { useStore } from '../../store/store.js';
import { useHostFacts } from '../../data/queries.js';
import { Spark } from './spark.js';

export function StatsTab({ id, running }: { id: string; running: boolean }) {
  const api = useStore((s) => s.api);
  const facts = useHostFacts();
  const [samples, setSamples] = useState<ContainerStats[]>([]);
  const [error, setError] = useState<BurrowErrorData>();
  useEffect(() => {
    if (!api || !running) return;
    setSamples([]);
    setError(undefined);
    return api.subscribe(
      'stats',
      { id },
      (s) => setSamples((prev) => [...prev.slice(-59), s]),
      (e) => e && setError(e),
    );
  }, [api, id, running]);
  if (!running) return <p className="muted">Stats are shown while the container runs.</p>;
  // Rootless cgroup v2 reports I/O only where the io controller is delegated; a flat zero would mislead.
  const noIo = facts?.cgroupVersion === 'v2' && facts.rootless && !facts.cgroupControllers.includes('io');
  if (error) return <ErrorNote error={new ApiError(error)} />;
  const last = samples[samples.length - 1];
  return (
    <div className="stats">
      <Spark
        values={samples.map((s) => s.cpuPercent)}
        label={`CPU ${last ? last.cpuPercent.toFixed(1) : 0}%`}
        max={100}
      />
      <Spark
        values={samples.map((s) => s.memUsage)}
        label={`Memory ${bytes(last?.memUsage)} of ${bytes(last?.memLimit)}`}
      />
      <Spark
        values={samples.map((s) => s.netInput + s.netOutput)}
        label={`Network in ${bytes(last?.netInput)} / out ${bytes(last?.netOutput)}`}
      />
      {noIo ? (
        <p className="note" role="note" aria-label="Block I/O">
          Block I/O is not measured here: the io cgroup controller is not delegated to your user (System →
          Doctor).
        </p>
      ) : (
        <Spark
          values={samples.map((s) => s.blockInput + s.blockOutput)}
          label={`Block I/O read ${bytes(last?.blockInput)} / write ${bytes(last?.blockOutput)}`}
        />
      )}
    </div>
  );
}
