import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DataDirBusyError } from '../sql/data-dir-lock.ts';
import { processIo, UsageError, writeLine, type CliIo, type CommandModule } from './io.ts';

/**
 * Each command is one module in commands/ (kebab-case file = command name, e.g. `user-add.ts` is
 * `vitrina user add`), loaded only when called, so start-up stays fast and adding one edits nothing here.
 */
const BUILT = typeof VITRINA_BUNDLE_DIR === 'string';
// In the CLI's build (cli/bundle.mjs) each command is a module of its own there, as JavaScript.
const COMMANDS_DIR = BUILT ? path.join(VITRINA_BUNDLE_DIR ?? '', 'cli', 'commands') : path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');
const EXTENSION = BUILT ? '.js' : '.ts';

function commandFiles(): Map<string, string> {
  const files = fs.readdirSync(COMMANDS_DIR).filter((f) => f.endsWith(EXTENSION));
  return new Map(files.map((f) => [f.slice(0, -EXTENSION.length), pathToFileURL(path.join(COMMANDS_DIR, f)).href]));
}

async function usage(): Promise<string> {
  const lines: string[] = [];
  for (const [name, file] of commandFiles()) {
    const mod = (await import(file)) as CommandModule;
    lines.push(`  ${name.replace(/-/g, ' ').padEnd(16)} ${mod.summary}`);
  }
  return `Usage: vitrina COMMAND [options]\n\nCommands:\n${lines.join('\n')}\n
Environment: DATABASE_URL (unset: the embedded database in VITRINA_DATA_DIR, default ./data),
VITRINA_IIN_KEY (secret for visitor hashes).`;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (argv.length === 0 || ['--help', '-h', 'help'].includes(argv[0] ?? '')) {
    writeLine(argv.length ? io.stdout : io.stderr, await usage());
    return argv.length ? 0 : 2;
  }
  const files = commandFiles();
  // Two-word commands (`user add`) map to `user-add.ts`; the longest match wins.
  const twoWords = `${argv[0]}-${argv[1] ?? ''}`;
  const [name, args] = files.has(twoWords) ? [twoWords, argv.slice(2)] : [argv[0] ?? '', argv.slice(1)];
  const file = files.get(name);
  if (!file) {
    writeLine(io.stderr, `vitrina: unknown command "${argv[0]}"\n\n${await usage()}`);
    return 2;
  }
  try {
    const mod = (await import(file)) as CommandModule;
    return await mod.run(args, io);
  } catch (err: unknown) {
    return reportFailure(err, name.replace(/-/g, ' '), io);
  }
}

/** Exit 2 for usage and connection problems (data contract §5); 1 for anything else that failed. */
function reportFailure(err: unknown, name: string, io: CliIo): number {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError || String(code).startsWith('ERR_PARSE_ARGS')) {
    writeLine(io.stderr, `vitrina ${name}: ${message}\nRun "vitrina --help" for usage.`);
    return 2;
  }
  if (err instanceof DataDirBusyError) {
    writeLine(io.stderr, `vitrina ${name}: ${message}`);
    return 2;
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01' || code === '28000') {
    writeLine(io.stderr, `vitrina ${name}: cannot connect to the database: ${message}`);
    return 2;
  }
  writeLine(io.stderr, `vitrina ${name}: ${message}`);
  return 1;
}
