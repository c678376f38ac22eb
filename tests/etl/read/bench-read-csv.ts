/**
 * Throughput check for the CSV reader (not a test): writes a Windows-1251 ';' file shaped like an e-queue
 * export and times readFile over it. Usage: npx tsx tests/etl/read/bench-read-csv.ts [rows=100000]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readFile } from '../../../etl/read/read-file.ts';

const rows = Number(process.argv[2] ?? 100_000);
const header = 'Дата;Время прихода;Время приёма;Начало обслуживания;Окончание;Талон;Цель визита;Служба;Результат;ИИН;Телефон сдан;Опрошен на посту';
const topics = ['Справка о несудимости', 'Кража телефона; заявление', 'Мошенничество по телефону', '"Консультация"'];
const lines = [header];
for (let i = 0; i < rows; i++) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const topic = topics[i % topics.length] ?? '';
  const quoted = topic.includes(';') || topic.includes('"') ? `"${topic.replace(/"/g, '""')}"` : topic;
  lines.push(`${day}.01.2019;09:${String(i % 60).padStart(2, '0')};09:05;09:10;09:25;${i};${quoted};МП;консультация;880101300123;нет;да`);
}
const dir = mkdtempSync(path.join(tmpdir(), 'vitrina-bench-'));
const file = path.join(dir, 'SRK_2019-01.csv');
writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'win1251'));
const started = performance.now();
const cpu = process.cpuUsage();
const result = await readFile(file);
let count = 0;
for await (const record of result.records) if (record.values) count++;
const seconds = (performance.now() - started) / 1000;
const { user, system } = process.cpuUsage(cpu);
console.log(`${count} rows in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} rows/s (cpu ${((user + system) / 1e6).toFixed(2)} s), rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
rmSync(dir, { recursive: true });
