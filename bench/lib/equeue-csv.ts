import fs from 'node:fs';
import iconv from 'iconv-lite';

/**
 * A large e-queue export as an office sends it: Windows-1251, ';', Russian headers, DD.MM.YYYY
 * dates, HH:MM:SS times, tickets restarting daily, topics that repeat a lot with typos.
 */
const HEADER = 'Дата;Время прихода;Время приёма;Начало обслуживания;Окончание;Талон;Цель визита;Служба;Результат;ИИН;Телефон сдан;Опрошен на посту';
const TOPICS = [
  'справка о несудимости', 'Справка о несуд.', 'регистрация иностранца', 'рег. иностр.', 'ДТП', 'кража телефона',
  'украли телефон', 'мошенничество с картой', 'мошенники сняли деньги', 'избил муж', 'угрозы соседа', 'утеря паспорта',
  'потерял удостоверение', 'разрешение на оружие', 'сын не пришел домой', 'жалоба на участкового', 'консультация',
  'вопрос по штрафу', 'шум соседей', 'ВНЖ', 'ұрлық туралы арыз', 'анықтама алу', 'көші-қон', 'stolen phone', '',
  'кража скота', 'угон авто', 'продление визы', 'административный штраф', 'консультация юриста',
];
const SERVICES = ['МП', 'АП', 'ЮП', 'СОГ', 'УП', ''];
const OUTCOMES = ['консультация', 'заявление принято', 'направлен', 'отказано'];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function hms(s: number): string {
  return `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** A valid IIN (Kazakhstan checksum: weights 1–11, then 3–11,1,2 when the first gives 10) derived from n. */
export function validIin(n: number): string {
  const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
  for (let tweak = 0; ; tweak++) {
    const body = `${850101 + (n % 28)}${String((n * 7919 + tweak) % 100000).padStart(5, '0')}`;
    const d = [...body].map(Number);
    let c = d.reduce((acc, x, i) => acc + x * (i + 1), 0) % 11;
    if (c === 10) c = d.reduce((acc, x, i) => acc + x * (W2[i] ?? 0), 0) % 11;
    if (c !== 10) return body + c;
  }
}

/** Writes `rows` visits for one office over consecutive days starting 2019-01-09; returns the path. */
export function writeEqueueCsv(file: string, rows: number, perDay = 1000): string {
  if (fs.existsSync(file) && fs.statSync(file).size > 0) return file;
  const out = fs.openSync(file, 'w');
  let buf = `${HEADER}\r\n`;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < rows; i++) {
    const dayIndex = Math.floor(i / perDay);
    const date = new Date(Date.UTC(2019, 0, 9 + dayIndex));
    const dateText = `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
    const arrive = 9 * 3600 + Math.floor(((i % perDay) / perDay) * 9 * 3600);
    const admitted = arrive + Math.floor(rnd() * 400);
    const started = admitted + Math.floor(rnd() * 300);
    const finished = started + 120 + Math.floor(rnd() * 1500);
    const iin = rnd() < 0.7 ? validIin(i) : rnd() < 0.5 ? '' : '123';
    buf += `${dateText};${hms(arrive)};${hms(admitted)};${hms(started)};${hms(finished)};${(i % perDay) + 1};`
      + `${TOPICS[i % TOPICS.length]};${SERVICES[i % SERVICES.length]};${OUTCOMES[i % OUTCOMES.length]};${iin};нет;нет\r\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(out, iconv.encode(buf, 'win1251'));
      buf = '';
    }
  }
  fs.writeSync(out, iconv.encode(buf, 'win1251'));
  fs.closeSync(out);
  return file;
}
