import type { InspectionField, VisitField } from '../model.ts';

/**
 * Header spellings each canonical field answers to (data contract §2 and §3). Order matters: when two
 * columns claim one field, the column whose alias comes earlier in the list wins ("Талон" beats "№ п/п").
 * Spellings are normalised by normalizeHeader() before matching, so case, spaces, punctuation, ё/е
 * and the Windows-1251 look-alikes of Kazakh letters need no separate entries.
 */
export const VISIT_ALIASES: Readonly<Record<VisitField, readonly string[]>> = {
  office: ['office', 'office_code', 'Подразделение', 'Офис', 'Фронт-офис', 'Отдел полиции', 'Бөлімше', 'Бөлімше атауы'],
  visit_ref: ['visit_ref', 'Талон', '№ талона', 'Номер талона', 'Талон №', 'ticket', 'Нөмір', 'Номер', '№', '№ п/п', '#'],
  date: ['date', 'Дата', 'Күні', 'Күн', 'Дата визита', 'Дата обращения', 'Дата посещения', 'Келген күні'],
  arrived_at: [
    'arrived_at', 'arrival', 'arrival_time', 'Время прихода', 'Приход', 'Время прибытия', 'Пришел', 'Время обращения',
    'Келген уақыты', 'Келу уақыты', 'Келді',
  ],
  admitted_at: [
    'admitted_at', 'Время приёма', 'Вход', 'Время входа', 'Қабылданған уақыты', 'Қабылданды', 'Кірген уақыты', 'Кіру уақыты',
  ],
  started_at: [
    'started_at', 'Начало обслуживания', 'Начало', 'Начало приёма', 'Қызмет көрсету басталды', 'Басталған уақыты', 'Басталды',
  ],
  finished_at: [
    'finished_at', 'Окончание', 'Время окончания', 'Окончание обслуживания', 'Конец', 'Завершено',
    'Аяқталды', 'Аяқталған уақыты',
  ],
  topic_text: [
    'topic_text', 'topic', 'purpose', 'Цель визита', 'Цель', 'Суть обращения', 'Цель обращения', 'Тема обращения', 'Тема',
    'Мақсаты', 'Келу мақсаты', 'Өтініш мәні',
  ],
  service: ['service', 'Служба', 'Служба полиции', 'Қызмет', 'Қызмет түрі'],
  outcome: ['outcome', 'result', 'Результат', 'Итог', 'Результат обращения', 'Нәтиже', 'Нәтижесі'],
  iin: ['iin', 'ИИН', 'ИИН посетителя', 'ЖСН'],
  phone_surrendered: ['phone_surrendered', 'Телефон сдан', 'Сдал телефон', 'Телефон изъят', 'Телефон тапсырылды'],
  checkpoint_questioned: ['checkpoint_questioned', 'Опрошен на посту', 'Опрос на посту', 'Бекетте сұралды'],
  specialist_called_at: [
    'specialist_called_at', 'Вызван специалист', 'Время вызова специалиста', 'Специалист вызван', 'Маман шақырылды',
    'Маман шақырылған уақыты',
  ],
  specialist_arrived_at: [
    'specialist_arrived_at', 'Специалист прибыл', 'Время прибытия специалиста', 'Маман келді', 'Маман келген уақыты',
  ],
  channel: ['channel', 'Канал', 'Канал обращения', 'Способ записи', 'Арна'],
};

export const INSPECTION_ALIASES: Readonly<Record<InspectionField, readonly string[]>> = {
  office: ['office', 'office_code', 'Подразделение', 'Офис', 'Фронт-офис', 'Бөлімше'],
  inspected_at: ['inspected_at', 'Дата проверки', 'Дата и время проверки', 'Проверено', 'Тексеру күні', 'Тексерілген күні'],
  inspector: ['inspector', 'Проверяющий', 'Инспектор', 'Тексеруші'],
  bars_on_windows: ['bars_on_windows', 'Решётки на окнах', 'Терезедегі торлар', 'Терезеде тор'],
  bars_on_doors: ['bars_on_doors', 'Решётки на дверях', 'Есіктегі торлар', 'Есікте тор'],
  inside_secured_perimeter: [
    'inside_secured_perimeter', 'Внутри периметра', 'Внутри охраняемого периметра', 'Күзетілетін периметр ішінде', 'Периметр ішінде',
  ],
  phones_collected_at_entrance: [
    'phones_collected_at_entrance', 'Телефоны изымаются', 'Телефоны сдаются на входе', 'Изъятие телефонов', 'Телефондар алынады',
  ],
  guard_questions_visitors: [
    'guard_questions_visitors', 'Опрос на посту', 'Постовой опрашивает', 'Опрос посетителей на посту', 'Бекетте сұрау', 'Бекетте сұрайды',
  ],
  signage_present: ['signage_present', 'Вывеска', 'Есть вывеска', 'Маңдайша', 'Маңдайша жазу'],
  notes: ['notes', 'Примечание', 'Примечания', 'Комментарий', 'Ескерту', 'Ескертпе'],
};

// Windows-1251 has no ә ғ қ ң ө ұ ү һ і, so such files carry look-alikes; fold both sides to them.
const KAZAKH_FOLD: Readonly<Record<string, string>> = {
  ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'h', і: 'и', ё: 'е',
};
// Latin letters typed into a Cyrillic word (a keyboard-layout slip, or the "i" for "і") look the same.
const LATIN_IN_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', k: 'к', i: 'и', y: 'у', m: 'м', t: 'т', b: 'в',
};

/** The key a header is matched by: lower case, letters and digits only, ё→е, Kazakh letters folded. */
export function normalizeHeader(header: string): string {
  const lower = header.toLowerCase().replace(/#/g, '№').replace(/[^\p{L}\p{N}№]+/gu, '');
  const folded = lower.replace(/[әғқңөұүһіё]/g, (ch) => KAZAKH_FOLD[ch] ?? ch);
  if (!/[\u0400-\u04ff]/.test(folded)) return folded;
  return folded.replace(/[acepxkiymtb]/g, (ch) => LATIN_IN_CYRILLIC[ch] ?? ch);
}
