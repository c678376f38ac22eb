import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { processCpuSeconds } from './backend-cpu.ts';

export interface ChildRun {
  code: number | null;
  seconds: number;
  /** Peak resident memory of the child, from /proc/<pid>/status VmHWM (sampled until exit). */
  peakMb: number;
  /** CPU time of the child (user + system), from /proc/<pid>/stat at the last sample before exit. */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

/** Times a whole process, start to exit, as an operator would experience it. */
export function measureChild(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    let cpuSeconds = 0;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        cpuSeconds = processCpuSeconds(child.pid ?? 0) ?? cpuSeconds;
      } catch { /* exited between samples */ }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ code, seconds, peakMb: peakKb / 1024, cpuSeconds, stdout, stderr });
    });
  });
}
