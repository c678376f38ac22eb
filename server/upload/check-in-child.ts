import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RejectedFileError } from '../../etl/model.ts';
import type { ReadCheckReply } from './read-check.ts';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'read-check-child.mjs');

export interface ReadCheckLimits {
  /** V8 heap of the child, in MB. */
  heapMb: number;
  /** Time one file may take to read, in seconds. */
  seconds: number;
}

export const READ_CHECK_LIMITS: ReadCheckLimits = { heapMb: 192, seconds: 300 };

function startChild(heapMb: number): ChildProcess {
  return fork(CHILD, [], { execArgv: [`--max-old-space-size=${heapMb}`], stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' });
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
 * that runs out of memory refuses the file it was reading, and a fresh child takes the rest.
 */
export async function checkFilesInChild(files: readonly string[], limits: ReadCheckLimits = READ_CHECK_LIMITS): Promise<Map<string, RejectedFileError>> {
  const refused = new Map<string, RejectedFileError>();
  let child: ChildProcess | null = null;
  try {
    for (const file of files) {
      child ??= startChild(limits.heapMb);
      const verdict = await ask(child, file, limits);
      if (verdict === 'out_of_memory' || verdict === 'crashed' || verdict?.code === 'too_slow') {
        child.kill('SIGKILL');
        child = null;
      }
      if (verdict === 'out_of_memory') refused.set(file, new RejectedFileError('too_much_memory', { limit: limits.heapMb }));
      else if (verdict === 'crashed') refused.set(file, new RejectedFileError('internal_error'));
      else if (verdict) refused.set(file, verdict);
    }
  } finally {
    child?.kill();
  }
  return refused;
}
