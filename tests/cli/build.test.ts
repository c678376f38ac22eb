import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBundle } from '../../cli/bundle.mjs';
import { tempFolder } from '../helpers/files.ts';

// A small project shaped like this one: the CLI's build is made from it as from the real sources.
const project = tempFolder('vitrina-cli-build-');
const outDir = path.join(project.dir, 'out');
const root = path.join(project.dir, 'src');
afterAll(() => project.remove());

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

write('cli/main.ts', `import fs from 'node:fs';
import { word } from '../domain/word.ts';
// Read beside the source file, as the migrations and the classifier's model are.
const beside = fs.readFileSync(new URL('./beside.txt', import.meta.url), 'utf8');
export function main(): string { return [word, beside, typeof VITRINA_BUNDLE_DIR].join(' '); }
`);
write('cli/beside.txt', 'found');
write('cli/commands/hello.ts', `export const summary = 'hello';\n`);
write('domain/word.ts', `export const word: string = 'first';\n`);
write('etl/load/visit-worker.ts', `export {};\n`);
write('server/upload/read-check-child.ts', `export {};\n`);

const build = (): Promise<string> => ensureBundle({ root, outDir });
const runMain = async (dir: string): Promise<string> =>
  ((await import(pathToFileURL(path.join(dir, 'cli', 'main.js')).href)) as { main(): string }).main();

describe('the CLI\'s build (cli/bundle.mjs)', () => {
  let first = '';

  it('is made on first use: JavaScript that reads its files beside the sources and knows it is a build', async () => {
    first = await build();
    expect(await runMain(first)).toBe('first found string');
    expect(fs.existsSync(path.join(first, 'cli', 'commands', 'hello.js'))).toBe(true);
    expect(fs.existsSync(path.join(first, 'etl', 'load', 'visit-worker.js'))).toBe(true);
    expect(fs.existsSync(path.join(first, 'server', 'upload', 'read-check-child.js'))).toBe(true);
  });

  it('is used again while no source changes', async () => {
    expect(await build()).toBe(first);
  });

  it('is made again when a source it holds changes, and when a command is added', async () => {
    write('domain/word.ts', `export const word: string = 'second';\n`);
    const second = await build();
    expect(second).not.toBe(first);
    expect(await runMain(second)).toBe('second found string');
    write('cli/commands/bye.ts', `export const summary = 'bye';\n`);
    const third = await build();
    expect(third).not.toBe(second);
    expect(fs.existsSync(path.join(third, 'cli', 'commands', 'bye.js'))).toBe(true);
    // The earlier builds stay: a process started from one may still load its commands or its worker.
    expect(fs.existsSync(path.join(first, 'cli', 'main.js'))).toBe(true);
  });
});
