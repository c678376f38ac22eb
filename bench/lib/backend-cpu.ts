import fs from 'node:fs';
import pg from 'pg';

/** CPU seconds (user + system) a local process has used so far, from /proc/<pid>/stat; null once gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Samples the CPU time of every server backend connected to one database (the server runs on this
 * machine) until stopped. On a machine shared with other work, CPU seconds compare runs better
 * than wall time does.
 */
export function watchBackendCpu(serverUrl: string, database: string): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: serverUrl });
  const seen = new Map<number, number>();
  let stopped = false;
  const ready = client.connect();
  const sample = async () => {
    const r = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    for (const { pid } of r.rows) {
      const cpu = processCpuSeconds(pid);
      if (cpu !== null) seen.set(pid, Math.max(seen.get(pid) ?? 0, cpu));
    }
  };
  const loop = (async () => {
    await ready;
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await client.end();
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
}
