import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.ts';
import { lendDatabase } from '../../cli/with-database.ts';
import { openDatabase, type DatabaseHandle } from '../../sql/db.ts';
import { readConfig, useConfig } from '../../domain/config.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'cli/vitrina.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a CLI run sees: ours, minus DATABASE_URL (the test decides the database), plus env. */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const baseEnv = { ...process.env };
  delete baseEnv.DATABASE_URL;
  return { ...baseEnv, ...env };
}

function collect(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs the CLI's own main(argv, io) in this process, with the given environment as its
 * configuration: the same commands, parsing, exit codes and output as `vitrina …`, without paying a
 * new Node process, tsx and the imports each time (seconds per call). Calls must not overlap.
 */
export async function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  const stdout = collect();
  const stderr = collect();
  const restore = useConfig(readConfig(cliEnv(env)));
  try {
    const code = await main(args, { stdin: Readable.from(stdin ? [Buffer.from(stdin, 'utf8')] : [], { objectMode: false }), stdout: stdout.stream, stderr: stderr.stream, interactive: false });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    restore();
  }
}

export interface CliSession {
  /** runCli on the session's database, which every command borrows instead of opening it again. */
  run(args: string[], stdin?: string): Promise<CliResult>;
  /** The same open database, for the test's own reads and seeds between commands. */
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Opens a target's database once for many in-process commands (cli/with-database.ts lendDatabase):
 * each command runs as `vitrina …` would, but without opening and closing the database itself. Not
 * for commands in child processes: the embedded database admits one process at a time.
 */
export async function cliSession(env: Record<string, string>, open?: DatabaseHandle): Promise<CliSession> {
  // The test's own open handle on that same database, when it has one already; closed with the session.
  const handle = open ?? await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.VITRINA_DATA_DIR ?? '', holder: 'test' });
  return {
    handle,
    async run(args, stdin) {
      lendDatabase(handle);
      try {
        return await runCli(args, env, stdin);
      } finally {
        lendDatabase(null);
      }
    },
    close: () => handle.close(),
  };
}

/**
 * Runs the real CLI in a child process, as an operator would, with the given environment: for the
 * few tests of what only a process shows (its exit status, its stdout, the data directory lock
 * between processes).
 */
export function runCliProcess(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
