import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../../etl/read/header-aliases.ts';
import { fieldFor, matchHeaders } from '../../../etl/read/match-headers.ts';

describe('header matching', () => {
  it('ignores case, spaces and punctuation, and folds ё to е', () => {
    expect(fieldFor('visit', '  ВРЕМЯ   ПРИЁМА: ')).toBe('admitted_at');
    expect(fieldFor('visit', 'время приема')).toBe('admitted_at');
    expect(fieldFor('visit', 'Arrived-At')).toBe('arrived_at');
    expect(fieldFor('visit', '№ п/п')).toBe('visit_ref');
    expect(fieldFor('visit', '№')).toBe('visit_ref');
  });

  it('knows every alias of the contract table in Russian, Kazakh and English', () => {
    const table: Record<string, string[]> = {
      office: ['Подразделение', 'Офис', 'Бөлімше', 'office'],
      date: ['Дата', 'Күні', 'date'],
      arrived_at: ['Время прихода', 'Приход', 'Келген уақыты', 'Келу уақыты', 'arrived_at'],
      admitted_at: ['Время приёма', 'Время приема', 'Вход', 'Қабылданған уақыты', 'admitted_at'],
      started_at: ['Начало обслуживания', 'Қызмет көрсету басталды', 'started_at'],
      finished_at: ['Окончание', 'Время окончания', 'Аяқталды', 'Аяқталған уақыты', 'finished_at'],
      visit_ref: ['Талон', '№ талона', '№', '№ п/п', 'Нөмір', 'visit_ref'],
      topic_text: ['Цель визита', 'Цель', 'Суть обращения', 'Мақсаты', 'Келу мақсаты', 'topic_text'],
      service: ['Служба', 'Қызмет', 'service'],
      outcome: ['Результат', 'Нәтиже', 'outcome'],
      iin: ['ИИН', 'ЖСН', 'iin'],
      phone_surrendered: ['Телефон сдан', 'Телефон тапсырылды', 'phone_surrendered'],
      checkpoint_questioned: ['Опрошен на посту', 'Бекетте сұралды', 'checkpoint_questioned'],
      channel: ['Канал', 'Арна', 'channel'],
      specialist_called_at: ['specialist_called_at'],
      specialist_arrived_at: ['specialist_arrived_at'],
    };
    for (const [field, aliases] of Object.entries(table)) {
      for (const alias of aliases) expect(fieldFor('visit', alias), alias).toBe(field);
    }
  });

  it('matches Windows-1251 look-alikes of Kazakh letters (а г к н о у h и/i for ә ғ қ ң ө ұ ү һ і)', () => {
    expect(fieldFor('visit', 'Кабылданган уакыты')).toBe('admitted_at');
    expect(fieldFor('visit', 'Болiмше')).toBe('office'); // Latin i
    expect(fieldFor('visit', 'Болімше')).toBe('office'); // Ukrainian і, which cp1251 has
    expect(fieldFor('visit', 'Натиже')).toBe('outcome');
    expect(fieldFor('visit', 'Кызмет корсету басталды')).toBe('started_at');
    expect(normalizeHeader('Қабылданған уақыты')).toBe(normalizeHeader('Кабылданган уакыты'));
  });

  it('knows the inspection columns in English and Russian', () => {
    const headers = ['Подразделение', 'Дата проверки', 'Проверяющий', 'Решётки на окнах', 'Решетки на дверях', 'Внутри периметра',
      'Телефоны изымаются', 'Опрос на посту', 'Вывеска', 'Примечание'];
    const match = matchHeaders(headers);
    expect(match?.kind).toBe('inspection');
    expect(match?.columns).toEqual(['office', 'inspected_at', 'inspector', 'bars_on_windows', 'bars_on_doors',
      'inside_secured_perimeter', 'phones_collected_at_entrance', 'guard_questions_visitors', 'signage_present', 'notes']);
  });

  it('lists columns no field claims as unknown, and a header naming no arrival time is not a visit log', () => {
    expect(matchHeaders(['Время прихода', 'Оператор', ''])?.unknownColumns).toEqual(['Оператор']);
    expect(matchHeaders(['Дата', 'Талон', 'Цель визита'])).toBeNull();
  });

  it('gives a field claimed by two columns to the better alias: the ticket, not the row number', () => {
    expect(matchHeaders(['№ п/п', 'Время прихода', 'Талон'])?.columns).toEqual([null, 'arrived_at', 'visit_ref']);
    expect(matchHeaders(['№ п/п', 'Время прихода', 'Талон'])?.unknownColumns).toEqual(['№ п/п']);
  });
});
