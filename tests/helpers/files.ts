import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';

/** A temporary folder for files a test writes as an office would send them. */
export function tempFolder(prefix = 'vitrina-files-'): { dir: string; write(name: string, text: string, encoding?: 'utf8' | 'utf8bom' | 'win1251'): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    write(name, text, encoding = 'utf8') {
      const file = path.join(dir, name);
      const bytes = encoding === 'win1251' ? iconv.encode(text, 'win1251')
        : Buffer.from(encoding === 'utf8bom' ? `\uFEFF${text}` : text, 'utf8');
      fs.writeFileSync(file, bytes);
      return file;
    },
    remove() { fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A valid Kazakhstan IIN: weights 1–11, then 3–11,1,2 when the first sum gives 10. */
export function makeIin(body11: string): string {
  const d = [...body11].map(Number);
  let c = d.reduce((acc, x, i) => acc + x * (i + 1), 0) % 11;
  if (c === 10) c = d.reduce((acc, x, i) => acc + x * ([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2][i] ?? 0), 0) % 11;
  if (c === 10) throw new Error(`no valid IIN starts with ${body11}`);
  return body11 + c;
}
