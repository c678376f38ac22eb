import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; injected so tests can run commands in-process and silently. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** stdout is a terminal: progress bars and colours are allowed. */
  interactive: boolean;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, interactive: Boolean(process.stdout.isTTY) };
}

/** A command's usage error: the CLI prints it with the usage line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What every cli/commands/<name>.ts exports. `run` resolves to the process exit code. */
export interface CommandModule {
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export function writeLine(stream: Writable, text: string): void {
  stream.write(`${text}\n`);
}
