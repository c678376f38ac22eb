import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../etl/pipeline.ts';
import type { CliIo } from './io.ts';

export type ProgressMode = 'auto' | 'lines' | 'off';

/**
 * A progress bar with rows/s on a terminal; nothing at all in --json mode or when stdout is not a
 * terminal (pipes and CI logs stay clean), unless --progress asks for plain lines on stderr (for
 * jobs whose logs are watched).
 */
export function createIngestProgress(io: CliIo, mode: ProgressMode): { update(e: ProgressEvent): void; stop(): void } {
  if (mode === 'lines') {
    const started = Date.now();
    return {
      update(e) {
        const rate = Math.round(e.rows / Math.max((Date.now() - started) / 1000, 0.001));
        io.stderr.write(`progress ${e.fileIndex + 1}/${e.fileCount} ${e.path}: ${e.rows} rows, ${rate} rows/s\n`);
      },
      stop() {},
    };
  }
  if (mode === 'off' || !io.interactive) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({
    stream: io.stderr as NodeJS.WriteStream,
    format: 'файл {file}/{files} |{bar}| {rows} строк · {rate} строк/с · {name}',
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  const started = Date.now();
  let done = 0; // rows of files already finished
  let current = { index: -1, rows: 0 };
  bar.start(1, 0, { file: 0, files: 0, rows: 0, rate: 0, name: '' });
  return {
    update(e) {
      if (e.fileIndex !== current.index) {
        done += current.rows;
        current = { index: e.fileIndex, rows: 0 };
      }
      current.rows = e.rows;
      const rows = done + e.rows;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.setTotal(e.fileCount);
      bar.update(e.fileIndex, {
        file: e.fileIndex + 1, files: e.fileCount, rows: rows.toLocaleString('ru-RU'),
        rate: Math.round(rows / seconds).toLocaleString('ru-RU'), name: e.path.split('/').pop() ?? '',
      });
    },
    stop() { bar.stop(); },
  };
}
