import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RejectedFileError } from '../../etl/model.ts';
import type { ReadCheckReply } from './read-check.ts';

/** The child's module: its build when the CLI runs from one (cli/bundle.mjs), else the tsx bootstrap of its source. */
const CHILD = typeof VITRINA_BUNDLE_DIR === 'string'
  ? path.join(VITRINA_BUNDLE_DIR, 'server', 'upload', 'read-check-child.js')
  : path.join(path.dirname(fileURLToPath(import.meta.url)), 'read-check-child.mjs');

export interface ReadCheckLimits {
  /** V8 heap of the child, in MB. */
  heapMb: number;
  /** Time one file may take to read, in seconds. */
  seconds: number;
}

export const READ_CHECK_LIMITS: ReadCheckLimits = { heapMb: 192, seconds: 300 };

/**
 * A child that read its files cleanly waits this long for the next upload before it is ended: a
 * batch of uploads starts one instead of paying Node's and the readers' start-up (~0.5 s) each time.
 */
const IDLE_MS = 10_000;

let idle: { child: ChildProcess; heapMb: number; timer: NodeJS.Timeout } | null = null;
let started = 0;

/** How many read-check children this process has started: one for a run of uploads, not one each. */
export function readCheckChildrenStarted(): number {
  return started;
}

function takeChild(heapMb: number): ChildProcess {
  const kept = idle;
  idle = null;
  if (kept) {
    clearTimeout(kept.timer);
    if (kept.heapMb === heapMb && kept.child.exitCode === null && kept.child.signalCode === null) {
      kept.child.ref();
      kept.child.channel?.ref();
      return kept.child;
    }
    kept.child.kill();
  }
  const child = fork(CHILD, [], { execArgv: [`--max-old-space-size=${heapMb}`], stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' });
  started++;
  child.once('exit', () => { if (idle?.child === child) { clearTimeout(idle.timer); idle = null; } });
  return child;
}

/** Keeps a healthy child for the next upload; an idle child never holds the server's process open. */
function keepIdle(child: ChildProcess, heapMb: number): void {
  idle?.child.kill();
  child.unref();
  child.channel?.unref();
  const timer = setTimeout(() => { idle = null; child.kill(); }, IDLE_MS);
  timer.unref();
  idle = { child, heapMb, timer };
}

/** Asks the child about one file; a child that dies or runs out of time is the file's verdict. */
function ask(child: ChildProcess, file: string, limits: ReadCheckLimits): Promise<RejectedFileError | null | 'out_of_memory' | 'crashed'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new RejectedFileError('too_slow', { limit: limits.seconds }));
    }, limits.seconds * 1000);
    const onMessage = (reply: ReadCheckReply) => {
      if (reply.path !== file) return;
      finish(reply.rejected ? new RejectedFileError(reply.rejected.code, reply.rejected.params) : null);
    };
    // V8 aborts when the heap limit is reached; any other death is a reader fault.
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => finish(code === 134 || signal === 'SIGABRT' ? 'out_of_memory' : 'crashed');
    function finish(result: RejectedFileError | null | 'out_of_memory' | 'crashed'): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(result);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ path: file });
  });
}

/**
 * Reads each uploaded file once in a child process whose heap is capped, before the server reads it:
 * whatever a file does to a reader (a zip bomb, a gigabyte-long line, a damaged Arrow block) happens in
 * the child, and the server's own memory never sees it. Returns the files refused, with why; a child
 * that runs out of memory refuses the file it was reading, and a fresh child takes the rest. A child
 * that answered for every file waits for the next upload (IDLE_MS).
 */
export async function checkFilesInChild(files: readonly string[], limits: ReadCheckLimits = READ_CHECK_LIMITS): Promise<Map<string, RejectedFileError>> {
  const refused = new Map<string, RejectedFileError>();
  let child: ChildProcess | null = null;
  try {
    for (const file of files) {
      child ??= takeChild(limits.heapMb);
      const verdict = await ask(child, file, limits);
      if (verdict === 'out_of_memory' || verdict === 'crashed' || verdict?.code === 'too_slow') {
        child.kill('SIGKILL');
        child = null;
      }
      if (verdict === 'out_of_memory') refused.set(file, new RejectedFileError('too_much_memory', { limit: limits.heapMb }));
      else if (verdict === 'crashed') refused.set(file, new RejectedFileError('internal_error'));
      else if (verdict) refused.set(file, verdict);
    }
  } catch (err) {
    child?.kill();
    throw err;
  }
  if (child) keepIdle(child, limits.heapMb);
  return refused;
}
