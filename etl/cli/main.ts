import { DataDirBusyError } from '../../sql/data-dir-lock.ts';
import { processIo, UsageError, writeLine, type CliIo, type Command } from './io.ts';

/** Every command lives in its own module, loaded only when called (start-up stays fast). */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  migrate: { summary: 'bring the database schema up to date', load: async () => (await import('./commands/migrate.ts')).run },
};

const USAGE = `Usage: vitrina COMMAND [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`).join('\n')}

Environment: DATABASE_URL (unset: embedded database in VITRINA_DATA_DIR, default ./data),
VITRINA_IIN_KEY (secret for visitor hashes).`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name ? io.stdout : io.stderr, USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    writeLine(io.stderr, `vitrina: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await command.load())(args, io);
  } catch (err: unknown) {
    return reportFailure(err, name, io);
  }
}

/** Exit 2 for usage and connection problems (data contract §5); 1 for anything else that failed. */
function reportFailure(err: unknown, name: string, io: CliIo): number {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (err instanceof UsageError || String(code).startsWith('ERR_PARSE_ARGS')) {
    writeLine(io.stderr, `vitrina ${name}: ${(err as Error).message}\nRun "vitrina --help" for usage.`);
    return 2;
  }
  if (err instanceof DataDirBusyError) {
    writeLine(io.stderr, `vitrina ${name}: ${err.message}`);
    return 2;
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01' || code === '28000') {
    writeLine(io.stderr, `vitrina ${name}: cannot connect to the database: ${(err as Error).message}`);
    return 2;
  }
  writeLine(io.stderr, `vitrina ${name}: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
}
